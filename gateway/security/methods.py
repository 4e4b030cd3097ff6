"""Which HTTP methods may carry a GraphQL operation.

POST with a JSON body always may. GET may carry queries (never mutations:
Strawberry refuses them) only where `get_queries` is on, by default in
development: a GET puts the document and its variables (emails, ids) in the
URL, so into browser history and every proxy's and server's access log.
Where it is off, a GET to /graphql naming an operation (`query=` or
`extensions=`) is answered 405 with `Allow: POST` before anything parses it;
other GETs (the GraphiQL page where it is served) pass as before.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import graphql_error_body, send_json

OPERATION_PARAMETERS = frozenset({"query", "extensions"})


def names_an_operation(query_string: bytes) -> bool:
    names = {name for name, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)}
    return not names.isdisjoint(OPERATION_PARAMETERS)


class NoOperationsOverGetMiddleware:
    def __init__(self, app: ASGIApp, *, paths: tuple[str, ...] = ("/graphql",)) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"].rstrip("/") in self.paths
            and names_an_operation(scope.get("query_string", b""))
        ):
            body = graphql_error_body(
                "GraphQL operations are not accepted over GET here: send them by POST "
                "with a JSON body",
                "METHOD_NOT_ALLOWED",
            )
            await send_json(send, 405, body, headers=[(b"allow", b"POST")])
            return
        await self.app(scope, receive, send)
