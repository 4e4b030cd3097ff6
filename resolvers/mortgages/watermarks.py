"""Watermarks: how a write that honours no idempotency key is found again.

Finmo and Molo honour no idempotency key, so an unanswered create is found
again by what was not there before it. Just before the write, `remember` keeps
what the provider already had (ids, in the provider's own terms, so no clock
has to agree with the gateway's) in the idempotency store, under a key derived
from the provider key of this write; `recall` gives it back to the write's
reconcile, in this process or after a restart (the SQLite store is durable).
`reconciled` is that reconcile: the watermark handed to `find`, or "not
written" (None) without one. `found` reads a record, None for a 404.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from ..errors import ProviderNotFound
from ..idempotency import IdempotencyStore
from ..request import Scope

T = TypeVar("T")

WATERMARK = "mortgages-watermark"


class WriteScope(Scope, Protocol):
    """A request scope that also holds the idempotency store (schema's Context is one)."""

    @property
    def idempotency(self) -> IdempotencyStore: ...


async def found(read: Awaitable[T]) -> T | None:
    """The record, or None when the provider answers 404."""
    try:
        return await read
    except ProviderNotFound:
        return None


def _key(provider_key: str) -> str:
    return f"{WATERMARK}\x00{provider_key}"


async def remember(
    store: IdempotencyStore, provider_key: str | None, value: dict[str, Any]
) -> None:
    """Keep `value` for this write's reconcile (only writes with a key can be reconciled)."""
    if provider_key is None:
        return
    key = _key(provider_key)
    text = json.dumps(value, sort_keys=True)
    claim = await store.claim(key, text)
    if not claim.claimed:  # an earlier attempt of the same intent left one: replace it
        await store.release(key)
        claim = await store.claim(key, text)
    if claim.claimed:
        await store.complete(key, {})  # done at once: nobody ever waits on a watermark


async def recall(store: IdempotencyStore, provider_key: str) -> dict[str, Any] | None:
    """What `remember` kept; None: the write never got as far as sending."""
    record = await store.get(_key(provider_key))
    if record is None:
        return None
    value: dict[str, Any] = json.loads(record.fingerprint)
    return value


async def reconciled(
    store: IdempotencyStore,
    provider_key: str,
    find: Callable[[dict[str, Any]], Awaitable[T | None]],
) -> T | None:
    """`find(watermark)`, or None ("not written") when the write left no watermark."""
    seen = await recall(store, provider_key)
    if seen is None:
        return None
    return await find(seen)
