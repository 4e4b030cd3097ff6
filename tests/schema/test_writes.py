"""run_write, the path every mutation takes, with a fake provider write."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from resolvers.checks import Checks
from resolvers.errors import (
    FieldError,
    ProviderTimeout,
    ProviderUnavailable,
    ProviderValidationError,
)
from resolvers.idempotency import MemoryIdempotencyStore
from schema.access import root_access
from schema.context import Caller
from schema.writes import (
    IdempotencyKeyReused,
    OutcomeUnknown,
    UserError,
    WriteSpec,
    provider_key,
    run_write,
    user_error,
)
from tests.schema.conftest import the_schema


@dataclass
class OrderInput:
    symbol: str
    quantity: int
    idempotency_key: str | None = None


@dataclass
class Payload:
    order: dict[str, Any] | None
    user_errors: list[UserError] = field(default_factory=list)


class FakeProvider:
    def __init__(self) -> None:
        self.writes: list[str | None] = []
        self.fail: Exception | None = None
        self.gate: asyncio.Event | None = None

    async def perform(self, key: str | None) -> dict[str, Any]:
        self.writes.append(key)
        if self.gate is not None:
            await self.gate.wait()
        if self.fail is not None:
            raise self.fail
        return {"id": f"o{len(self.writes)}"}


def info(store: MemoryIdempotencyStore, header: str | None = None, caller: str = "c1") -> Any:
    context = SimpleNamespace(idempotency=store, idempotency_key=header, caller=Caller(id=caller))
    return SimpleNamespace(context=context)


class FakeWrite(WriteSpec[Payload]):
    """A write spec over the fake provider: its record is the provider's dict."""

    mutation = "placeOrder"
    field_map = {"qty": "quantity"}

    def __init__(
        self,
        provider: FakeProvider,
        data: OrderInput,
        reconciler: Callable[[str], Awaitable[dict[str, Any] | None]] | None,
    ) -> None:
        super().__init__(SimpleNamespace(), data)
        self.provider = provider
        self.reconciler = reconciler

    def check(self, checks: Checks) -> None:
        if self.input.quantity <= 0:
            checks.add("quantity", "must be positive")

    async def send(self, provider_key: str | None) -> dict[str, Any]:
        return await self.provider.perform(provider_key)

    @property
    def can_reconcile(self) -> bool:
        return self.reconciler is not None

    async def reconcile(self, provider_key: str) -> dict[str, Any] | None:
        assert self.reconciler is not None
        return await self.reconciler(provider_key)

    def payload(self, record: dict[str, Any]) -> Payload:
        return Payload(order=record)

    def refused(self, errors: list[UserError]) -> Payload:
        return Payload(order=None, user_errors=errors)


def write(
    provider: FakeProvider,
    data: OrderInput,
    reconcile: Callable[[str], Awaitable[dict[str, Any] | None]] | None = None,
) -> FakeWrite:
    return FakeWrite(provider, data, reconcile)


async def test_bad_input_costs_no_write_and_names_the_input_field() -> None:
    provider = FakeProvider()
    payload = await run_write(info(MemoryIdempotencyStore()), write(provider, OrderInput("A", 0)))
    assert payload.order is None
    assert payload.user_errors == [
        UserError(field=["input", "quantity"], message="must be positive", code="INVALID")
    ]
    assert provider.writes == []


async def test_a_replay_returns_the_stored_result_without_writing_again() -> None:
    store, provider = MemoryIdempotencyStore(), FakeProvider()
    first = await run_write(info(store), write(provider, OrderInput("A", 1, "k1")))
    again = await run_write(info(store), write(provider, OrderInput("A", 1, "k1")))
    assert first == again == Payload(order={"id": "o1"})
    assert provider.writes == [provider_key("c1", "placeOrder", "k1")]


async def test_the_header_key_works_like_the_input_key() -> None:
    store, provider = MemoryIdempotencyStore(), FakeProvider()
    await run_write(info(store, header="k1"), write(provider, OrderInput("A", 1)))
    await run_write(info(store), write(provider, OrderInput("A", 1, "k1")))
    assert len(provider.writes) == 1


async def test_keys_belong_to_their_caller() -> None:
    store, provider = MemoryIdempotencyStore(), FakeProvider()
    await run_write(info(store, caller="alice"), write(provider, OrderInput("A", 1, "k1")))
    await run_write(info(store, caller="bob"), write(provider, OrderInput("A", 1, "k1")))
    assert len(provider.writes) == 2
    assert provider.writes[0] != provider.writes[1]


async def test_the_same_key_with_another_input_is_refused_without_a_write() -> None:
    store, provider = MemoryIdempotencyStore(), FakeProvider()
    await run_write(info(store), write(provider, OrderInput("A", 1, "k1")))
    with pytest.raises(IdempotencyKeyReused):
        await run_write(info(store), write(provider, OrderInput("A", 2, "k1")))
    assert len(provider.writes) == 1


async def test_concurrent_duplicates_wait_for_the_one_write() -> None:
    store, provider = MemoryIdempotencyStore(), FakeProvider()
    provider.gate = asyncio.Event()
    tasks = [
        asyncio.create_task(run_write(info(store), write(provider, OrderInput("A", 1, "k1"))))
        for _ in range(20)
    ]
    await asyncio.sleep(0)
    provider.gate.set()
    payloads = await asyncio.gather(*tasks)
    assert len(provider.writes) == 1
    assert all(p == Payload(order={"id": "o1"}) for p in payloads)


async def test_provider_refusals_are_user_errors_and_are_remembered() -> None:
    store, provider = MemoryIdempotencyStore(), FakeProvider()
    provider.fail = ProviderValidationError(
        "finos", "qty must be whole", status=400, field_errors=(FieldError("qty", "must be whole"),)
    )
    first = await run_write(info(store), write(provider, OrderInput("A", 1, "k1")))
    again = await run_write(info(store), write(provider, OrderInput("A", 1, "k1")))
    expected = [
        UserError(field=["input", "quantity"], message="must be whole", code="PROVIDER_REJECTED")
    ]
    assert first.user_errors == again.user_errors == expected
    assert len(provider.writes) == 1


async def test_a_write_that_certainly_failed_can_be_retried_with_the_same_key() -> None:
    store, provider = MemoryIdempotencyStore(), FakeProvider()
    provider.fail = ProviderUnavailable("finos", "503", status=503)
    with pytest.raises(ProviderUnavailable):
        await run_write(info(store), write(provider, OrderInput("A", 1, "k1")))
    provider.fail = None
    payload = await run_write(info(store), write(provider, OrderInput("A", 1, "k1")))
    assert payload.order == {"id": "o2"}


async def test_an_unanswered_write_is_reconciled_not_repeated() -> None:
    store, provider = MemoryIdempotencyStore(), FakeProvider()
    reconciled: list[str] = []

    async def reconcile(key: str) -> dict[str, Any] | None:
        reconciled.append(key)
        return {"id": "o1"}  # the provider did write it

    provider.fail = ProviderTimeout("finos", "slow", maybe_sent=True)
    with pytest.raises(OutcomeUnknown):
        await run_write(info(store), write(provider, OrderInput("A", 1, "k1"), reconcile=reconcile))
    provider.fail = None
    payload = await run_write(
        info(store), write(provider, OrderInput("A", 1, "k1"), reconcile=reconcile)
    )
    assert payload.order == {"id": "o1"}
    assert len(provider.writes) == 1
    assert reconciled == [provider_key("c1", "placeOrder", "k1")]


async def test_an_unanswered_write_with_no_way_to_check_stays_unknown() -> None:
    store, provider = MemoryIdempotencyStore(), FakeProvider()
    provider.fail = ProviderTimeout("molo", "slow", maybe_sent=True)
    for _ in range(2):
        with pytest.raises(OutcomeUnknown):
            await run_write(info(store), write(provider, OrderInput("A", 1, "k1")))
    assert len(provider.writes) == 1


def test_fingerprints_read_enums_by_value_and_ignore_the_key() -> None:
    import enum

    import strawberry

    from schema.writes import fingerprint

    @strawberry.enum
    class Side(enum.Enum):
        BUY = "buy"

    @strawberry.input
    class In:
        side: Side
        idempotency_key: str | None = None

    assert fingerprint("m", In(side=Side.BUY, idempotency_key="a")) == fingerprint(
        "m", In(side=Side.BUY, idempotency_key="b")
    )


def _specs(cls: type[WriteSpec[Any]]) -> list[type[WriteSpec[Any]]]:
    found: list[type[WriteSpec[Any]]] = []
    for sub in cls.__subclasses__():
        found += [sub, *_specs(sub)]
    return found


def test_every_mutations_spec_answers_a_refusal_with_only_its_user_errors() -> None:
    """The default `refused` builds the spec's own payload type (its WriteSpec[P]) with
    every other field null: one spec per mutation of the schema, none left out."""
    schema = the_schema()
    specs = {s.mutation: s for s in _specs(WriteSpec) if "mutation" in vars(s)}
    assert set(specs) == set(root_access(schema)["Mutation"])
    error = user_error("input", "nope")
    for name, spec in specs.items():
        answer = spec.refused(spec.__new__(spec), [error])
        assert isinstance(answer, spec.payload_type), name
        assert answer.user_errors == [error], name
        others = {k: v for k, v in vars(answer).items() if k != "user_errors"}
        assert all(v in (None, False) for v in others.values()), (name, others)
