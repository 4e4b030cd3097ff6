"""The GraphQL endpoint: Strawberry's FastAPI router with fingate's context and encoder."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import orjson
import strawberry
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from fastapi import Request, Response
from fastapi.responses import JSONResponse
from strawberry.fastapi import BaseContext, GraphQLRouter
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from resolvers.resilience import caller_scope
from schema import Context, ExecutionOptions
from schema.errors import with_codes

from . import body, media
from .security.errors import BudgetExceeded, graphql_error_body
from .security.guard import Guard, caller_key, refusal
from .security.persisted import Refusal
from .security.requestid import STATE_KEY
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
    """Strawberry's GraphiQL page with its scripts served by fingate, not a CDN, and
    titled fingate."""
    for cdn, local in CDN_TO_LOCAL.items():
        html = html.replace(cdn, f"{ASSETS_PATH}/{local}")
    return html.replace("<title>Strawberry GraphiQL</title>", "<title>fingate</title>")


HTTP_CODES = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 413: "REQUEST_TOO_LARGE"}


class FingateGraphQLRouter(GraphQLRouter[Context, None]):
    """Responses encoded with orjson; every error carries extensions.code; GraphiQL offline;
    persisted operations resolved and costs charged before an operation runs."""

    def __init__(self, schema: strawberry.Schema, *, guard: Guard, **kwargs: Any) -> None:
        super().__init__(schema, **kwargs)
        self.guard = guard

    @property
    def graphql_ide_html(self) -> str:
        return local_graphiql(super().graphql_ide_html)

    def encode_json(self, data: object) -> bytes:
        try:
            return orjson.dumps(data)
        except TypeError:  # an integer beyond 64 bits (a JSON scalar echoed back)
            return json.dumps(data, separators=(",", ":"), default=str).encode()

    def decode_json(self, data: str | bytes) -> object:
        return body.decode(data)

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """The body's shape is checked first (gateway/body.py): strawberry assumes it."""
        if request.method == "POST" and "application/json" in (request.content_type or ""):
            batching = self.schema.config.batching_config
            max_batch = batching["max_operations"] if batching else 0
            body.check(self.decode_json(await request.get_body()), max_batch=max_batch)
        return await super().parse_http_body(request)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        """strawberry's refusals (bad body, unknown operation, method) as GraphQL errors
        with a code, not strawberry's plain text; the answer in the media type the client
        accepts (gateway/media.py)."""
        try:
            answer = await super().run(request, context=context, root_value=root_value)
        except body.BadRequest as exc:
            return media.answer(request, JSONResponse(exc.body(), status_code=exc.status))
        except HTTPException as exc:
            code = HTTP_CODES.get(exc.status_code, "BAD_REQUEST")
            error = JSONResponse(graphql_error_body(exc.reason, code), status_code=exc.status_code)
            return media.answer(request, error)
        return media.answer(request, answer)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        media.note_request_error(request, result, response)
        errors = response.get("errors")
        if errors:
            coded = list(with_codes([cast(dict[str, Any], e) for e in errors]))
            response["errors"] = list[object](coded)
            for error in coded:
                masked_id = error["extensions"].get("requestId")
                if masked_id:  # the id the log line holds: also the X-Request-ID header
                    request.scope.setdefault("state", {})[STATE_KEY] = masked_id
                    break
        return response

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        resolved = self.guard.persisted.resolve(request_data.query, request_data.extensions)
        if isinstance(resolved, Refusal):
            return refusal(resolved.message, resolved.code)
        client = request.client.host if request.client else "-"
        if resolved is not None:
            request_data = replace(request_data, query=resolved)
            try:
                refused = self.guard.check_cost(
                    cast(strawberry.Schema, self.schema)._schema,
                    context.caller,
                    client,
                    resolved,
                    request_data.operation_name,
                    request_data.variables,
                )
            except BudgetExceeded as exc:
                sub_response.status_code = 429
                sub_response.headers["Retry-After"] = str(exc.retry_after)
                return refusal(str(exc), "COST_BUDGET_EXCEEDED", retryAfter=exc.retry_after)
            if refused is not None:
                return refused
        # the provider calls this operation makes are charged to its caller's quota share
        with caller_scope(caller_key(context.caller, client)):
            return await super().execute_single(
                request=request,
                request_adapter=request_adapter,
                sub_response=sub_response,
                context=context,
                root_value=root_value,
                request_data=request_data,
            )


def execution_options(settings: Settings) -> ExecutionOptions:
    return ExecutionOptions(
        batching=settings.dataloaders,
        max_batch_size=settings.max_batch_size,
        per_key_concurrency=settings.per_key_concurrency,
    )


def graphiql_enabled(settings: Settings) -> bool:
    """GraphiQL only in development, whatever FINGATE_GRAPHIQL says."""
    return settings.graphiql and settings.environment == "development"


def get_queries_enabled(settings: Settings) -> bool:
    """Queries over GET: as set, else only in development (security/methods.py says why)."""
    configured = settings.security.get_queries
    return settings.environment == "development" if configured is None else configured


def graphql_router(
    schema: strawberry.Schema, settings: Settings, guard: Guard
) -> GraphQLRouter[Any, Any]:
    """POST JSON and, where enabled, GET (queries only) at /graphql; GraphiQL in a browser
    when enabled."""
    options = execution_options(settings)
    ide = graphiql_enabled(settings)

    async def get_context(request: Request) -> RequestContext:
        # Fresh per request: dataloaders are never shared between callers.
        # Raises Unauthenticated (answered 401 by the app) before anything runs.
        caller = await guard.caller(request, ide=ide)
        return RequestContext(
            providers=request.app.state.providers,
            options=options,
            caller=caller,
            idempotency=request.app.state.idempotency,
            idempotency_key=request.headers.get("Idempotency-Key"),
        )

    return FingateGraphQLRouter(
        schema,
        guard=guard,
        path="/graphql",
        context_getter=get_context,
        graphql_ide="graphiql" if ide else None,
        allow_queries_via_get=get_queries_enabled(settings),
        subscription_protocols=(),
    )
