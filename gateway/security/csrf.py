"""CSRF prevention: a browser may send a "simple" cross-site POST without a CORS
preflight, so such a POST is refused unless it carries a header that forces one.

A POST whose content type is `text/plain`, `application/x-www-form-urlencoded`,
`multipart/form-data` (or none) and that has no preflight header is answered
400 before it reaches GraphQL. JSON POSTs always force a preflight; GET carries
queries only (Strawberry refuses mutations over GET).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import graphql_error_body, send_json

SIMPLE_CONTENT_TYPES = frozenset(
    {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""}
)
PREFLIGHT_HEADERS = (b"apollo-require-preflight", b"x-apollo-operation-name", b"x-fingate-csrf")


def is_csrf_risk(headers: dict[bytes, bytes]) -> bool:
    content_type = headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
    if content_type.decode("latin-1") not in SIMPLE_CONTENT_TYPES:
        return False
    return not any(headers.get(name, b"").strip() for name in PREFLIGHT_HEADERS)


class CsrfMiddleware:
    def __init__(self, app: ASGIApp, *, paths: tuple[str, ...] = ("/graphql",)) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"].rstrip("/") in self.paths
            and is_csrf_risk({k.lower(): v for k, v in scope["headers"]})
        ):
            body = graphql_error_body(
                "This POST could be a cross-site request forgery: send it as "
                "application/json, or add an Apollo-Require-Preflight header",
                "BAD_REQUEST",
            )
            await send_json(send, 400, body)
            return
        await self.app(scope, receive, send)
