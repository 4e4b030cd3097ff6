"""Finmo borrowers and Molo applicants as people indexes, by id and by email.

Neither provider can find a person by email, so each index is built once and
kept in the shared reference cache (kind "people_index", per credential scope),
and, within a request, behind one dataloader so every place a query asks costs
the same single read. An index holds provider records (`Person`); the schema
maps them to its Borrower type (schema.mortgages.people).

Finmo: GET /teams (cached) and GET /teams/{teamId}/borrowers per team.
Molo: no applicant list or search at all: GET /applications/, then every
application's detail (for its applicant ids) and every applicant, at most
`per_key_concurrency` at a time: 1 + applications + applicants calls (at
sandbox scale 1: 1 + 299 + the applicants). A lookup by id does not need the
index: it reads the applicant and its application (two calls, batched).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from .. import finmo, molo
from ..cursors import OLDEST
from ..loaders import batch_by_key
from ..merge import SortKey
from ..people import normalize_email
from ..request import Scope
from .loaders import WHOLE, molo_applicant, molo_detail

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")

PEOPLE_INDEX = "people_index"  # RefCache kind, shared with the other domains' indexes
FINMO = "finmo"
MOLO = "molo"


@dataclass(frozen=True)
class Person(Generic[R]):
    """One person's provider record; `created_at` is the record's (Molo: its application's)."""

    provider: str
    provider_id: str
    email: str | None
    created_at: datetime | None
    record: R

    @property
    def sort_key(self) -> SortKey:
        """Newest first, as every merged list orders people (schema.paging.sort_key)."""
        return SortKey(self.created_at or OLDEST, self.provider, self.provider_id)


@dataclass
class PeopleIndex(Generic[R]):
    """One provider's people: by provider id, by normalized email, newest first."""

    by_id: dict[str, Person[R]] = field(default_factory=dict)
    by_email: dict[str, list[Person[R]]] = field(default_factory=dict)
    newest: list[Person[R]] = field(default_factory=list)
    applications: dict[str, list[str]] = field(default_factory=dict)  # Molo: applicant -> apps

    @classmethod
    def of(cls, people: Sequence[Person[R]], applications: dict[str, list[str]]) -> PeopleIndex[R]:
        index = cls(applications=applications)
        for person in people:
            index.by_id[person.provider_id] = person
            email = normalize_email(person.email)
            if email is not None:
                index.by_email.setdefault(email, []).append(person)
        index.newest = sorted(index.by_id.values(), key=lambda p: p.sort_key, reverse=True)
        return index


FinmoIndex = PeopleIndex[finmo.Borrower]
MoloIndex = PeopleIndex[molo.Applicant]


def finmo_person(record: finmo.Borrower) -> Person[finmo.Borrower]:
    return Person(FINMO, record.user_id, record.email, record.created_at, record)


def molo_person(record: molo.Applicant, created_at: datetime | None) -> Person[molo.Applicant]:
    return Person(MOLO, str(record.id), record.email, created_at, record)


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


async def _cached(
    scope: Scope, provider: str, credential_scope: str, build: Callable[[], Awaitable[V]]
) -> V:
    async def batch(keys: Sequence[str]) -> list[V]:
        cache = scope.providers.cache
        index: V = await cache.get_or_load(PEOPLE_INDEX, credential_scope, provider, build)
        return [index for _ in keys]

    loader = scope.loaders.get(f"mortgages.people.{provider}", lambda: batch)
    found: V = await loader.load(WHOLE)
    return found


async def finmo_index(scope: Scope) -> FinmoIndex:
    client = scope.providers.finmo
    concurrency = scope.options.per_key_concurrency

    async def build() -> FinmoIndex:
        teams = [t.id for t in await client.teams()]
        per_team = await _all(client.team_borrowers, teams, concurrency)
        people = [finmo_person(b) for t in teams for b in per_team.get(t, [])]
        return PeopleIndex.of(people, {})

    return await _cached(scope, FINMO, client.credential_scope, build)


async def molo_index(scope: Scope) -> MoloIndex:
    client = scope.providers.molo
    concurrency = scope.options.per_key_concurrency

    async def build() -> MoloIndex:
        summaries = await client.list_applications()
        details = await _all(client.get_application, [s.id for s in summaries], concurrency)
        owner = {pk: d for d in details.values() for pk in d.applicants}
        applicants = await _all(client.get_applicant, list(owner), concurrency)
        people = [molo_person(a, owner[pk].created_at) for pk, a in applicants.items()]
        applications: dict[str, list[str]] = {}
        for pk, detail in owner.items():
            applications.setdefault(str(pk), []).append(str(detail.id))
        return PeopleIndex.of(people, applications)

    return await _cached(scope, MOLO, client.credential_scope, build)


async def molo_applicant_by_id(scope: Scope, provider_id: str) -> Person[molo.Applicant] | None:
    """Two reads (the applicant, then its application for createdAt), through the
    request's loaders, rather than the whole index on a cold cache."""
    applicant = await molo_applicant(scope, int(provider_id)) if provider_id.isdigit() else None
    if applicant is None:
        return None
    detail = await molo_detail(scope, applicant.application)
    return molo_person(applicant, None if detail is None else detail.created_at)
