"""Finmo's createApplication (the detail writes are in mutations_finmo_details).

Finmo honours no idempotency key. A create is reconciled with a watermark (see
mutations_support): the ids of the team's applications that already matched
the input (same goal, same applicant email or borrower) just before the write;
after an unanswered write, a matching application not among them is the one
this intent created.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from resolvers.errors import ProviderNotFound
from resolvers.finmo import Application as FinmoApplication
from resolvers.finmo import (
    NewApplicant,
)

from ..context import Info
from ..ids import from_global_id
from ..writes import UserError, Write, user_error
from . import inputs_finmo as fi
from .mutations_support import Refusal, reconciler, refuse_or_run, remember
from .payloads import (
    CreateApplicationPayload,
)
from .types import Application

CREATE_FIELDS = {
    name: name
    for name in ("teamId", "teamMembers", "applicant", "applicantId", "sendInvite", "sendSMS")
}
CREATE_FIELDS |= {f"applicant.{n}": f"applicant.{n}" for n in fi.APPLICANT_FIELDS}
CREATE_FIELDS |= {f"teamMembers[{i}]": f"teamMembers.{i}" for i in range(fi.MAX_TEAM_MEMBERS)}
CREATE_FIELDS["goal"] = "goal"


def pid(value: str | None) -> str | None:
    """The provider id of a global id that validation already accepted."""
    return None if value is None else from_global_id(value).provider_id


def json_of(record: BaseModel) -> dict[str, Any]:
    data: dict[str, Any] = record.model_dump(mode="json", by_alias=True)
    return data


def missing_application() -> Refusal:
    return Refusal([user_error("applicationId", "No Finmo application with this id.", "NOT_FOUND")])


async def create_application(
    info: Info, input: fi.CreateApplicationInput
) -> CreateApplicationPayload:
    finmo = info.context.providers.finmo
    problems = input.check()
    if problems:
        return CreateApplicationPayload(user_errors=problems)
    team_id = str(pid(input.team_id))
    person = input.applicant
    existing = pid(input.applicant_id)

    def matches(a: FinmoApplication) -> bool:
        if a.goal != fi.GOALS.get(input.goal):
            return False
        if person is not None:
            return any(x.email.lower() == person.email.strip().lower() for x in a.applicants)
        return any(x.user_id == existing for x in a.applicants)

    async def perform(key: str | None) -> dict[str, Any]:
        try:
            if key is not None:
                before = await finmo.applications(team_id)
                await remember(info, key, {"ids": [a.id for a in before if matches(a)]})
            record = await finmo.create_application(
                team_id,
                [str(pid(m)) for m in input.team_members],
                applicant=None
                if person is None
                else NewApplicant(
                    first_name=person.first_name.strip(),
                    last_name=person.last_name.strip(),
                    email=person.email.strip(),
                    phone_number=person.phone_number.strip(),
                ),
                applicant_id=existing,
                goal=fi.GOALS[input.goal],
                send_invite=input.send_invite,
                send_sms=input.send_sms,
            )
        except ProviderNotFound as exc:
            raise Refusal(
                [user_error("teamId", "No Finmo team with this id.", "NOT_FOUND")]
            ) from exc
        info.context.providers.cache.invalidate("people_index")  # maybe a new borrower
        return json_of(record)

    async def find(seen: dict[str, Any]) -> dict[str, Any] | None:
        new = [
            a for a in await finmo.applications(team_id) if matches(a) and a.id not in seen["ids"]
        ]
        return json_of(await finmo.application(new[0].id)) if new else None  # newest first

    def refused(errors: list[UserError]) -> CreateApplicationPayload:
        return CreateApplicationPayload(user_errors=errors)

    write = Write(
        mutation="createApplication",
        input=input,
        validate=lambda: problems,
        perform=perform,
        build=lambda d: CreateApplicationPayload(
            application=Application.from_finmo(FinmoApplication.model_validate(d))
        ),
        refused=refused,
        field_map=CREATE_FIELDS,
        reconcile=reconciler(info, find),
    )
    return await refuse_or_run(info, write)
