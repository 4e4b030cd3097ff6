"""Molo's applicant writes: addApplicant, updateApplicant (PATCH), replaceApplicant
(PUT), removeApplicant.

"Each application requires one and only one lead applicant": the application's
current applicants are read just before the write (reads are safe), and an
input that would break the rule is refused with a userError on `isLead` (or
`applicantId` for a removal), with no write.

Reconcile after an unanswered write: an added applicant is one of the
application's applicants that was not there just before the write (the
watermark) with the same email; an update or replace landed if the applicant
holds the values (else it is safe to send again); a removal landed if the
applicant is gone (else it is sent again).
"""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry

from resolvers.errors import ProviderNotFound
from resolvers.molo import Applicant as MoloApplicant
from resolvers.molo import (
    ApplicantInput,
    ApplicantPatch,
    ApplicantUpdate,
    MoloClient,
)
from resolvers.molo import Application as MoloApplication

from ..context import Info
from ..ids import to_global_id
from ..writes import Write, user_error
from . import inputs_molo_applicants as mi
from .applicants import MortgageApplicant
from .mutations_molo import application_payload, missing, molo_pk
from .mutations_support import Refusal, found, reconciler, refuse_or_run, remember
from .payloads import (
    AddApplicantPayload,
    RemoveApplicantPayload,
    ReplaceApplicantPayload,
    UpdateApplicantPayload,
)

SECOND_LEAD = "This application already has a lead applicant: give isLead false."
NO_LEAD = "Each application needs one lead applicant: this one must have isLead true."
KEEP_LEAD = (
    "The lead applicant stays the lead: an application has exactly one lead, so "
    "isLead cannot be false while no other applicant is the lead."
)
LEAD_STAYS = "The lead applicant cannot be removed while the application has other applicants."


def person_fields(data: Any) -> dict[str, Any]:
    """Molo's names and values of the applicant fields given on `data`."""
    fields: dict[str, Any] = {}
    for name in mi.APPLICANT_FIELDS:
        if "." in name or not hasattr(data, name) or name == "application":
            continue
        value = getattr(data, name)
        if value is None:
            continue
        if name == "title":
            value = value.value
        elif name == "address":
            value = {k: v.strip() for k in mi.ADDRESS_FIELDS if (v := getattr(value, k))}
        elif isinstance(value, str):
            value = value.strip()
        fields[name] = value
    return fields


def holds(record: MoloApplicant, fields: dict[str, Any]) -> bool:
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


async def applicants_of(molo: MoloClient, application: MoloApplication) -> list[MoloApplicant]:
    found_all = await asyncio.gather(
        *(found(molo.get_applicant(pk)) for pk in application.applicants)
    )
    return [a for a in found_all if a is not None]


async def check_lead(
    molo: MoloClient, application: MoloApplication, is_lead: bool, me: int
) -> None:
    others = [a for a in await applicants_of(molo, application) if a.id != me]
    other_lead = any(a.is_lead for a in others)
    if is_lead and other_lead:
        raise Refusal([user_error("isLead", SECOND_LEAD)])
    if not is_lead and not other_lead:
        raise Refusal([user_error("isLead", NO_LEAD if me == 0 else KEEP_LEAD)])


def dumped(applicant: MoloApplicant, application: MoloApplication) -> dict[str, Any]:
    return {
        "applicant": applicant.model_dump(mode="json"),
        "application": application.model_dump(mode="json"),
    }


def person_of(data: dict[str, Any]) -> MortgageApplicant:
    application = MoloApplication.model_validate(data["application"])
    applicant = MoloApplicant.model_validate(data["applicant"])
    return MortgageApplicant.from_molo(applicant, application.created_at)


async def add_applicant(info: Info, input: mi.AddApplicantInput) -> AddApplicantPayload:
    molo = info.context.providers.molo
    problems = input.check()
    if problems:
        return AddApplicantPayload(user_errors=problems)
    pk = molo_pk(input.application_id)
    fields = person_fields(input)
    body = ApplicantInput.model_validate({**fields, "application": pk})

    async def perform(key: str | None) -> dict[str, Any]:
        application = await found(molo.get_application(pk))
        if application is None:
            raise missing("applicationId", "application")
        await check_lead(molo, application, input.is_lead, 0)
        await remember(info, key, {"ids": application.applicants})
        created = await molo.create_applicant(body)
        info.context.providers.cache.invalidate("people_index")
        applicant = await molo.get_applicant(created.id)
        return dumped(applicant, await molo.get_application(pk))

    async def find(seen: dict[str, Any]) -> dict[str, Any] | None:
        application = await found(molo.get_application(pk))
        if application is None:
            return None
        for new in [a for a in application.applicants if a not in seen["ids"]]:
            applicant = await found(molo.get_applicant(new))
            if applicant is not None and holds(applicant, {"email": fields["email"]}):
                return dumped(applicant, application)
        return None

    write = Write(
        mutation="addApplicant",
        input=input,
        validate=lambda: problems,
        perform=perform,
        build=lambda d: AddApplicantPayload(
            applicant=person_of(d), application=application_payload(d["application"])
        ),
        refused=lambda e: AddApplicantPayload(user_errors=e),
        field_map=mi.APPLICANT_FIELDS,
        reconcile=reconciler(info, find),
    )
    return await refuse_or_run(info, write)


async def _change(
    info: Info, mutation: str, input: Any, *, replace: bool
) -> tuple[list[Any], MortgageApplicant | None]:
    """updateApplicant and replaceApplicant: (userErrors, applicant)."""
    molo = info.context.providers.molo
    problems = input.check()
    if problems:
        return problems, None
    pk = molo_pk(input.applicant_id)
    fields = person_fields(input)

    async def perform(_: str | None) -> dict[str, Any]:
        current = await found(molo.get_applicant(pk))
        if current is None:
            raise missing("applicantId", "applicant")
        application = await molo.get_application(current.application)
        if input.is_lead is not None and input.is_lead != current.is_lead:
            await check_lead(molo, application, input.is_lead, pk)
        try:
            if replace:
                record = await molo.replace_applicant(pk, ApplicantUpdate.model_validate(fields))
            else:
                record = await molo.update_applicant(pk, ApplicantPatch.model_validate(fields))
        except ProviderNotFound as exc:
            raise missing("applicantId", "applicant") from exc
        info.context.providers.cache.invalidate("people_index")
        return dumped(record, application)

    async def reconcile(_: str) -> dict[str, Any] | None:
        current = await found(molo.get_applicant(pk))
        if current is None or not holds(current, fields):
            return None  # not applied: a PATCH or PUT is safe to send again
        return dumped(current, await molo.get_application(current.application))

    write = Write(
        mutation=mutation,
        input=input,
        validate=lambda: problems,
        perform=perform,
        build=lambda d: ([], person_of(d)),
        refused=lambda e: (e, None),
        field_map=mi.APPLICANT_FIELDS,
        reconcile=reconcile,
    )
    return await refuse_or_run(info, write)


async def update_applicant(info: Info, input: mi.UpdateApplicantInput) -> UpdateApplicantPayload:
    errors, applicant = await _change(info, "updateApplicant", input, replace=False)
    return UpdateApplicantPayload(applicant=applicant, user_errors=errors)


async def replace_applicant(info: Info, input: mi.ReplaceApplicantInput) -> ReplaceApplicantPayload:
    errors, applicant = await _change(info, "replaceApplicant", input, replace=True)
    return ReplaceApplicantPayload(applicant=applicant, user_errors=errors)


async def remove_applicant(info: Info, input: mi.RemoveApplicantInput) -> RemoveApplicantPayload:
    molo = info.context.providers.molo
    problems = input.check()
    if problems:
        return RemoveApplicantPayload(user_errors=problems)
    pk = molo_pk(input.applicant_id)

    async def perform(key: str | None) -> dict[str, Any]:
        current = await found(molo.get_applicant(pk))
        if current is None:
            raise missing("applicantId", "applicant")
        application = await molo.get_application(current.application)
        if current.is_lead and len(application.applicants) > 1:
            raise Refusal([user_error("applicantId", LEAD_STAYS)])
        await remember(info, key, {"application": current.application})
        try:
            await molo.delete_applicant(pk)
        except ProviderNotFound as exc:
            raise missing("applicantId", "applicant") from exc
        info.context.providers.cache.invalidate("people_index")
        after = await molo.get_application(current.application)
        return {"removed": pk, "application": after.model_dump(mode="json")}

    async def find(seen: dict[str, Any]) -> dict[str, Any] | None:
        if await found(molo.get_applicant(pk)) is not None:
            return None  # still there: the removal did not land
        after = await found(molo.get_application(seen["application"]))
        return {
            "removed": pk,
            "application": None if after is None else after.model_dump(mode="json"),
        }

    def build(data: dict[str, Any]) -> RemoveApplicantPayload:
        application = data["application"]
        return RemoveApplicantPayload(
            removed_applicant_id=strawberry.ID(
                to_global_id("Borrower", "molo", str(data["removed"]))
            ),
            application=None if application is None else application_payload(application),
        )

    write = Write(
        mutation="removeApplicant",
        input=input,
        validate=lambda: problems,
        perform=perform,
        build=build,
        refused=lambda e: RemoveApplicantPayload(user_errors=e),
        field_map={},
        reconcile=reconciler(info, find),
    )
    return await refuse_or_run(info, write)
