"""A served operation is freed by reference counting: nothing it builds or loads waits
for the garbage collector (PERF.md: at 200 concurrent requests, collections that
traversed live requests again and again cost a quarter of the CPU)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tests.schema.conftest import Gql

# An N+1 shape (orders, each with its account: a batch through a dataloader), a list
# page, and a failure (an unknown id: an error with its traceback).
OPERATIONS = (
    "{ orders(first: 5) { edges { node { id symbol account { id accountNumber } } } } }",
    "{ loans(first: 3) { edges { node { id status } } } }",
    '{ node(id: "bm90LWFuLWlk") { id } }',
)
# the types an operation's reference cycles used to drag along (gateway and libraries)
WATCHED = (
    "StrawberryGraphQLCoreExecutionContext",
    "ReleasingExecutionContext",
    "Context",
    "Loaders",
    "AsyncRetrying",
    "RetryCallState",
    "Response",
    "Account",
)


@pytest.fixture
def saved_garbage() -> Iterator[list[object]]:
    """What the collector finds unreachable, kept for inspection (DEBUG_SAVEALL)."""
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield gc.garbage
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


async def test_operations_leave_nothing_for_the_garbage_collector(
    gql: Gql, saved_garbage: list[object]
) -> None:
    for query in OPERATIONS:
        await gql(query)  # warm: tokens, reference data, caches
    gc.collect()
    saved_garbage.clear()
    for _ in range(3):
        for query in OPERATIONS:
            await gql(query)
    gc.collect()
    left = sorted({type(o).__name__ for o in saved_garbage} & set(WATCHED))
    assert left == [], left
