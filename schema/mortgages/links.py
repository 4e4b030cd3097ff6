"""Borrower.applications: a profile's own mortgage applications.

Which applications are a Finmo borrower's or a Molo applicant's (and the reads
that costs) is resolvers.mortgages.links; any other provider's borrower gets
an empty connection without a call.
"""

from __future__ import annotations

import asyncio

from resolvers import finmo
from resolvers.mortgages import links
from resolvers.people import normalize_email
from resolvers.people_paging import lazy_source

from ..authz_owner import caller_email
from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from ..paging import connect, empty
from ..people import borrowers_by_email
from ..relay import Connection, page_args
from .types import Application


async def finmo_applications_of(info: Info, user_id: str) -> list[Application]:
    return [
        Application.from_finmo(r) for r in await links.finmo_applications_of(info.context, user_id)
    ]


async def molo_applications_of(info: Info, applicant_id: str) -> list[Application]:
    found = await links.molo_applications_of(info.context, applicant_id)
    return [Application.from_molo(s) for s in found]


class OwnApplications:
    """A borrower caller's mortgage applications, for filtering lists at their source.

    Finmo: an embedded applicant has the caller's email (no call). Molo: the
    applications of the caller's Molo applicants (the cached people index, as
    `Borrower.applications` reads it; an applicant newer than the index: its read).
    """

    def __init__(self, info: Info) -> None:
        self._info = info
        self._email = caller_email(info)

    def finmo(self, keys: finmo.ApplicationKeys) -> bool:
        """Tested on a list record's keys (its applicants' emails), before it is read."""
        return self._email is not None and any(
            normalize_email(a.email) == self._email for a in keys.applicants
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
