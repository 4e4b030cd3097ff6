"""Finos users as borrowers.

- by id: `GET /v1/users/{id}` through the per-request user loader (one call per
  distinct user; Finos has no fetch-many), shared with `Account.owner` and
  `BankAccount.owner`.
- by email and newest first: one index of every user, built by walking
  `GET /v1/users` (100 a page) and kept in the shared RefCache (kind
  "people_index", TTL from settings). `GET /v1/users/search?email_address=`
  could answer one email per call, but a query that asks for profiles asks for
  one email per borrower on the page: the index costs ceil(users / 100) calls
  once per TTL (one call for the sandbox's users) and nothing while warm,
  whatever the number of emails, and it also gives the newest-first list the
  merged `borrowers` connection walks. The index is sorted here (created_at
  desc, then id desc) rather than trusting the provider's insertion order.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from resolvers import finos
from resolvers.brokerage import loaders

from ..borrower import Borrower
from ..common import Address, Provider, normalize_email
from ..context import Info

PEOPLE_INDEX = "people_index"
WALK_PAGE = 100


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


@dataclass(frozen=True)
class UserIndex:
    by_email: dict[str, list[Borrower]]
    newest_first: tuple[Borrower, ...]


async def user_index(info: Info) -> UserIndex:
    from ..paging import sort_key

    client = info.context.providers.finos

    async def load() -> UserIndex:
        everyone = [borrower_of(u) async for u in client.iter_users(limit=WALK_PAGE)]
        everyone.sort(key=sort_key, reverse=True)
        by_email: dict[str, list[Borrower]] = {}
        for borrower in everyone:
            email = normalize_email(borrower.email)
            if email is not None:
                by_email.setdefault(email, []).append(borrower)
        return UserIndex(by_email, tuple(everyone))

    cache = info.context.providers.cache
    return await cache.get_or_load(PEOPLE_INDEX, client.credential_scope, "finos", load)


class FinosPeople:
    provider = Provider.FINOS

    async def by_ids(self, info: Info, ids: Sequence[str]) -> Sequence[Borrower | None]:
        return list(await asyncio.gather(*(borrower_by_user_id(info, i) for i in ids)))

    async def by_emails(self, info: Info, emails: Sequence[str]) -> dict[str, list[Borrower]]:
        index = await user_index(info)
        return {e: list(index.by_email[e]) for e in emails if e in index.by_email}

    async def newest_first(self, info: Info) -> AsyncIterator[Borrower]:
        index = await user_index(info)
        for borrower in index.newest_first:
            yield borrower
