"""Molo's applicant writes: addApplicant, updateApplicant (PATCH), replaceApplicant
(PUT), removeApplicant, as the rules checked with reads and the calls sent.

"Each application requires one and only one lead applicant": the application's
current applicants are read just before the write (reads are safe), and an
input that would break the rule is refused (Refused) with a problem on `isLead`
(or `applicantId` for a removal), with no write.

Reconcile after an unanswered write: an added applicant is one of the
application's applicants that was not there just before the write (the
watermark) with the same email; an update or replace landed if the applicant
holds the values (else it is safe to send again); a removal landed if the
applicant is gone (else it is sent again).
"""

from __future__ import annotations

import asyncio
from typing import Any

from pydantic import BaseModel

from .. import molo
from ..errors import ProviderNotFound
from ..refusals import Problem, Refused
from .molo_fields import PersonFields, person_fields
from .molo_writes import missing, molo_pk
from .people import PEOPLE_INDEX
from .watermarks import WriteScope, found, reconciled, remember

SECOND_LEAD = "This application already has a lead applicant: give isLead false."
NO_LEAD = "Each application needs one lead applicant: this one must have isLead true."
KEEP_LEAD = (
    "The lead applicant stays the lead: an application has exactly one lead, so "
    "isLead cannot be false while no other applicant is the lead."
)
LEAD_STAYS = "The lead applicant cannot be removed while the application has other applicants."


class OnApplication(BaseModel):
    """An applicant as Molo holds it after the write, and its application."""

    applicant: molo.Applicant
    application: molo.Application


class Removal(BaseModel):
    """The applicant id removed, and its application after (None: that read failed)."""

    removed: int
    application: molo.Application | None


def holds(record: molo.Applicant, fields: dict[str, Any]) -> bool:
    for name, value in fields.items():
        if name == "is_privacy_policy_accepted":
            continue
        if name == "address":
            if record.address is None:
                return False
            if any(getattr(record.address, k) != v for k, v in value.items()):
                return False
        elif getattr(record, name) != value:
            return False
    return True


async def _applicants_of(
    client: molo.MoloClient, application: molo.Application
) -> list[molo.Applicant]:
    found_all = await asyncio.gather(
        *(found(client.get_applicant(pk)) for pk in application.applicants)
    )
    return [a for a in found_all if a is not None]


async def _check_lead(
    client: molo.MoloClient, application: molo.Application, is_lead: bool, me: int
) -> None:
    others = [a for a in await _applicants_of(client, application) if a.id != me]
    other_lead = any(a.is_lead for a in others)
    if is_lead and other_lead:
        raise Refused([Problem("isLead", SECOND_LEAD)])
    if not is_lead and not other_lead:
        raise Refused([Problem("isLead", NO_LEAD if me == 0 else KEEP_LEAD)])


async def add_applicant(
    scope: WriteScope, application_id: str, data: PersonFields, key: str | None
) -> OnApplication:
    client = scope.providers.molo
    pk = molo_pk(application_id)
    body = molo.ApplicantInput.model_validate({**person_fields(data), "application": pk})
    application = await found(client.get_application(pk))
    if application is None:
        raise missing("applicationId", "application")
    await _check_lead(client, application, bool(data.is_lead), 0)
    await remember(scope.idempotency, key, {"ids": application.applicants})
    created = await client.create_applicant(body)
    scope.providers.cache.invalidate(PEOPLE_INDEX)
    applicant = await client.get_applicant(created.id)
    return OnApplication(applicant=applicant, application=await client.get_application(pk))


async def applicant_added(
    scope: WriteScope, application_id: str, data: PersonFields, key: str
) -> OnApplication | None:
    client = scope.providers.molo
    pk = molo_pk(application_id)
    email = person_fields(data)["email"]

    async def find(seen: dict[str, Any]) -> OnApplication | None:
        application = await found(client.get_application(pk))
        if application is None:
            return None
        for new in [a for a in application.applicants if a not in seen["ids"]]:
            applicant = await found(client.get_applicant(new))
            if applicant is not None and holds(applicant, {"email": email}):
                return OnApplication(applicant=applicant, application=application)
        return None

    return await reconciled(scope.idempotency, key, find)


async def change_applicant(
    scope: WriteScope, applicant_id: str, data: PersonFields, *, replace: bool
) -> OnApplication:
    """PATCH (only the fields given) or PUT (the whole applicant), the lead rule first."""
    client = scope.providers.molo
    pk = molo_pk(applicant_id)
    fields = person_fields(data)
    current = await found(client.get_applicant(pk))
    if current is None:
        raise missing("applicantId", "applicant")
    application = await client.get_application(current.application)
    if data.is_lead is not None and data.is_lead != current.is_lead:
        await _check_lead(client, application, data.is_lead, pk)
    try:
        if replace:
            record = await client.replace_applicant(pk, molo.ApplicantUpdate.model_validate(fields))
        else:
            record = await client.update_applicant(pk, molo.ApplicantPatch.model_validate(fields))
    except ProviderNotFound as exc:
        raise missing("applicantId", "applicant") from exc
    scope.providers.cache.invalidate(PEOPLE_INDEX)
    return OnApplication(applicant=record, application=application)


async def applicant_changed(
    scope: WriteScope, applicant_id: str, data: PersonFields
) -> OnApplication | None:
    client = scope.providers.molo
    current = await found(client.get_applicant(molo_pk(applicant_id)))
    if current is None or not holds(current, person_fields(data)):
        return None  # not applied: a PATCH or PUT is safe to send again
    application = await client.get_application(current.application)
    return OnApplication(applicant=current, application=application)


async def remove_applicant(scope: WriteScope, applicant_id: str, key: str | None) -> Removal:
    """DELETE, unless it is the lead of an application with other applicants."""
    client = scope.providers.molo
    pk = molo_pk(applicant_id)
    current = await found(client.get_applicant(pk))
    if current is None:
        raise missing("applicantId", "applicant")
    application = await client.get_application(current.application)
    if current.is_lead and len(application.applicants) > 1:
        raise Refused([Problem("applicantId", LEAD_STAYS)])
    await remember(scope.idempotency, key, {"application": current.application})
    try:
        await client.delete_applicant(pk)
    except ProviderNotFound as exc:
        raise missing("applicantId", "applicant") from exc
    scope.providers.cache.invalidate(PEOPLE_INDEX)
    after = await client.get_application(current.application)
    return Removal(removed=pk, application=after)


async def applicant_removed(scope: WriteScope, applicant_id: str, key: str) -> Removal | None:
    client = scope.providers.molo
    pk = molo_pk(applicant_id)

    async def find(seen: dict[str, Any]) -> Removal | None:
        if await found(client.get_applicant(pk)) is not None:
            return None  # still there: the removal did not land
        after = await found(client.get_application(seen["application"]))
        return Removal(removed=pk, application=after)

    return await reconciled(scope.idempotency, key, find)
