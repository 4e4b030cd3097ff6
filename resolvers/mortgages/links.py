"""A borrower's own mortgage applications: one dataloader each over the shared reads.

Finmo: the applications list (read once per request, whatever the number of
borrowers asked) filtered by applicant userId. Molo: the applicant's
application ids from the people index (an applicant newer than the index: its
own read), matched against the applications list (again one read per request).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from .. import finmo, molo
from ..request import Scope
from .loaders import finmo_applications, molo_applicant, molo_applications
from .people import molo_index


async def finmo_applications_of(scope: Scope, user_id: str) -> list[finmo.Application]:
    """The Finmo applications with this userId among their applicants (the one list read)."""

    async def batch(user_ids: Sequence[str]) -> list[list[finmo.Application]]:
        records = await finmo_applications(scope)
        by_user: dict[str, list[int]] = {}
        for position, keys in enumerate(records.keys):  # only the matches are validated
            for applicant in keys.applicants:
                by_user.setdefault(applicant.user_id, []).append(position)
        return [list(records.pick(by_user.get(u, ()))) for u in user_ids]

    loader = scope.loaders.get("mortgages.finmo.by_user", lambda: batch)
    found: list[finmo.Application] = await loader.load(user_id)
    return found


async def molo_applications_of(scope: Scope, applicant_id: str) -> list[molo.ApplicationSummary]:
    """The Molo applications of this applicant, in id order: the people index names them
    (an applicant newer than the index: its own read), the one list read answers them."""

    async def batch(applicant_ids: Sequence[str]) -> list[list[molo.ApplicationSummary]]:
        index = await molo_index(scope)
        wanted = {a: set(index.applications.get(a, ())) for a in applicant_ids}
        # an applicant added since the index was built: its own read names its application
        newer = [a for a in wanted if not wanted[a] and a.isdigit()]
        reads = await asyncio.gather(*(molo_applicant(scope, int(a)) for a in newer))
        for a, found in zip(newer, reads, strict=True):
            if found is not None:
                wanted[a] = {str(found.application)}
        if not any(wanted.values()):
            return [[] for _ in applicant_ids]
        summaries = {str(s.id): s for s in await molo_applications(scope)}
        return [
            [summaries[pk] for pk in sorted(wanted[a]) if pk in summaries] for a in applicant_ids
        ]

    loader = scope.loaders.get("mortgages.molo.by_applicant", lambda: batch)
    found: list[molo.ApplicationSummary] = await loader.load(applicant_id)
    return found
