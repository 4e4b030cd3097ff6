"""GraphQL over HTTP's two response media types (the GraphQL-over-HTTP spec).

A client that accepts `application/graphql-response+json` gets it, with the spec's
status codes: a request that never executed (a document that does not parse or
validate, variables that do not coerce, an operation refused before it ran) is 4xx
(400 unless the refusal has its own, like 429 for a spent budget) and its body has no
`data` entry; an operation that ran is 200 whatever its field errors. Every other
client (`application/json`, `*/*`, no Accept) keeps the legacy behaviour: 200 with
`"data": null` on request errors, as Apollo Client and older tools expect.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

GRAPHQL_RESPONSE = "application/graphql-response+json"
_REQUEST_ERROR = "fingate_request_error"


def wants_graphql_response(request: Request) -> bool:
    return GRAPHQL_RESPONSE in request.headers.get("accept", "")


def note_request_error(
    request: Request, result: ExecutionResult, response: GraphQLHTTPResponse
) -> None:
    """A result without data whose errors belong to no field: the operation never ran.
    For a client of the new media type its `data` entry goes (the spec: absent, not null)."""
    if result.data is not None or not result.errors:
        return
    if any(error.path for error in result.errors):
        return  # it ran, and a non-null root field failed: data null, status 200
    if wants_graphql_response(request):
        request.scope.setdefault("state", {})[_REQUEST_ERROR] = True
        response.pop("data", None)


def answer(request: Request, response: Any) -> Any:
    """The response in the media type asked for, with the spec's status (a refusal
    before parsing, already 4xx, keeps its own)."""
    if not isinstance(response, Response) or not wants_graphql_response(request):
        return response
    if response.headers.get("content-type", "").startswith("application/json"):
        response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        if request.scope.get("state", {}).get(_REQUEST_ERROR) and response.status_code < 400:
            response.status_code = 400
    return response
