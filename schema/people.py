"""Borrowers across providers: the merged list, profiles by email, lookups by id."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Sequence

from resolvers.errors import ProviderError

from .authz_owner import caller_email, is_borrower
from .borrower import Borrower
from .brokerage.people import FinosPeople
from .common import Provider, normalize_email
from .context import Info
from .directory import PeopleDirectory
from .errors import record_partial
from .loans.people import FinanceItPeople
from .mortgages.people import FinmoPeople, MoloPeople
from .paging import connect, sort_key
from .relay import Connection


@functools.cache  # module constants: built once per process, not per lookup
def directories() -> dict[Provider, PeopleDirectory]:
    found: list[PeopleDirectory] = [FinmoPeople(), MoloPeople(), FinanceItPeople(), FinosPeople()]
    return {d.provider: d for d in found}


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
    answers = await asyncio.gather(
        *(borrowers_by_email(info, provider, email) for provider in directories()),
        return_exceptions=True,
    )
    per_provider: list[list[Borrower]] = []
    for answer in answers:  # a failing provider costs only its own profiles
        if isinstance(answer, ProviderError):
            record_partial(info, answer)
        elif isinstance(answer, BaseException):
            raise answer
        else:
            per_provider.append(answer)
    found = [
        other
        for others in per_provider
        for other in others
        if include_self
        or (other.provider, other.provider_id) != (borrower.provider, borrower.provider_id)
    ]
    return sorted(found, key=sort_key, reverse=True)


async def _own(info: Info, provider: Provider) -> AsyncIterator[Borrower]:
    """A borrower caller's profiles at one provider, newest first."""
    email = caller_email(info)
    found = [] if email is None else await borrowers_by_email(info, provider, email)
    for borrower in sorted(found, key=sort_key, reverse=True):
        yield borrower


async def list_borrowers(
    info: Info,
    *,
    providers: Sequence[Provider] | None,
    first: int | None,
    after: str | None,
) -> Connection[Borrower]:
    chosen = directories()
    if providers:
        chosen = {p: d for p, d in chosen.items() if p in providers}
    if is_borrower(info):  # only the caller's own profiles, from the same cached indexes
        sources = [_own(info, p) for p in chosen]
    else:
        sources = [d.newest_first(info) for d in chosen.values()]
    # a failing provider costs only its own records (info: partial results)
    return await connect(sources, first=first, after=after, info=info)
