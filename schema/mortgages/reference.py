"""Finmo's reference data as Node types: Team and Broker.

Both come from the client's cached reads (GET /teams, GET /brokers), so on a
warm cache a team or a broker costs no upstream call wherever it appears.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar

import strawberry

from resolvers.finmo import Broker as FinmoBroker
from resolvers.finmo import BrokerRef as FinmoBrokerRef
from resolvers.finmo import Team as FinmoTeam
from resolvers.finmo import TeamRef as FinmoTeamRef
from resolvers.mortgages.loaders import finmo_brokers, finmo_team_brokers, finmo_teams

from ..common import Node, Provider
from ..context import Info
from ..ids import to_global_id
from ..upstream import upstream


@strawberry.type(description="A Finmo team: a group of brokers and their deals.")
class Team(Node):
    PUBLIC: ClassVar[bool] = True  # reference data: anyone with the scope sees it
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finmo": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """From the cached reference list: no call on a warm cache."""
        known = {t.id: t for t in await finmo_teams(info.context)}
        return [cls.from_finmo(known[i]) if i in known else None for i in ids]

    provider: Provider
    provider_id: strawberry.ID
    name: str
    created_at: datetime | None

    @classmethod
    def from_finmo(cls, record: FinmoTeam | FinmoTeamRef) -> Team:
        return cls(
            id=strawberry.ID(to_global_id("Team", "finmo", record.id)),
            provider=Provider.FINMO,
            provider_id=strawberry.ID(record.id),
            name=record.name,
            created_at=getattr(record, "created_at", None),
        )

    @strawberry.field(
        description="The team's brokers (cached reference data).",
        metadata=upstream(1),
    )
    async def brokers(self, info: Info) -> list[Broker] | None:
        found = await finmo_team_brokers(info.context, self.provider_id)
        return [Broker.from_finmo(b) for b in found]


@strawberry.type(description="A Finmo broker (team member), assigned to applications.")
class Broker(Node):
    PUBLIC: ClassVar[bool] = True  # reference data: anyone with the scope sees it
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finmo": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """From the cached reference list: no call on a warm cache."""
        known = {b.id: b for b in await finmo_brokers(info.context)}
        return [cls.from_finmo(known[i]) if i in known else None for i in ids]

    provider: Provider
    provider_id: strawberry.ID
    team_id: strawberry.Private[str | None]
    first_name: str
    last_name: str
    email: str
    phone: str | None
    role: str | None = strawberry.field(description="Finmo's role: admin or broker.")
    created_at: datetime | None

    @classmethod
    def from_finmo(cls, record: FinmoBroker | FinmoBrokerRef) -> Broker:
        """A broker from GET /brokers, or (not in the cache) from an application's reference."""
        return cls(
            id=strawberry.ID(to_global_id("Broker", "finmo", record.id)),
            provider=Provider.FINMO,
            provider_id=strawberry.ID(record.id),
            team_id=getattr(record, "team_id", None),
            first_name=record.first_name,
            last_name=record.last_name,
            email=record.email,
            phone=getattr(record, "phone", None),
            role=getattr(record, "role", None),
            created_at=getattr(record, "created_at", None),
        )

    @strawberry.field(description="The broker's team (cached reference data).")
    async def team(self, info: Info) -> Team | None:
        return await team_by_id(info, self.team_id)


async def team_by_id(info: Info, team_id: str | None) -> Team | None:
    if team_id is None:
        return None
    for record in await finmo_teams(info.context):
        if record.id == team_id:
            return Team.from_finmo(record)
    return None


async def brokers_by_ids(info: Info, ids: list[str]) -> list[Broker | None]:
    known = {b.id: b for b in await finmo_brokers(info.context)}
    return [Broker.from_finmo(known[i]) if i in known else None for i in ids]
