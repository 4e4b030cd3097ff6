"""Finmo borrowers and Molo applicants as people directories (schema.people).

Neither provider can find a person by email, so each directory builds an
index once and keeps it in the shared reference cache ("people_index", per
credential scope), and, within a request, behind one dataloader so every
place a query asks costs the same single read.

Finmo: GET /teams (cached) and GET /teams/{teamId}/borrowers per team.
Molo: no applicant list or search at all: GET /applications/, then every
application's detail (for its applicant ids) and every applicant, at most
`per_key_concurrency` at a time: 1 + applications + applicants calls (at
sandbox scale 1: 1 + 299 + the applicants). A lookup by id does not need the
index: it reads the applicant and its application (two calls, batched).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from resolvers.finmo import Borrower as FinmoBorrower
from resolvers.loaders import batch_by_key
from resolvers.people import normalize_email

from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from ..paging import sort_key
from .borrowers import from_finmo_borrower, from_molo_applicant
from .loaders import WHOLE, molo_applicant, molo_detail

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class PeopleIndex:
    """One provider's people: by provider id, by normalized email, newest first."""

    by_id: dict[str, Borrower] = field(default_factory=dict)
    by_email: dict[str, list[Borrower]] = field(default_factory=dict)
    newest: list[Borrower] = field(default_factory=list)
    applications: dict[str, list[str]] = field(default_factory=dict)  # Molo: applicant -> apps

    @classmethod
    def of(cls, people: Sequence[Borrower], applications: dict[str, list[str]]) -> PeopleIndex:
        index = cls(applications=applications)
        for person in people:
            index.by_id[str(person.provider_id)] = person
            email = normalize_email(person.email)
            if email is not None:
                index.by_email.setdefault(email, []).append(person)
        index.newest = sorted(index.by_id.values(), key=sort_key, reverse=True)
        return index


async def _all(
    fetch: Callable[[K], Awaitable[V]], keys: Sequence[K], concurrency: int
) -> dict[K, V]:
    """Every key's record (a 404 skips it); any other failure fails the whole index."""
    results = await batch_by_key(fetch, concurrency=concurrency)(list(keys))
    found: dict[K, V] = {}
    for key, result in zip(keys, results, strict=True):
        if isinstance(result, Exception):
            raise result
        if result is not None:
            found[key] = result
    return found


async def _cached_index(info: Info, provider: Provider, build: Callable[[], Any]) -> PeopleIndex:
    context = info.context
    client = context.providers.finmo if provider is Provider.FINMO else context.providers.molo

    async def batch(keys: Sequence[str]) -> list[PeopleIndex]:
        cache = context.providers.cache
        index: PeopleIndex = await cache.get_or_load(
            "people_index", client.credential_scope, provider.value, build
        )
        return [index for _ in keys]

    loader = context.loaders.get(f"mortgages.people.{provider.value}", lambda: batch)
    found: PeopleIndex = await loader.load(WHOLE)
    return found


async def finmo_index(info: Info) -> PeopleIndex:
    finmo = info.context.providers.finmo
    concurrency = info.context.options.per_key_concurrency

    async def build() -> PeopleIndex:
        teams = [t.id for t in await finmo.teams()]
        per_team: dict[str, list[FinmoBorrower]] = await _all(
            finmo.team_borrowers, teams, concurrency
        )
        people = [from_finmo_borrower(b) for t in teams for b in per_team.get(t, [])]
        return PeopleIndex.of(people, {})

    return await _cached_index(info, Provider.FINMO, build)


async def molo_index(info: Info) -> PeopleIndex:
    molo = info.context.providers.molo
    concurrency = info.context.options.per_key_concurrency

    async def build() -> PeopleIndex:
        summaries = await molo.list_applications()
        details = await _all(molo.get_application, [s.id for s in summaries], concurrency)
        owner = {pk: d for d in details.values() for pk in d.applicants}
        applicants = await _all(molo.get_applicant, list(owner), concurrency)
        people = [from_molo_applicant(a, owner[pk].created_at) for pk, a in applicants.items()]
        applications: dict[str, list[str]] = {}
        for pk, detail in owner.items():
            applications.setdefault(str(pk), []).append(str(detail.id))
        return PeopleIndex.of(people, applications)

    return await _cached_index(info, Provider.MOLO, build)


class _Directory:
    provider: Provider

    async def index(self, info: Info) -> PeopleIndex:
        raise NotImplementedError

    async def by_ids(self, info: Info, ids: Sequence[str]) -> Sequence[Borrower | None]:
        index = await self.index(info)
        return [index.by_id.get(i) for i in ids]

    async def by_emails(self, info: Info, emails: Sequence[str]) -> dict[str, list[Borrower]]:
        index = await self.index(info)
        return {e: list(index.by_email[e]) for e in emails if e in index.by_email}

    async def newest_first(self, info: Info) -> AsyncIterator[Borrower]:
        for person in (await self.index(info)).newest:
            yield person


class FinmoPeople(_Directory):
    """Finmo borrowers (provider id: userId), from each team's borrower list."""

    provider = Provider.FINMO

    async def index(self, info: Info) -> PeopleIndex:
        return await finmo_index(info)


class MoloPeople(_Directory):
    """Molo applicants (provider id: applicant id); createdAt is their application's."""

    provider = Provider.MOLO

    async def index(self, info: Info) -> PeopleIndex:
        return await molo_index(info)

    async def by_ids(self, info: Info, ids: Sequence[str]) -> Sequence[Borrower | None]:
        """Two reads per distinct id (the applicant, then its application for createdAt),
        through the request's loaders, rather than the whole index on a cold cache."""

        async def one(provider_id: str) -> Borrower | None:
            applicant = (
                await molo_applicant(info, int(provider_id)) if provider_id.isdigit() else None
            )
            if applicant is None:
                return None
            detail = await molo_detail(info, applicant.application)
            return from_molo_applicant(applicant, None if detail is None else detail.created_at)

        return await asyncio.gather(*(one(i) for i in ids))


__all__ = ["FinmoPeople", "MoloPeople", "PeopleIndex", "finmo_index", "molo_index"]
