"""Teams, brokers and borrowers: GET /api/v1/teams, /teams/{teamId},
/teams/{teamId}/borrowers, /brokers, /brokers/{brokerId}.

The reference names these endpoints but shows no payloads: the sandbox answers
plain JSON arrays (Finmo lists are not paginated) of objects with the fields
below. A team token sees only its own team; anything of another team answers
404 exactly as if it did not exist, so a token cannot probe other teams.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from .errors import not_found
from .store import FinmoStore, Record, Viewer


def directory_routes(store: Callable[[], FinmoStore], viewer: Callable[..., Viewer]) -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    auth = Depends(viewer)

    def visible_team(who: Viewer, team_id: str) -> Record:
        team = store().teams.get(team_id)
        if team is None or not who.sees(team_id):
            raise not_found("Team")
        return team

    @router.get("/teams")
    async def list_teams(who: Viewer = auth) -> list[Record]:
        """Teams the token sees, in creation order: {id, name, createdAt}.

        Silent reference: no filter or pagination; the brokerage token gets every
        team, a team token a list holding only its own team.
        """
        return [t for t in store().teams.values() if who.sees(t["id"])]

    @router.get("/teams/{teamId}")
    async def get_team(teamId: str, who: Viewer = auth) -> Record:
        """One team; 404 when it does not exist or is another team's (team token)."""
        return visible_team(who, teamId)

    @router.get("/teams/{teamId}/borrowers")
    async def list_borrowers(teamId: str, who: Viewer = auth) -> list[Record]:
        """The team's borrowers: {userId, teamId, firstName, lastName, email, phone,
        createdAt}, oldest first (seed order, then as applications invite them).

        Silent reference: plain array, no pagination; `userId` is what
        POST /api/v1/applications takes as `applicantId`.
        """
        visible_team(who, teamId)
        data = store()
        return [data.borrowers[user_id] for user_id in data.borrowers_by_team[teamId]]

    @router.get("/brokers")
    async def list_brokers(
        who: Viewer = auth, teamId: Annotated[str | None, Query(max_length=64)] = None
    ) -> list[Record]:
        """Brokers the token sees: {id, teamId, firstName, lastName, email, phone, role
        (admin|broker), createdAt}.

        Silent reference: optional `teamId` filter (404 for a team the token does
        not see, like GET /teams/{teamId}); without it, every visible team's brokers.
        """
        data = store()
        if teamId is not None:
            visible_team(who, teamId)
            return [data.brokers[b] for b in data.brokers_by_team[teamId]]
        return [b for b in data.brokers.values() if who.sees(b["teamId"])]

    @router.get("/brokers/{brokerId}")
    async def get_broker(brokerId: str, who: Viewer = auth) -> Record:
        """One broker; 404 when unknown or on another team (team token)."""
        broker = store().brokers.get(brokerId)
        if broker is None or not who.sees(broker["teamId"]):
            raise not_found("Broker")
        return broker

    return router
