"""FinanceIt's error shape, `{"errors": ["..."]}`, for every refusal the sandbox makes.

The reference gives the shape (a list of error strings) but not the strings.
The sandbox writes a complaint about one parameter as "<parameter> <what is
wrong>" ("requested_amount is required"), and a complaint about the request
as a sentence starting with a capital ("Invalid access token"), so that a
client can tell which field an error is about.

Statuses: 401 for a missing, unknown or expired token and for refused
credentials (the reference); 403 for a valid token whose user may not use the
route (anonymous users; the reference says only that they may use a subset);
404 for a record that does not exist or is not the user's; 422 for a request
that fails validation (the reference is silent; 422 is what a Rails API like
FinanceIt's answers).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse


class FinanceItError(Exception):
    def __init__(self, status: int, *errors: str) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = list(errors)


def unauthorized(message: str = "Invalid access token") -> FinanceItError:
    return FinanceItError(401, message)


def invalid(*errors: str) -> FinanceItError:
    return FinanceItError(422, *errors)


def not_found(what: str) -> FinanceItError:
    return FinanceItError(404, f"{what} not found")


def error_response(status: int, errors: Sequence[str]) -> JSONResponse:
    return JSONResponse({"errors": list(errors)}, status)


def describe(error: dict[str, Any]) -> str:
    """One pydantic complaint as FinanceIt-style text: "<field> <what is wrong>"."""
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "body", "path")]
    name = ".".join(loc) or "request"
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"{name} is required"
    if kind == "literal_error":
        return f"{name} must be one of: {ctx.get('expected', '')}".replace("'", "")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{name} must be an integer"
    if kind in ("float_parsing", "float_type", "decimal_parsing", "finite_number"):
        return f"{name} must be a number"
    if kind in ("bool_parsing", "bool_type"):
        return f"{name} must be true or false"
    if kind in ("string_type",):
        return f"{name} must be a string"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{name} must be an object" if loc else "Request body must be a JSON object"
    if kind == "list_type":
        return f"{name} must be a list"
    if kind == "json_invalid":
        return "Request body is not valid JSON"
    return f"{name} is invalid: {error.get('msg', '')}"


def install_error_handlers(app: FastAPI) -> None:
    async def on_financeit_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, FinanceItError)
        return error_response(exc.status, exc.errors)

    async def on_validation_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        seen: list[str] = []
        for error in exc.errors():
            text = describe(error)
            if text not in seen:
                seen.append(text)
        return error_response(422, seen)

    async def on_http_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return JSONResponse({"errors": [str(exc.detail)]}, exc.status_code, headers=exc.headers)

    app.add_exception_handler(FinanceItError, on_financeit_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
