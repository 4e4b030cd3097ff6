"""What the mortgages mutations share beyond `schema.writes`.

Refusal: a rule that needs a read to check (Molo's "one and only one lead
applicant", an application that must exist) is checked inside `perform`, after
the idempotency claim and before the write. A failed check raises Refusal;
`run_write` then releases the claim (nothing was written) and `refuse_or_run`
answers the payload with the user errors.

Watermarks: Finmo and Molo honour no idempotency key, so an unanswered create
is found again by what was not there before it. Just before the write,
`remember` keeps what the provider already had (ids, in the provider's own
terms, so no clock has to agree with the gateway's) in the idempotency store,
under a key derived from the provider key of this write; `recall` gives it back
to `reconcile`, in this process or after a restart (the SQLite store is durable).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from resolvers.errors import ProviderNotFound

from ..context import Info
from ..writes import UserError, Write, run_write

P = TypeVar("P")
T = TypeVar("T")

WATERMARK = "mortgages-watermark"


class Refusal(Exception):
    """A rule checked with reads failed: nothing was written."""

    def __init__(self, errors: list[UserError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


async def refuse_or_run(info: Info, write: Write[P]) -> P:
    """run_write; a Refusal (a rule checked with reads) answers the payload's userErrors."""
    try:
        return await run_write(info, write)
    except Refusal as refusal:
        return write.refused(refusal.errors)


async def found(read: Awaitable[T]) -> T | None:
    """The record, or None when the provider answers 404."""
    try:
        return await read
    except ProviderNotFound:
        return None


def _key(provider_key: str) -> str:
    return f"{WATERMARK}\x00{provider_key}"


async def remember(info: Info, provider_key: str | None, value: dict[str, Any]) -> None:
    """Keep `value` for this write's reconcile (only writes with a key can be reconciled)."""
    if provider_key is None:
        return
    store = info.context.idempotency
    key = _key(provider_key)
    text = json.dumps(value, sort_keys=True)
    claim = await store.claim(key, text)
    if not claim.claimed:  # an earlier attempt of the same intent left one: replace it
        await store.release(key)
        claim = await store.claim(key, text)
    if claim.claimed:
        await store.complete(key, {})  # done at once: nobody ever waits on a watermark


async def recall(info: Info, provider_key: str) -> dict[str, Any] | None:
    """What `remember` kept; None: the write never got as far as sending."""
    record = await info.context.idempotency.get(_key(provider_key))
    if record is None:
        return None
    value: dict[str, Any] = json.loads(record.fingerprint)
    return value


def reconciler(
    info: Info, find: Callable[[dict[str, Any]], Awaitable[dict[str, Any] | None]]
) -> Callable[[str], Awaitable[dict[str, Any] | None]]:
    """A reconcile that gives `find` the watermark, or says "not written" without one."""

    async def reconcile(provider_key: str) -> dict[str, Any] | None:
        seen = await recall(info, provider_key)
        if seen is None:
            return None
        return await find(seen)

    return reconcile
