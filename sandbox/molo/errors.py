"""Molo's error bodies, and the handlers that answer every refusal with them.

The reference documents no error shape. Molo is a Django REST Framework API
(trailing slashes, `pk` paths, DRF field names), so the sandbox answers with
DRF's shapes, and its stock messages where DRF has one:

    400 validation   {"field": ["message", ...], "address": {"postal": ["..."]}}
    400 cross-field  {"non_field_errors": ["message"]}
    401/403/404/405/415/429/5xx   {"detail": "message"}
    OAuth endpoints  {"error": "invalid_grant", "error_description": "..."} (RFC 6749, 5.2)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

NOT_FOUND = "Not found."
REQUIRED = "This field is required."


class DRFError(Exception):
    """Raised by routes; answered with `body` and `status` as they are."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers


def detail(status: int, message: str, headers: dict[str, str] | None = None) -> DRFError:
    return DRFError(status, {"detail": message}, headers)


def invalid(field: str, message: str) -> DRFError:
    """A 400 about one field; `non_field_errors` for the request as a whole."""
    return DRFError(400, {field: [message]})


def not_found() -> DRFError:
    return detail(404, NOT_FOUND)


def oauth_error(status: int, error: str, description: str | None = None) -> DRFError:
    body = {"error": error}
    if description:
        body["error_description"] = description
    headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
    if status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="oauth"'
    return DRFError(status, body, headers)


def _number(value: Any) -> str:
    if isinstance(value, Decimal | float):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def _message(error: ErrorDetails) -> str:
    """DRF's stock message for one pydantic complaint."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    if kind == "missing":
        return REQUIRED
    if value is None:
        return "This field may not be null."
    if kind in ("literal_error", "enum"):
        return f'"{value}" is not a valid choice.'
    if kind.startswith("decimal_") or kind in ("float_parsing", "float_type"):
        if kind == "decimal_max_digits":
            return f"Ensure that there are no more than {ctx['max_digits']} digits in total."
        if kind == "decimal_max_places":
            return f"Ensure that there are no more than {ctx['decimal_places']} decimal places."
        if kind == "decimal_whole_digits":
            whole = ctx["whole_digits"]
            return f"Ensure that there are no more than {whole} digits before the decimal point."
        return "A valid number is required."
    if kind.startswith("int_"):
        return "A valid integer is required."
    if kind.startswith("bool_"):
        return "Must be a valid boolean."
    if kind.startswith("date"):
        return "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
    if kind in ("greater_than_equal", "greater_than"):
        bound = _number(ctx.get("ge", ctx.get("gt")))
        return f"Ensure this value is greater than or equal to {bound}."
    if kind in ("less_than_equal", "less_than"):
        bound = _number(ctx.get("le", ctx.get("lt")))
        return f"Ensure this value is less than or equal to {bound}."
    if kind == "string_too_short":
        return "This field may not be blank."
    if kind == "string_too_long":
        return f"Ensure this field has no more than {ctx['max_length']} characters."
    if kind == "string_type":
        return "Not a valid string."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"Invalid data. Expected a dictionary, but got {type(value).__name__}."
    return str(error["msg"])


def field_errors(errors: list[ErrorDetails], *, skip: int = 0) -> dict[str, Any]:
    """pydantic errors as DRF's nested {"field": ["message"]} body.

    `skip` drops leading location parts (FastAPI's "body"/"path").
    """
    body: dict[str, Any] = {}
    for error in errors:
        loc = [str(part) for part in error["loc"][skip:]] or ["non_field_errors"]
        node = body
        for part in loc[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):  # the parent already failed as a whole
                break
            node = child
        else:
            messages = node.setdefault(loc[-1], [])
            if isinstance(messages, list):
                messages.append(_message(error))
    return body


def validation_failed(exc: ValidationError) -> DRFError:
    return DRFError(400, field_errors(exc.errors()))


_STATUS_DETAIL = {
    401: "Authentication credentials were not provided.",
    403: "You do not have permission to perform this action.",
    404: NOT_FOUND,
    429: "Request was throttled.",
}


def install_error_handlers(app: FastAPI) -> None:
    """Every refusal, including FastAPI's and Starlette's own, in DRF's shape."""

    async def on_drf_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DRFError)
        return JSONResponse(exc.body, exc.status, headers=exc.headers)

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors: list[ErrorDetails] = list(exc.errors())
        return JSONResponse(field_errors(errors, skip=1), 400)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 405:
            message = f'Method "{request.method}" not allowed.'
        else:
            message = _STATUS_DETAIL.get(exc.status_code, str(exc.detail))
        return JSONResponse({"detail": message}, exc.status_code, headers=exc.headers)

    app.add_exception_handler(DRFError, on_drf_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
