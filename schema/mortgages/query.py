"""The mortgages root fields: applications, application, teams, brokers, maxLoanQuote."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import strawberry

from resolvers.mortgages import max_loan
from resolvers.mortgages.loaders import (
    finmo_team_applications,
    finmo_team_brokers,
    finmo_teams,
    molo_applications,
)
from resolvers.people_paging import lazy_source, within_provider

from ..access import APPLICATIONS_READ, QUOTES_READ, access
from ..authz_owner import is_borrower, visible
from ..common import Provider
from ..context import Info
from ..errors import BadInput, NotFound
from ..ids import InvalidId, from_global_id
from ..paging import connect
from ..relay import Connection
from .enums import ApplicationStatus
from .links import OwnApplications
from .quotes import MaxLoanQuote, MaxLoanQuoteInput, quote_max_loan
from .reference import Broker, Team
from .types import Application

PROVIDERS = (Provider.FINMO, Provider.MOLO)


def _team_filter(team_id: strawberry.ID | None) -> str | None:
    """The Finmo team id inside a global Team id (BadInput when it is not one)."""
    if team_id is None:
        return None
    try:
        gid = from_global_id(team_id)
    except InvalidId as exc:
        raise BadInput(f"teamId {team_id!r} is not a Team id.", field="teamId") from exc
    if gid.type_name != "Team" or gid.provider != Provider.FINMO.value:
        raise BadInput(f"teamId {team_id!r} is not a Team id.", field="teamId")
    return gid.provider_id


def _application_sources(
    info: Info,
    *,
    provider: Provider | None,
    status: ApplicationStatus | None,
    team: str | None,
    created_after: datetime | None,
    created_before: datetime | None,
) -> list[AsyncIterator[Application]]:
    def keep(app: Application) -> bool:
        if status is not None and app.status is not status:
            return False
        if created_after is not None and (app.created_at is None or app.created_at < created_after):
            return False
        return created_before is None or (
            app.created_at is not None and app.created_at < created_before
        )

    async def finmo() -> AsyncIterator[Application]:
        """Newest first on the records' keys; a record is validated and mapped only when
        the page reaches it (resolvers.records: a first page reads 21 of Finmo's list)."""
        records = await finmo_team_applications(info.context, team)
        if own is not None:  # a borrower's own: matched on the keys, nothing else read
            records = records.where(own.finmo)
        for record in records.ordered(lambda k: within_provider(k.created_at, k.id), reverse=True):
            app = Application.from_finmo(record)
            if keep(app):
                yield app

    async def molo() -> AsyncIterator[Application]:
        """Newest first on the summaries' own fields, in the merge's order
        (resolvers.people_paging.within_provider); a summary is mapped only when the page
        reaches it (a first page maps 21 of Molo's list, not all of it)."""
        summaries = await molo_applications(info.context)
        if own is not None:  # the caller's applications, from the (cached) people index
            mine = await own.molo_ids()
            summaries = [s for s in summaries if str(s.id) in mine]
        newest = sorted(summaries, key=lambda s: within_provider(s.created_at, s.id), reverse=True)
        for summary in newest:
            app = Application.from_molo(summary)
            if keep(app):
                yield app

    own = OwnApplications(info) if is_borrower(info) else None

    sources = []
    if provider in (None, Provider.FINMO):
        sources.append(finmo())
    if provider in (None, Provider.MOLO) and team is None:  # Molo has no teams
        sources.append(molo())
    return sources


@strawberry.type
class MortgagesQuery:
    @strawberry.field(
        description="Mortgage applications, newest first: Finmo and Molo merged under one "
        "cursor, or one provider's. `teamId` (a Team id) keeps Finmo's of that team.",
        metadata=access(APPLICATIONS_READ, filtered_at_source=True),
    )
    async def applications(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        provider: Provider | None = None,
        status: ApplicationStatus | None = None,
        team_id: strawberry.ID | None = None,
        created_after: datetime | None = None,
        created_before: datetime | None = None,
    ) -> Connection[Application] | None:
        if provider is not None and provider not in PROVIDERS:
            raise BadInput("Mortgage applications are at FINMO and MOLO.", field="provider")
        sources = _application_sources(
            info,
            provider=provider,
            status=status,
            team=_team_filter(team_id),
            created_after=created_after,
            created_before=created_before,
        )
        return await connect(sources, first=first, after=after, info=info)

    @strawberry.field(
        description="One Finmo or Molo application by global id.",
        metadata=access(APPLICATIONS_READ, filtered_at_source=True),
    )
    async def application(self, info: Info, id: strawberry.ID) -> Application | None:
        try:
            gid = from_global_id(id)
        except InvalidId as exc:
            raise NotFound(f"No application has the id {id!r}.") from exc
        if gid.type_name != "Application" or gid.provider not in Application.NODE_CALLS:
            raise NotFound(f"No application has the id {id!r}.")
        [found] = await Application.resolve_nodes(info, gid.provider, [gid.provider_id])
        if isinstance(found, Exception):
            raise found
        if not isinstance(found, Application) or not await visible(info, found):
            raise NotFound(f"No application has the id {id!r}.")
        return found

    @strawberry.field(
        description="Finmo teams, newest first (cached reference data).",
        metadata=access(APPLICATIONS_READ),
    )
    async def teams(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Team] | None:
        async def load() -> list[Team]:
            return [Team.from_finmo(t) for t in await finmo_teams(info.context)]

        return await connect([lazy_source(load)], first=first, after=after)

    @strawberry.field(
        description="Finmo brokers, newest first, of one team if `teamId` is given.",
        metadata=access(APPLICATIONS_READ),
    )
    async def brokers(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        team_id: strawberry.ID | None = None,
    ) -> Connection[Broker] | None:
        team = _team_filter(team_id)

        async def load() -> list[Broker]:
            return [Broker.from_finmo(b) for b in await finmo_team_brokers(info.context, team)]

        return await connect([lazy_source(load)], first=first, after=after)

    @strawberry.field(
        description="Molo's max-loan calculation. Inputs outside Molo's documented ranges "
        "are BAD_USER_INPUT (naming the field) and cost no upstream call.",
        metadata=access(QUOTES_READ),
    )
    async def max_loan_quote(self, info: Info, input: MaxLoanQuoteInput) -> MaxLoanQuote | None:
        return await quote_max_loan(info, max_loan.body(input))
