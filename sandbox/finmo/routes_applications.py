"""Applications: GET/POST /api/v1/applications and GET /api/v1/applications/{applicationId}.

POST follows the reference: `teamId`, `teamMembers` (broker ids), and either
`applicant` (a new borrower to invite) or `applicantId` (an existing borrower
of that team, a `userId` from GET /teams/{teamId}/borrowers), with
`sendInvite`, `sendSMS` and `goal`. The reads are not documented: they are the
plain REST counterparts, answering the objects POST creates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from .errors import FieldErrors, FinmoError, invalid, not_found
from .models import CreateApplication, NewApplicant
from .store import FinmoStore, Record, Viewer, applicant_of, broker_ref


def visible_application(data: FinmoStore, who: Viewer, app_id: str) -> Record:
    """The application, or 404 when unknown or on a team the token does not see."""
    application = data.applications.get(app_id)
    if application is None or not who.sees(application["teamId"]):
        raise not_found("Application")
    return application


def application_routes(
    store: Callable[[], FinmoStore], viewer: Callable[..., Viewer], now: Callable[[], str]
) -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    auth = Depends(viewer)

    @router.get("/applications")
    async def list_applications(
        who: Viewer = auth, teamId: Annotated[str | None, Query(max_length=64)] = None
    ) -> list[Record]:
        """Applications the token sees, newest first (createdAt), as a plain array.

        Silent reference: optional `teamId` filter (404 for a team the token does
        not see); no pagination, like every Finmo list. Items carry applicants,
        team, brokers, goal, status and timestamps; the assets, incomes,
        liabilities, properties and mortgage information are in GET /applications/{id}.
        """
        data = store()
        if teamId is not None:
            if teamId not in data.teams or not who.sees(teamId):
                raise not_found("Team")
            return data.newest_first(teamId)
        return data.newest_first(who.team_id)

    @router.get("/applications/{applicationId}")
    async def get_application(applicationId: str, who: Viewer = auth) -> Record:
        """One application with its sub-resources embedded (`assets`, `incomes`,
        `liabilities`, `properties`, `mortgageInformation`); 404 for another team's."""
        data = store()
        visible_application(data, who, applicationId)
        return data.detail_view(applicationId)

    @router.post("/applications", status_code=201)
    async def create_application(body: CreateApplication, who: Viewer = auth) -> Record:
        """Create an application (201 with it, as GET /applications/{id} answers).

        Choices where the reference is silent: a team the token does not see, a
        team member who is not a broker of that team and an applicantId who is not
        a borrower of that team are 400s on the field (the URL is fine, the body is
        not); `applicant` with the email of an existing borrower of the team reuses
        that borrower; `sendSMS` requires `sendInvite`; status is `invited` when
        an invite was sent, else `draft`.
        """
        data = store()
        team = data.teams.get(body.teamId)
        if team is None or not who.sees(body.teamId):
            raise invalid("teamId", "No team with this id")
        errors: FieldErrors = []
        for index, member in enumerate(body.teamMembers):
            broker = data.brokers.get(member)
            if broker is None or broker["teamId"] != body.teamId:
                errors.append((f"teamMembers[{index}]", "is not a broker of this team"))
        borrower: Record | None = None
        if body.applicant is not None and body.applicantId is not None:
            errors.append((None, "Give either applicant or applicantId, not both"))
        elif body.applicant is None and body.applicantId is None:
            errors.append(("applicant", "applicant or applicantId is required"))
        elif body.applicantId is not None:
            borrower = data.borrowers.get(body.applicantId)
            if borrower is None or borrower["teamId"] != body.teamId:
                errors.append(("applicantId", "is not a borrower of this team"))
        if body.sendSMS and not body.sendInvite:
            errors.append(("sendSMS", "requires sendInvite to be true"))
        if errors:
            raise FinmoError(400, "Validation failed", errors)
        if body.applicant is not None:
            borrower = _borrower_for(data, body.teamId, body.applicant, now)
        assert borrower is not None
        members = list(dict.fromkeys(body.teamMembers))
        created = now()
        invitations: list[Record] = []
        if body.sendInvite:
            channels = ("email", "sms") if body.sendSMS else ("email",)
            invitations = [
                {"userId": borrower["userId"], "channel": c, "sentAt": created} for c in channels
            ]
        application: Record = {
            "id": data.new_id(),
            "teamId": body.teamId,
            "team": {"id": team["id"], "name": team["name"]},
            "teamMembers": members,
            "brokers": [broker_ref(data.brokers[b]) for b in members],
            "applicants": [applicant_of(borrower, True)],
            "goal": body.goal,
            "status": "invited" if body.sendInvite else "draft",
            "invitations": invitations,
            "createdAt": created,
            "updatedAt": created,
        }
        data.add_application(application)
        return data.detail_view(application["id"])

    return router


def _borrower_for(
    data: FinmoStore, team_id: str, applicant: NewApplicant, now: Callable[[], str]
) -> Record:
    existing = data.borrower_in_team(team_id, applicant.email)
    if existing is not None:
        return existing
    borrower = {
        "userId": data.new_id(),
        "teamId": team_id,
        "firstName": applicant.firstName,
        "lastName": applicant.lastName,
        "email": applicant.email,
        "phone": applicant.phoneNumber,
        "createdAt": now(),
    }
    data.add_borrower(borrower)
    return borrower
