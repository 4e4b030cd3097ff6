"""CORS from the allowlist in settings (Starlette's CORSMiddleware).

No origins configured: no CORS headers at all, so browsers on other origins
cannot read answers (and JSON POSTs, which need a preflight, are never sent).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

ALLOWED_HEADERS = (
    "authorization",
    "content-type",
    "x-api-key",
    "idempotency-key",
    "apollo-require-preflight",
    "x-apollo-operation-name",
    "x-request-id",
)


def install_cors(app: FastAPI, origins: tuple[str, ...]) -> None:
    if not origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(origins),
        allow_methods=["GET", "POST"],
        allow_headers=list(ALLOWED_HEADERS),
        expose_headers=["x-request-id", "retry-after"],
        allow_credentials=False,  # credentials travel in headers, never cookies
        max_age=600,
    )
