"""The framework floor: strawberry + FastAPI + uvicorn answering fingate's own responses
from memory, on the gateway's server settings.

`python -m bench.floor_app CAPTURES.json PORT` serves fingate's schema (its SDL, built by
graphql-core, inside a strawberry Schema) whose every field reads the captured response
of the operation asked (by the response key: aliases work) and whose abstract types
resolve by the captured `__typename`. Nothing is fetched, validated or mapped: what a
request costs here is what strawberry, FastAPI and uvicorn cost for that operation and
that response, the least any gateway on this stack can spend (issue 12, point 2).
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path
from typing import Any

import strawberry
import uvicorn
from fastapi import FastAPI, Request
from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLUnionType,
)
from graphql import build_schema as build_from_sdl
from strawberry.fastapi import GraphQLRouter

from gateway.cli import uvicorn_options
from gateway.runtime import FrozenStartServer, tune_collector
from gateway.settings import Settings
from schema import build_schema


def _read(source: Any, info: GraphQLResolveInfo, **_: Any) -> Any:  # type: ignore[type-arg]
    return source.get(info.path.key) if isinstance(source, dict) else None


def _type_of(value: Any, *_: Any) -> str | None:
    return value.get("__typename") if isinstance(value, dict) else None


def _same(value: Any) -> Any:
    return value  # captured values are already serialised


@strawberry.type
class _Placeholder:
    unused: int = 0


def floor_schema() -> strawberry.Schema:
    """fingate's schema, every resolver reading the captured answer."""
    built = build_from_sdl(build_schema().as_str())
    for kind in built.type_map.values():
        if kind.name.startswith("__"):
            continue  # graphql-core's introspection types: shared by every schema
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType):
            for field in kind.fields.values():
                field.resolve = _read
        if isinstance(kind, GraphQLInterfaceType | GraphQLUnionType):
            kind.resolve_type = _type_of
        if isinstance(kind, GraphQLEnumType):
            kind.coerce_output_value = _same  # type: ignore[method-assign,assignment]
    schema = strawberry.Schema(query=_Placeholder)
    schema._schema = built  # strawberry's request handling over fingate's types
    return schema


def floor_router(captures: dict[str, Any]) -> GraphQLRouter[None, Any]:
    """strawberry's FastAPI router; the root value is the captured answer of the query
    asked (a FastAPI dependency, as strawberry's router takes it)."""

    async def captured(request: Request) -> Any:
        body = await request.json()  # Starlette keeps the body for strawberry to read
        return captures.get(body.get("query", "")) if isinstance(body, dict) else None

    return GraphQLRouter(floor_schema(), graphql_ide=None, root_value_getter=captured)  # type: ignore[arg-type]


def create_floor_app(captures: dict[str, Any]) -> FastAPI:
    app = FastAPI()
    app.include_router(floor_router(captures), prefix="/graphql")

    @app.get("/readyz")
    async def ready() -> dict[str, str]:
        return {"status": "ready"}

    return app


def main(argv: list[str]) -> int:
    captures = json.loads(Path(argv[0]).read_text())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", int(argv[1])))
    sock.listen(2048)
    settings = Settings(log_level="warning")
    config = uvicorn.Config(
        create_floor_app(captures), log_level="warning", **uvicorn_options(settings)
    )
    tune_collector(settings.gc_threshold)
    server = FrozenStartServer(config, freeze=True, collect_every=settings.gc_interval)
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
