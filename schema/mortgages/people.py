"""Finmo borrowers and Molo applicants as people directories (schema.people).

The indexes (how people are read, cached and found by email) are the data
layer's, resolvers.mortgages.people; a directory maps their records to Borrower.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from typing import Any

from resolvers import finmo, molo
from resolvers.mortgages import people
from resolvers.mortgages.people import PeopleIndex, Person

from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from .borrowers import from_finmo_borrower, from_molo_applicant


class _Directory:
    provider: Provider

    async def index(self, info: Info) -> PeopleIndex[Any]:
        raise NotImplementedError

    def borrower(self, person: Person[Any]) -> Borrower:
        raise NotImplementedError

    async def by_ids(self, info: Info, ids: Sequence[str]) -> Sequence[Borrower | None]:
        index = await self.index(info)
        found = [index.by_id.get(i) for i in ids]
        return [None if p is None else self.borrower(p) for p in found]

    async def by_emails(self, info: Info, emails: Sequence[str]) -> dict[str, list[Borrower]]:
        index = await self.index(info)
        return {
            e: [self.borrower(p) for p in index.by_email[e]] for e in emails if e in index.by_email
        }

    async def newest_first(self, info: Info) -> AsyncIterator[Borrower]:
        for person in (await self.index(info)).newest:
            yield self.borrower(person)


class FinmoPeople(_Directory):
    """Finmo borrowers (provider id: userId), from each team's borrower list."""

    provider = Provider.FINMO

    async def index(self, info: Info) -> PeopleIndex[Any]:
        return await people.finmo_index(info.context)

    def borrower(self, person: Person[finmo.Borrower]) -> Borrower:
        return from_finmo_borrower(person.record)


class MoloPeople(_Directory):
    """Molo applicants (provider id: applicant id); createdAt is their application's."""

    provider = Provider.MOLO

    async def index(self, info: Info) -> PeopleIndex[Any]:
        return await people.molo_index(info.context)

    def borrower(self, person: Person[molo.Applicant]) -> Borrower:
        return from_molo_applicant(person.record, person.created_at)

    async def by_ids(self, info: Info, ids: Sequence[str]) -> Sequence[Borrower | None]:
        """Two reads per distinct id (resolvers.mortgages.people.molo_applicant_by_id),
        rather than the whole index on a cold cache."""
        found = await asyncio.gather(*(people.molo_applicant_by_id(info.context, i) for i in ids))
        return [None if p is None else self.borrower(p) for p in found]


__all__ = ["FinmoPeople", "MoloPeople"]
