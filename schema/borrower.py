"""Borrower: one person at one provider, and the same person elsewhere.

A Finmo borrower, a Molo applicant, a Finos user or a FinanceIt loan's
borrower (FinanceIt gives borrowers no id: their provider id is their
normalized email). `profiles` finds the same person at the other providers
by normalized email; `applications`, `loans` and `accounts` are this
profile's own records at its provider (empty where the provider has none).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from resolvers.people import normalize_email as normalize_email  # moved; re-exported

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
        from .people import profiles_of

        return await profiles_of(info, self, include_self=include_self)

    @strawberry.field(description="This profile's mortgage applications (Finmo, Molo).")
    async def applications(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Application, strawberry.lazy(".mortgages.types")]] | None:
        from .mortgages.links import applications_of_borrower

        return await applications_of_borrower(info, self, first=first, after=after)

    @strawberry.field(description="This profile's consumer loans (FinanceIt).")
    async def loans(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Loan, strawberry.lazy(".loans.types")]] | None:
        from .loans.links import loans_of_borrower

        return await loans_of_borrower(info, self, first=first, after=after)

    @strawberry.field(description="This profile's brokerage accounts (Finos).")
    async def accounts(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Account, strawberry.lazy(".brokerage.types")]] | None:
        from .brokerage.links import accounts_of_borrower

        return await accounts_of_borrower(info, self, first=first, after=after)
