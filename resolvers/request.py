"""What one request's data loading runs on: the provider clients, fresh dataloaders, options.

`Scope` is the part of the per-request context the data layer reads (schema's
`Context` is one): the domain loaders, paging and writes under resolvers/ take
it, never a GraphQL `info`. `Loaders` makes each dataloader on first use within
the request, never shared between requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Hashable
from dataclasses import dataclass
from typing import Any, Protocol

from aiodataloader import DataLoader

from .providers import Providers

BatchFn = Callable[[list[Any]], Coroutine[Any, Any, list[Any]]]


@dataclass(frozen=True)
class ExecutionOptions:
    """How resolvers fetch: batching can be switched off to measure a naive baseline."""

    batching: bool = True
    max_batch_size: int = 100
    per_key_concurrency: int = 32


class ClearingDataLoader(DataLoader[Any, Any]):
    """A per-request loader whose futures survive the cancellation of one waiter.

    Several resolvers await the same key's future. graphql-core cancels a field's
    sibling tasks when one of them fails, and a cancelled task cancels the future
    it awaits: the other resolvers would then get `CancelledError` for a load
    that was fine. So each caller awaits the shared future through
    `asyncio.shield`.

    aiodataloader keeps a rejected future for its key: a provider failure that
    may be transient would be answered again for the rest of the request. Forget
    it instead (and a cancelled one, which can never be answered).
    """

    def load(self, key: Any) -> asyncio.Future[Any]:
        future = super().load(key)

        def forget_failure(done: asyncio.Future[Any]) -> None:
            if done.cancelled() or done.exception() is not None:
                self.clear(key)

        future.add_done_callback(forget_failure)
        return asyncio.shield(future)


def never_cancelled(batch: BatchFn) -> BatchFn:
    """aiodataloader settles its futures only when the batch ends with a value or an
    `Exception`: a batch ended by `CancelledError` would leave every key's future
    pending for ever. It fails them instead, as an unexpected (masked) error."""

    async def guarded(keys: list[Any]) -> list[Any]:
        try:
            return await batch(keys)
        except asyncio.CancelledError as exc:
            raise RuntimeError("a batch load was cancelled") from exc

    return guarded


class Loaders:
    """Dataloaders made on first use within one request, never shared between requests.

    aiodataloader takes the running loop when built, so loaders are made here,
    inside the request, never at import time.
    """

    def __init__(self, options: ExecutionOptions) -> None:
        self._options = options
        self._loaders: dict[str, DataLoader[Any, Any]] = {}

    def get(
        self,
        name: str,
        batch_fn: Callable[[], BatchFn],
        *,
        cache_key: Callable[[Any], Hashable] | None = None,
    ) -> DataLoader[Any, Any]:
        loader = self._loaders.get(name)
        if loader is None:
            options = self._options
            loader = ClearingDataLoader(
                never_cancelled(batch_fn()),
                batch=options.batching,
                cache=options.batching,
                max_batch_size=options.max_batch_size,
                get_cache_key=cache_key,
            )
            self._loaders[name] = loader
        return loader


class Scope(Protocol):
    """The request's providers, options and loaders (read only)."""

    @property
    def providers(self) -> Providers: ...

    @property
    def options(self) -> ExecutionOptions: ...

    @property
    def loaders(self) -> Loaders: ...
