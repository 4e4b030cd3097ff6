"""Bearer token auth: the brokerage token sees every team, a team token one team."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request

from .errors import FinmoError
from .store import FinmoStore, Viewer

UNAUTHORIZED = "Unauthorized: a valid API token is required (Authorization: Bearer <token>)"


def viewer_dependency(store: Callable[[], FinmoStore]) -> Callable[[Request], Viewer]:
    """A FastAPI dependency answering 401 for a missing, malformed or unknown token."""

    def viewer(request: Request) -> Viewer:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        found = store().tokens.get(token.strip()) if scheme.lower() == "bearer" else None
        if found is None:
            raise FinmoError(401, UNAUTHORIZED)
        return found

    return viewer
