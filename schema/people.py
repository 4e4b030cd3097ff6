"""Borrowers across providers: the merged list, profiles by email, lookups by id."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

from resolvers.merge import SortKey, merge_newest_first

from .borrower import Borrower, normalize_email
from .common import Provider
from .context import Info
from .directory import PeopleDirectory
from .errors import BadInput
from .relay import Connection, Edge, Position, decode_cursor, encode_cursor, page_size

OLDEST = datetime.min.replace(tzinfo=UTC)


def directories() -> dict[Provider, PeopleDirectory]:
    from .brokerage.people import FinosPeople
    from .loans.people import FinanceItPeople
    from .mortgages.people import FinmoPeople, MoloPeople

    found: list[PeopleDirectory] = [FinmoPeople(), MoloPeople(), FinanceItPeople(), FinosPeople()]
    return {d.provider: d for d in found}


def sort_key(borrower: Borrower) -> SortKey:
    return SortKey(
        borrower.created_at or OLDEST, borrower.provider.value, str(borrower.provider_id)
    )


async def borrowers_by_email(info: Info, provider: Provider, email: str) -> list[Borrower]:
    """One provider's borrowers with this normalized email, batched per request."""
    directory = directories()[provider]

    async def batch(emails: list[str]) -> list[list[Borrower]]:
        found = await directory.by_emails(info, emails)
        return [found.get(e, []) for e in emails]

    loader = info.context.loaders.get(f"people.{provider.value}.by_email", lambda: batch)
    result: list[Borrower] = await loader.load(email)
    return result


async def borrower_by_id(info: Info, provider: Provider, provider_id: str) -> Borrower | None:
    directory = directories()[provider]

    async def batch(ids: list[str]) -> list[Borrower | None]:
        return list(await directory.by_ids(info, ids))

    loader = info.context.loaders.get(f"people.{provider.value}.by_id", lambda: batch)
    result: Borrower | None = await loader.load(provider_id)
    return result


async def profiles_of(info: Info, borrower: Borrower, *, include_self: bool) -> list[Borrower]:
    email = normalize_email(borrower.email)
    if email is None:
        return [borrower] if include_self else []
    per_provider = await asyncio.gather(
        *(borrowers_by_email(info, provider, email) for provider in directories())
    )
    found = [
        other
        for others in per_provider
        for other in others
        if include_self
        or (other.provider, other.provider_id) != (borrower.provider, borrower.provider_id)
    ]
    return sorted(found, key=sort_key, reverse=True)


async def list_borrowers(
    info: Info,
    *,
    providers: Sequence[Provider] | None,
    first: int | None,
    after: str | None,
) -> Connection[Borrower]:
    try:
        size = page_size(first)
        position = decode_cursor(after) if after else None
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
    chosen = directories()
    if providers:
        chosen = {p: d for p, d in chosen.items() if p in providers}
    merged = await merge_newest_first(
        [d.newest_first(info) for d in chosen.values()],
        sort_key,
        first=size,
        after=position.key if position else None,
    )
    edges = [Edge(cursor=encode_cursor(Position(key)), node=b) for key, b in merged.items]
    return Connection.build(edges, has_next=merged.has_more, has_previous=after is not None)
