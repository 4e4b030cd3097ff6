"""Per-request dataloaders of the mortgages domain (Finmo and Molo).

Both providers answer their application lists whole and unpaginated, so a
list is read once per request and every field that needs it (root lists,
node lookups, borrower links) shares that one answer. Details and applicants
are one call per distinct key, at most `per_key_concurrency` at a time;
a 404 is None for that key alone, any other failure is that key's error.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from .. import finmo, molo
from ..loaders import batch_by_key
from ..request import BatchFn, Scope

WHOLE = "all"  # the one key of a whole-list loader


def _per_key(fetch: Callable[[Any], Awaitable[Any]], concurrency: int) -> BatchFn:
    """One call per distinct key (resolvers.loaders.batch_by_key) as a dataloader batch."""
    load = batch_by_key(fetch, concurrency=concurrency)

    async def batch(keys: list[Any]) -> list[Any]:
        return list(await load(keys))

    return batch


def _whole(fetch: Callable[[], Awaitable[Any]]) -> BatchFn:
    """A batch function for a list read whole: one call, the same answer for every key."""

    async def batch(keys: Sequence[str]) -> list[Any]:
        found = await fetch()
        return [found for _ in keys]

    return batch


async def finmo_applications(scope: Scope) -> finmo.Applications:
    """Every Finmo application the token sees, newest first (one call per request); each
    record validated when first read (resolvers.records)."""
    client = scope.providers.finmo
    loader = scope.loaders.get("mortgages.finmo.applications", lambda: _whole(client.applications))
    found: finmo.Applications = await loader.load(WHOLE)
    return found


async def finmo_detail(scope: Scope, application_id: str) -> finmo.Application | None:
    """One Finmo application with its sub-resources (GET /applications/{id})."""
    client = scope.providers.finmo
    concurrency = scope.options.per_key_concurrency
    loader = scope.loaders.get(
        "mortgages.finmo.detail", lambda: _per_key(client.application, concurrency)
    )
    found: finmo.Application | None = await loader.load(application_id)
    return found


async def finmo_teams(scope: Scope) -> list[finmo.Team]:
    """The teams, from the client's reference cache (zero calls when warm)."""
    client = scope.providers.finmo
    loader = scope.loaders.get("mortgages.finmo.teams", lambda: _whole(client.teams))
    found: list[finmo.Team] = await loader.load(WHOLE)
    return found


async def finmo_brokers(scope: Scope) -> list[finmo.Broker]:
    """Every broker the token sees, from the client's reference cache."""
    client = scope.providers.finmo
    loader = scope.loaders.get("mortgages.finmo.brokers", lambda: _whole(client.brokers))
    found: list[finmo.Broker] = await loader.load(WHOLE)
    return found


async def molo_applications(scope: Scope) -> list[molo.ApplicationSummary]:
    """Every Molo application (summaries), newest first (one call per request)."""
    client = scope.providers.molo
    loader = scope.loaders.get(
        "mortgages.molo.applications", lambda: _whole(client.list_applications)
    )
    found: list[molo.ApplicationSummary] = await loader.load(WHOLE)
    return found


def _molo_detail_loader(scope: Scope) -> Any:
    client = scope.providers.molo
    concurrency = scope.options.per_key_concurrency
    return scope.loaders.get(
        "mortgages.molo.detail", lambda: _per_key(client.get_application, concurrency)
    )


async def molo_detail(scope: Scope, pk: int) -> molo.Application | None:
    """One Molo application's detail (amounts, applicant ids, dip_pdf)."""
    found: molo.Application | None = await _molo_detail_loader(scope).load(pk)
    return found


def prime_molo_detail(scope: Scope, detail: molo.Application) -> None:
    """A detail already read (by id) is not read again in the same request."""
    _molo_detail_loader(scope).prime(detail.id, detail)


async def molo_applicant(scope: Scope, pk: int) -> molo.Applicant | None:
    """One Molo applicant: Molo has no list or filter of applicants, so one call per id."""
    client = scope.providers.molo
    concurrency = scope.options.per_key_concurrency
    loader = scope.loaders.get(
        "mortgages.molo.applicant", lambda: _per_key(client.get_applicant, concurrency)
    )
    found: molo.Applicant | None = await loader.load(pk)
    return found


async def finmo_team_applications(scope: Scope, team_id: str | None) -> finmo.Applications:
    """The Finmo applications of one team (None: every team), from the one list read."""
    found = await finmo_applications(scope)
    return found if team_id is None else found.where(lambda k: k.team_id == team_id)


async def finmo_team_brokers(scope: Scope, team_id: str | None) -> list[finmo.Broker]:
    """The Finmo brokers of one team (None: every team), from the cached reference read."""
    found = await finmo_brokers(scope)
    return [b for b in found if team_id is None or b.team_id == team_id]
