"""Finmo's error body, and the handlers that answer every refusal with it.

The reference documents no error shape, so the sandbox uses one plain shape for
every status (400, 401, 404, 405, 429, 5xx):

    {"message": "Validation failed", "errors": [{"field": "applicant.email", "message": "..."}]}

`field` is a dotted path into the request (list items as `teamMembers[1]`), or
null when the complaint is about the request as a whole.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

FieldErrors = list[tuple[str | None, str]]


def error_body(message: str, errors: FieldErrors | None = None) -> dict[str, Any]:
    items = [{"field": field, "message": text} for field, text in errors or []]
    return {"message": message, "errors": items}


class FinmoError(Exception):
    """Raised by routes; answered with `error_body` and `status`."""

    def __init__(self, status: int, message: str, errors: FieldErrors | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors: FieldErrors = errors or []


def invalid(field: str | None, message: str) -> FinmoError:
    return FinmoError(400, "Validation failed", [(field, message)])


def not_found(what: str) -> FinmoError:
    return FinmoError(404, f"{what} not found")


def _field_path(loc: tuple[int | str, ...]) -> str | None:
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif path:
            path += f".{part}"
        else:
            path = str(part)
    return path or None


def _validation_errors(exc: RequestValidationError) -> FieldErrors:
    errors: FieldErrors = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            errors.append((None, "The request body is not valid JSON"))
            continue
        message = str(error.get("msg", "Invalid value"))
        # pydantic prefixes messages of custom validators with "Value error, ".
        message = message.removeprefix("Value error, ")
        errors.append((_field_path(tuple(error.get("loc", ()))), message))
    return errors


def install_error_handlers(app: FastAPI) -> None:
    """Answer FastAPI's own refusals (422, 404, 405) and crashes (500) in Finmo's shape."""

    async def on_finmo_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, FinmoError)
        return JSONResponse(error_body(exc.message, exc.errors), exc.status)

    async def on_validation_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return JSONResponse(error_body("Validation failed", _validation_errors(exc)), 400)

    async def on_http_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return JSONResponse(
            error_body(str(exc.detail)), exc.status_code, headers=getattr(exc, "headers", None)
        )

    async def on_crash(_: Request, __: Exception) -> JSONResponse:
        # Starlette still re-raises after answering, so the traceback is logged.
        return JSONResponse(error_body("Internal server error"), 500)

    app.add_exception_handler(FinmoError, on_finmo_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_crash)
