"""What every /api/v1/ route does first: authenticate, read the body, validate it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Protocol, TypeVar
from urllib.parse import parse_qsl

from fastapi import Request
from pydantic import BaseModel, ValidationError

from .errors import DRFError, detail, not_found, validation_failed
from .oauth import OAuthServer
from .store import MoloStore

M = TypeVar("M", bound=BaseModel)

BEARER_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api"'}


class Backend(Protocol):
    """The state routes work on (the MoloSandbox; replaced as a whole on reset)."""

    store: MoloStore
    oauth: OAuthServer

    @property
    def seed(self) -> int: ...

    def now(self) -> datetime:
        """Wall time for created_at/updated_at, derived from the sandbox clock."""


def authenticate(request: Request, backend: Backend) -> None:
    """DRF's 401s: no credentials, or a Bearer token that is unknown, expired or revoked."""
    header = request.headers.get("authorization")
    if not header:
        raise detail(401, "Authentication credentials were not provided.", BEARER_CHALLENGE)
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not backend.oauth.is_valid(token.strip()):
        raise detail(401, "Invalid token.", BEARER_CHALLENGE)


async def read_body(request: Request) -> dict[str, Any]:
    """The request's fields: JSON, or form-encoded (DRF's default parsers); empty is {}."""
    raw = await request.body()
    if not raw.strip():
        return {}
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(raw.decode("utf-8", "replace")))
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise detail(400, f"JSON parse error - {exc}") from exc
    if not isinstance(data, dict):
        message = f"Invalid data. Expected a dictionary, but got {type(data).__name__}."
        raise DRFError(400, {"non_field_errors": [message]})
    return data


def validate(model: type[M], data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_failed(exc) from exc


def primary_key(raw: str) -> int:
    """Path ids are integers; anything else matches no record (404)."""
    if not raw.isdigit():
        raise not_found()
    return int(raw)
