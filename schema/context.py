"""The per-request context: the provider clients, fresh dataloaders (resolvers.request),
the caller, idempotency and the partial errors of the response."""

from __future__ import annotations

from dataclasses import dataclass, field

import strawberry

from resolvers import Providers
from resolvers.idempotency import IdempotencyStore, MemoryIdempotencyStore
from resolvers.request import ExecutionOptions, Loaders

from .errors import PartialError


@dataclass(frozen=True)
class Caller:
    """Who is asking. `kind`: staff (every record the credentials allow), borrower
    (only records of `email`), or anonymous (auth mode `none`, the sandbox default)."""

    id: str = "anonymous"
    kind: str = "anonymous"
    scopes: frozenset[str] = frozenset({"*"})
    email: str | None = None


@dataclass
class Context:
    providers: Providers
    options: ExecutionOptions = field(default_factory=ExecutionOptions)
    caller: Caller = field(default_factory=Caller)
    idempotency: IdempotencyStore = field(default_factory=MemoryIdempotencyStore)
    idempotency_key: str | None = None  # the Idempotency-Key header, if sent
    # failures of one provider inside a field that kept the others' data (schema.errors)
    partial_errors: list[PartialError] = field(default_factory=list)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.options)


Info = strawberry.Info[Context, None]

__all__ = ["Caller", "Context", "ExecutionOptions", "Info", "Loaders"]
