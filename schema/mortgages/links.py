"""Borrower.applications: a profile's own mortgage applications.

Finmo: the applications list (read once per request, whatever the number of
borrowers asked) filtered by applicant userId, through one dataloader.
Molo: the applicant's application ids from the people index (an applicant
newer than the index: its own read), matched against the applications list
(again one read per request). Any other provider's
borrower gets an empty connection without a call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from resolvers.people import normalize_email

from ..authz_owner import caller_email
from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from ..paging import connect, empty, lazy_source
from ..people import borrowers_by_email
from ..relay import Connection, page_args
from .loaders import finmo_applications, molo_applicant, molo_applications
from .people import molo_index
from .types import Application


async def finmo_applications_of(info: Info, user_id: str) -> list[Application]:
    async def batch(user_ids: Sequence[str]) -> list[list[Application]]:
        by_user: dict[str, list[Application]] = {}
        for record in await finmo_applications(info):
            for applicant in record.applicants:
                by_user.setdefault(applicant.user_id, []).append(Application.from_finmo(record))
        return [by_user.get(u, []) for u in user_ids]

    loader = info.context.loaders.get("mortgages.finmo.by_user", lambda: batch)
    found: list[Application] = await loader.load(user_id)
    return found


async def molo_applications_of(info: Info, applicant_id: str) -> list[Application]:
    async def batch(applicant_ids: Sequence[str]) -> list[list[Application]]:
        index = await molo_index(info)
        wanted = {a: set(index.applications.get(a, ())) for a in applicant_ids}
        # an applicant added since the index was built: its own read names its application
        newer = [a for a in wanted if not wanted[a] and a.isdigit()]
        for a, found in zip(
            newer, await asyncio.gather(*(molo_applicant(info, int(a)) for a in newer)), strict=True
        ):
            if found is not None:
                wanted[a] = {str(found.application)}
        if not any(wanted.values()):
            return [[] for _ in applicant_ids]
        summaries = {str(s.id): s for s in await molo_applications(info)}
        return [
            [Application.from_molo(summaries[pk]) for pk in sorted(wanted[a]) if pk in summaries]
            for a in applicant_ids
        ]

    loader = info.context.loaders.get("mortgages.molo.by_applicant", lambda: batch)
    found: list[Application] = await loader.load(applicant_id)
    return found


class OwnApplications:
    """A borrower caller's mortgage applications, for filtering lists at their source.

    Finmo: an embedded applicant has the caller's email (no call). Molo: the
    applications of the caller's Molo applicants (the cached people index, as
    `Borrower.applications` reads it; an applicant newer than the index: its read).
    """

    def __init__(self, info: Info) -> None:
        self._info = info
        self._email = caller_email(info)

    def finmo(self, application: Application) -> bool:
        record = application.finmo
        return (
            self._email is not None
            and record is not None
            and any(normalize_email(a.email) == self._email for a in record.applicants)
        )

    async def molo_ids(self) -> set[str]:
        if self._email is None:
            return set()
        people = await borrowers_by_email(self._info, Provider.MOLO, self._email)
        found = await asyncio.gather(
            *(molo_applications_of(self._info, str(p.provider_id)) for p in people)
        )
        return {str(a.provider_id) for apps in found for a in apps}


async def applications_of_borrower(
    info: Info, borrower: Borrower, *, first: int | None, after: str | None
) -> Connection[Application]:
    page_args(first, after)  # a bad page is refused before any call
    provider_id = str(borrower.provider_id)
    if borrower.provider is Provider.FINMO:

        async def load() -> list[Application]:
            return await finmo_applications_of(info, provider_id)

    elif borrower.provider is Provider.MOLO:

        async def load() -> list[Application]:
            return await molo_applications_of(info, provider_id)

    else:
        return empty()
    return await connect([lazy_source(load)], first=first, after=after)
