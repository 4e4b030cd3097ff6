"""Per-request dataloaders of the mortgages domain (Finmo and Molo).

Both providers answer their application lists whole and unpaginated, so a
list is read once per request and every field that needs it (root lists,
node lookups, borrower links) shares that one answer. Details and applicants
are one call per distinct key, at most `per_key_concurrency` at a time;
a 404 is None for that key alone, any other failure is that key's error.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from resolvers.finmo import Application as FinmoApplication
from resolvers.finmo import Broker as FinmoBroker
from resolvers.finmo import Team as FinmoTeam
from resolvers.loaders import batch_by_key
from resolvers.molo import Applicant as MoloApplicant
from resolvers.molo import Application as MoloApplication
from resolvers.molo import ApplicationSummary as MoloSummary
from resolvers.request import BatchFn

from ..context import Info

WHOLE = "all"  # the one key of a whole-list loader


def _per_key(fetch: Any, concurrency: int) -> BatchFn:
    """One call per distinct key (resolvers.loaders.batch_by_key) as a dataloader batch."""
    load = batch_by_key(fetch, concurrency=concurrency)

    async def batch(keys: list[Any]) -> list[Any]:
        return list(await load(keys))

    return batch


def _whole(fetch: Any) -> Any:
    """A batch function for a list read whole: one call, the same answer for every key."""

    async def batch(keys: Sequence[str]) -> list[Any]:
        found = await fetch()
        return [found for _ in keys]

    return batch


async def finmo_applications(info: Info) -> list[FinmoApplication]:
    """Every Finmo application the token sees, newest first (one call per request)."""
    finmo = info.context.providers.finmo
    loader = info.context.loaders.get(
        "mortgages.finmo.applications", lambda: _whole(finmo.applications)
    )
    found: list[FinmoApplication] = await loader.load(WHOLE)
    return found


async def finmo_detail(info: Info, application_id: str) -> FinmoApplication | None:
    """One Finmo application with its sub-resources (GET /applications/{id})."""
    context = info.context
    loader = context.loaders.get(
        "mortgages.finmo.detail",
        lambda: _per_key(context.providers.finmo.application, context.options.per_key_concurrency),
    )
    found: FinmoApplication | None = await loader.load(application_id)
    return found


async def finmo_teams(info: Info) -> list[FinmoTeam]:
    """The teams, from the client's reference cache (zero calls when warm)."""
    finmo = info.context.providers.finmo
    loader = info.context.loaders.get("mortgages.finmo.teams", lambda: _whole(finmo.teams))
    found: list[FinmoTeam] = await loader.load(WHOLE)
    return found


async def finmo_brokers(info: Info) -> list[FinmoBroker]:
    """Every broker the token sees, from the client's reference cache."""
    finmo = info.context.providers.finmo
    loader = info.context.loaders.get("mortgages.finmo.brokers", lambda: _whole(finmo.brokers))
    found: list[FinmoBroker] = await loader.load(WHOLE)
    return found


async def molo_applications(info: Info) -> list[MoloSummary]:
    """Every Molo application (summaries), newest first (one call per request)."""
    molo = info.context.providers.molo
    loader = info.context.loaders.get(
        "mortgages.molo.applications", lambda: _whole(molo.list_applications)
    )
    found: list[MoloSummary] = await loader.load(WHOLE)
    return found


def _molo_detail_loader(info: Info) -> Any:
    context = info.context
    return context.loaders.get(
        "mortgages.molo.detail",
        lambda: _per_key(
            context.providers.molo.get_application, context.options.per_key_concurrency
        ),
    )


async def molo_detail(info: Info, pk: int) -> MoloApplication | None:
    """One Molo application's detail (amounts, applicant ids, dip_pdf)."""
    found: MoloApplication | None = await _molo_detail_loader(info).load(pk)
    return found


def prime_molo_detail(info: Info, detail: MoloApplication) -> None:
    """A detail already read (by id) is not read again in the same request."""
    _molo_detail_loader(info).prime(detail.id, detail)


async def molo_applicant(info: Info, pk: int) -> MoloApplicant | None:
    """One Molo applicant: Molo has no list or filter of applicants, so one call per id."""
    context = info.context
    loader = context.loaders.get(
        "mortgages.molo.applicant",
        lambda: _per_key(context.providers.molo.get_applicant, context.options.per_key_concurrency),
    )
    found: MoloApplicant | None = await loader.load(pk)
    return found
