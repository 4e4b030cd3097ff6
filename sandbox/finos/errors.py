"""Finos's error shape and the handlers that answer every failure in it.

Every error is `{"error": {"type": ..., "message": ...}}` except the 429, which
the reference shows as a list: `{"error": [{"type": "rate_limit_exceeded", ...}]}`.

Status and type, as the reference lists them:

    400 invalid_request    a required parameter is missing, a query parameter is wrong,
                           or the request does not fit the resource's state
    400 validation_error   a POST/PUT field is present but not valid
    401 authentication_error   no valid API key
    402 invalid_request    the parameters were valid but the request failed
                           (insufficient funds, KYC not passed, order already filled)
    404 not_found          the resource (or a resource the body names) does not exist
    409 invalid_request    conflicts with another request (Idempotency-Key reuse, duplicates)
    429 rate_limit_exceeded
    5xx api_error

Messages start with the field they are about ("quantity must be greater than 0");
when several fields fail they are joined with "; ".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

INVALID_REQUEST = "invalid_request"
VALIDATION_ERROR = "validation_error"
AUTHENTICATION_ERROR = "authentication_error"
NOT_FOUND = "not_found"
RATE_LIMIT_EXCEEDED = "rate_limit_exceeded"
API_ERROR = "api_error"


class FinosError(Exception):
    """Raised by routes; answered as Finos's error body with `status`."""

    def __init__(self, status: int, type_: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.type = type_
        self.message = message


def not_found(what: str, ident: str) -> FinosError:
    return FinosError(404, NOT_FOUND, f"{what} {ident} not found")


def invalid(message: str) -> FinosError:
    return FinosError(400, INVALID_REQUEST, message)


def invalid_field(message: str) -> FinosError:
    return FinosError(400, VALIDATION_ERROR, message)


def request_failed(message: str) -> FinosError:
    return FinosError(402, INVALID_REQUEST, message)


def type_for_status(status: int) -> str:
    if status == 401:
        return AUTHENTICATION_ERROR
    if status == 404:
        return NOT_FOUND
    if status == 429:
        return RATE_LIMIT_EXCEEDED
    if status >= 500:
        return API_ERROR
    return INVALID_REQUEST


def body(status: int, type_: str, message: str) -> dict[str, Any]:
    if status == 429:
        return {"error": [{"type": RATE_LIMIT_EXCEEDED, "message": message}]}
    return {"error": {"type": type_, "message": message}}


def response(status: int, type_: str, message: str) -> JSONResponse:
    return JSONResponse(body(status, type_, message), status)


def _field_name(loc: Sequence[int | str]) -> str:
    parts = [str(p) for p in loc[1:]] if loc and loc[0] in ("body", "query", "path") else []
    return ".".join(parts)


def _describe(error: dict[str, Any]) -> tuple[bool, str]:
    """(is it a missing field, the message) for one pydantic error."""
    field = _field_name(error.get("loc", ()))
    kind = str(error.get("type", ""))
    msg = str(error.get("msg", ""))
    if kind == "json_invalid":
        return True, "request body is not valid JSON"
    if kind == "missing":
        return True, f"{field} is required" if field else "request body is required"
    if kind in ("model_attributes_type", "model_type") or (kind == "dict_type" and not field):
        if isinstance(error.get("input"), str | bytes):
            return True, "request body must be JSON, sent as Content-Type: application/json"
        return True, "request body must be a JSON object"
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
        return False, f"{field} {msg}" if field else msg
    text = msg[:1].lower() + msg[1:]
    return False, f"{field} is invalid: {text}" if field else text


def validation_message(errors: Sequence[Any]) -> tuple[str, str]:
    """(type, message) for a list of pydantic errors."""
    described = [_describe(dict(e)) for e in errors]
    kind = INVALID_REQUEST if any(missing for missing, _ in described) else VALIDATION_ERROR
    seen: list[str] = []
    for _, message in described:
        if message not in seen:
            seen.append(message)
    return kind, "; ".join(seen)


def install_handlers(app: FastAPI) -> None:
    """Answer FastAPI's own failures (422, 404, 405) and crashes (500) in Finos's shape."""

    async def on_finos_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, FinosError)
        return response(exc.status, exc.type, exc.message)

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = exc.errors()
        kind, message = validation_message(errors)
        # Query and path parameters are not POST/PUT bodies: always invalid_request.
        if all(e.get("loc", ("body",))[0] != "body" for e in errors):
            kind = INVALID_REQUEST
        return response(400, kind, message)

    async def on_http(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        message = str(exc.detail) if exc.detail else "Request failed"
        if status == 404:
            message = "The requested resource doesn't exist"
        return JSONResponse(
            body(status, type_for_status(status), message), status, headers=exc.headers
        )

    async def on_crash(_: Request, __: Exception) -> JSONResponse:
        # Never a stack trace or internals in the answer; the server log has the rest.
        return response(500, API_ERROR, "An unexpected error occurred on Finos's end")

    app.add_exception_handler(FinosError, on_finos_error)
    app.add_exception_handler(Exception, on_crash)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
