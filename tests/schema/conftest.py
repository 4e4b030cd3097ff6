"""Run GraphQL operations through the schema against the loopback sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import strawberry
from strawberry.types import ExecutionResult

from resolvers import (
    CacheConfig,
    FinanceItConfig,
    FinmoConfig,
    FinosConfig,
    HttpConfig,
    MemoryTokenStore,
    MoloConfig,
    ProviderEndpoints,
    Providers,
    make_ref_cache,
    open_providers,
)
from resolvers.idempotency import IdempotencyStore, MemoryIdempotencyStore
from schema import Context, ExecutionOptions, build_schema
from schema.context import Caller
from tests.support import SandboxControl

_SCHEMA: strawberry.Schema | None = None


def the_schema() -> strawberry.Schema:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = build_schema()
    return _SCHEMA


class Gql:
    """`await gql(query, **variables)`: executes with a fresh per-request context."""

    def __init__(self, providers: Providers, sandbox: SandboxControl) -> None:
        self.providers = providers
        self.sandbox = sandbox
        self.options = ExecutionOptions()
        self.caller = Caller()
        self.idempotency: IdempotencyStore = MemoryIdempotencyStore()  # shared by requests

    async def __call__(self, query: str, **variables: Any) -> ExecutionResult:
        return await self.execute(query, variables)

    async def execute(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        caller: Caller | None = None,
    ) -> ExecutionResult:
        """One request: `idempotency_key` is the Idempotency-Key header."""
        context = Context(
            providers=self.providers,
            options=self.options,
            caller=caller or self.caller,
            idempotency=self.idempotency,
            idempotency_key=idempotency_key,
        )
        return await the_schema().execute(query, variable_values=variables, context_value=context)

    async def data(self, query: str, **variables: Any) -> dict[str, Any]:
        """The data of an operation that must not fail."""
        result = await self(query, **variables)
        assert result.errors is None, [e.formatted for e in result.errors]
        assert result.data is not None
        return result.data


# The sandbox answers from a thread of this process, so it shares the GIL with the
# test: on a loaded machine a burst of 100 calls can leave one waiting for seconds.
# These tests check what is asked and answered, not timeouts (those have their own
# tests, with their own short settings), so waits here are generous.
PATIENT = HttpConfig(connect_timeout=30, read_timeout=60, write_timeout=60, pool_timeout=60)


@pytest.fixture
async def gql(sandbox: SandboxControl) -> AsyncIterator[Gql]:
    endpoints = ProviderEndpoints(
        finmo=sandbox.url("finmo"),
        financeit=sandbox.url("financeit"),
        finos=sandbox.url("finos"),
        molo=sandbox.url("molo"),
    )
    async with open_providers(
        finmo=FinmoConfig(http=PATIENT),
        financeit=FinanceItConfig(http=PATIENT),
        finos=FinosConfig(http=PATIENT),
        molo=MoloConfig(http=PATIENT),
        endpoints=endpoints,
        token_store=MemoryTokenStore(),
        cache=make_ref_cache(CacheConfig()),
    ) as providers:
        yield Gql(providers, sandbox)
