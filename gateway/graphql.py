"""The GraphQL endpoint: Strawberry's FastAPI router with fingate's context and encoder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import orjson
import strawberry
from fastapi import Request
from strawberry.fastapi import BaseContext, GraphQLRouter
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from schema import Context, ExecutionOptions
from schema.errors import with_codes

from .settings import Settings


@dataclass
class RequestContext(Context, BaseContext):
    """The schema's Context, plus what strawberry's FastAPI integration sets on it
    (request, response, background tasks)."""

    def __post_init__(self) -> None:
        BaseContext.__init__(self)
        super().__post_init__()


GRAPHIQL_ASSETS = Path(__file__).parent / "static" / "graphiql"
ASSETS_PATH = "/graphiql-assets"
# The CDN addresses in strawberry's GraphiQL page -> the same files served locally.
CDN_TO_LOCAL = {
    "https://unpkg.com/graphiql@3.8.3/graphiql.min.js": "graphiql.min.js",
    "https://unpkg.com/graphiql@3.8.3/graphiql.min.css": "graphiql.min.css",
    "https://unpkg.com/react@18.2.0/umd/react.production.min.js": "react.production.min.js",
    "https://unpkg.com/react-dom@18.2.0/umd/react-dom.production.min.js": (
        "react-dom.production.min.js"
    ),
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/index.umd.js": (
        "plugin-explorer.umd.js"
    ),
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/style.css": "plugin-explorer.css",
    "https://unpkg.com/js-cookie@3.0.5/dist/js.cookie.min.js": "js.cookie.min.js",
}


def local_graphiql(html: str) -> str:
    """Strawberry's GraphiQL page with its scripts served by fingate, not a CDN."""
    for cdn, local in CDN_TO_LOCAL.items():
        html = html.replace(cdn, f"{ASSETS_PATH}/{local}")
    return html


class FingateGraphQLRouter(GraphQLRouter[Context, None]):
    """Responses encoded with orjson; every error carries extensions.code; GraphiQL offline."""

    @property
    def graphql_ide_html(self) -> str:
        return local_graphiql(super().graphql_ide_html)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        errors = response.get("errors")
        if errors:
            response["errors"] = list(with_codes([cast(dict[str, Any], e) for e in errors]))
        return response


def execution_options(settings: Settings) -> ExecutionOptions:
    return ExecutionOptions(
        batching=settings.dataloaders,
        max_batch_size=settings.max_batch_size,
        per_key_concurrency=settings.per_key_concurrency,
    )


def graphql_router(schema: strawberry.Schema, settings: Settings) -> GraphQLRouter[Any, Any]:
    """POST JSON and GET (queries only) at /graphql; GraphiQL in a browser when enabled."""
    options = execution_options(settings)

    async def get_context(request: Request) -> RequestContext:
        # Fresh per request: dataloaders are never shared between callers.
        return RequestContext(
            providers=request.app.state.providers,
            options=options,
            idempotency=request.app.state.idempotency,
            idempotency_key=request.headers.get("Idempotency-Key"),
        )

    return FingateGraphQLRouter(
        schema,
        path="/graphql",
        context_getter=get_context,
        graphql_ide="graphiql" if settings.graphiql else None,
        allow_queries_via_get=True,
        subscription_protocols=(),
    )
