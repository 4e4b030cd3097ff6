"""Borrower: one person at one provider, and the same person elsewhere.

A Finmo borrower, a Molo applicant, a Finos user or a FinanceIt loan's
borrower (FinanceIt gives borrowers no id: their provider id is their
normalized email). `profiles` finds the same person at the other providers
by normalized email; `applications`, `loans` and `accounts` are this
profile's own records at its provider (empty where the provider has none).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Protocol, cast

import strawberry

from resolvers.people import normalize_email

from .authz_owner import owns
from .common import Address, Node, Provider
from .context import Info
from .ids import to_global_id
from .relay import Connection
from .upstream import upstream

if TYPE_CHECKING:
    from .brokerage.types import Account
    from .loans.types import Loan
    from .mortgages.types import Application


@strawberry.type(description="A person as one provider knows them.")
class Borrower(Node):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finmo": 1, "financeit": 1, "finos": 1, "molo": 2}

    async def visible_to(self, info: Info) -> bool:
        return owns(info, self.email)

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """Through the people index of that provider (schema.people), batched per request."""
        by_id = links(info).by_id
        return list(await asyncio.gather(*(by_id(info, Provider(provider), i) for i in ids)))

    provider: Provider
    provider_id: strawberry.ID
    first_name: str | None
    last_name: str | None
    email: str | None = strawberry.field(description="As the provider stores it.")
    phone: str | None = None
    date_of_birth: date | None = None
    address: Address | None = None
    created_at: datetime | None = None
    provider_kind: str | None = strawberry.field(
        default=None,
        description="What the provider calls this person: borrower, applicant, user...",
    )

    @classmethod
    def build(
        cls,
        provider: Provider,
        provider_id: str,
        *,
        first_name: str | None,
        last_name: str | None,
        email: str | None,
        phone: str | None = None,
        date_of_birth: date | None = None,
        address: Address | None = None,
        created_at: datetime | None = None,
        provider_kind: str | None = None,
    ) -> Borrower:
        return cls(
            id=strawberry.ID(to_global_id("Borrower", provider.value, provider_id)),
            provider=provider,
            provider_id=strawberry.ID(provider_id),
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            date_of_birth=date_of_birth,
            address=address,
            created_at=created_at,
            provider_kind=provider_kind,
        )

    @strawberry.field(description="Lower-cased email, the key profiles are matched on.")
    def normalized_email(self) -> str | None:
        return normalize_email(self.email)

    @strawberry.field
    def full_name(self) -> str | None:
        parts = [p for p in (self.first_name, self.last_name) if p]
        return " ".join(parts) or None

    @strawberry.field(
        description="The same person at the other providers (same normalized email).",
        metadata=upstream(len(Provider)),
    )
    async def profiles(self, info: Info, include_self: bool = False) -> list[Borrower] | None:
        return await links(info).profiles(info, self, include_self=include_self)

    @strawberry.field(description="This profile's mortgage applications (Finmo, Molo).")
    async def applications(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Application, strawberry.lazy(".mortgages.types")]] | None:
        return await links(info).applications(info, self, first=first, after=after)

    @strawberry.field(description="This profile's consumer loans (FinanceIt).")
    async def loans(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Loan, strawberry.lazy(".loans.types")]] | None:
        return await links(info).loans(info, self, first=first, after=after)

    @strawberry.field(description="This profile's brokerage accounts (Finos).")
    async def accounts(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Account, strawberry.lazy(".brokerage.types")]] | None:
        return await links(info).accounts(info, self, first=first, after=after)


class Profiles(Protocol):
    async def __call__(
        self, info: Info, borrower: Borrower, *, include_self: bool
    ) -> list[Borrower]: ...


class Records(Protocol):
    async def __call__(
        self, info: Info, borrower: Borrower, *, first: int | None, after: str | None
    ) -> Connection[Any]: ...


class ById(Protocol):
    async def __call__(
        self, info: Info, provider: Provider, provider_id: str
    ) -> Borrower | None: ...


@dataclass(frozen=True)
class BorrowerLinks:
    """What Borrower's fields that reach into the domains call: the people index
    (profiles, by id) and each domain's records of a person. `schema.build`, where the
    domains are composed, hands them to the schema object, so this module, which every
    domain imports, imports no domain (no import cycle crosses a domain)."""

    profiles: Profiles
    by_id: ById
    applications: Records
    loans: Records
    accounts: Records


class LinkedSchema(Protocol):
    borrower_links: BorrowerLinks


def links(info: Info) -> BorrowerLinks:
    """The links of the schema executing this request (schema.build.FingateSchema)."""
    return cast("LinkedSchema", info.schema).borrower_links
