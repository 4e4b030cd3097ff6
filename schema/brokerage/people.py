"""Finos users as borrowers.

- by id: `GET /v1/users/{id}` through the per-request user loader (one call per
  distinct user; Finos has no fetch-many), shared with `Account.owner` and
  `BankAccount.owner`.
- by email and newest first: the index of every user (resolvers.brokerage.people,
  one walk of `GET /v1/users` per TTL in the shared RefCache), its records made
  Borrowers here.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence

from resolvers import finos
from resolvers.brokerage import loaders
from resolvers.brokerage.people import user_index

from ..borrower import Borrower
from ..common import Address, Provider
from ..context import Info


def address_of(u: finos.User | finos.AccountHolder) -> Address | None:
    parts = (
        u.address_line_1,
        u.address_line_2,
        u.address_city,
        u.address_state,
        u.address_postal_code,
        u.address_country_code,
    )
    if not any(parts):
        return None
    return Address(
        line1=u.address_line_1,
        line2=u.address_line_2,
        city=u.address_city,
        region=u.address_state,
        postal_code=u.address_postal_code,
        country=u.address_country_code,
    )


def borrower_of(u: finos.User | finos.AccountHolder) -> Borrower:
    """A Finos user (or an account's embedded owner, which has an id) as a Borrower."""
    assert u.id is not None, "only holders with a user id are borrowers"
    return Borrower.build(
        Provider.FINOS,
        u.id,
        first_name=u.first_name,
        last_name=u.last_name,
        email=u.email_address,
        phone=u.phone_number,
        date_of_birth=u.birth_date if isinstance(u, finos.User) else None,
        address=address_of(u),
        created_at=u.created_at,
        provider_kind="user",
    )


async def borrower_by_user_id(info: Info, user_id: str | None) -> Borrower | None:
    if not user_id:
        return None
    found = await loaders.user(info.context, user_id)
    return None if found is None else borrower_of(found)


class FinosPeople:
    provider = Provider.FINOS

    async def by_ids(self, info: Info, ids: Sequence[str]) -> Sequence[Borrower | None]:
        return list(await asyncio.gather(*(borrower_by_user_id(info, i) for i in ids)))

    async def by_emails(self, info: Info, emails: Sequence[str]) -> dict[str, list[Borrower]]:
        index = await user_index(info.context)
        return {
            e: [borrower_of(u) for u in index.by_email[e]] for e in emails if e in index.by_email
        }

    async def newest_first(self, info: Info) -> AsyncIterator[Borrower]:
        index = await user_index(info.context)
        for user in index.newest_first:
            yield borrower_of(user)
