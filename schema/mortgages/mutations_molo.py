"""Molo's application writes: createMortgageApplication, updateMortgageApplication,
requestDecisionInPrinciple. (Molo's max-loan calculation stores nothing: it
stays the `maxLoanQuote` query, not a mutation.)

Molo honours no idempotency key. Reconcile, after an unanswered write:
- create: Molo's application ids grow with time, so the watermark is the
  highest id seen just before the write; a newer application with the same
  types and figures (and reference id) is the one this intent created;
- update (PATCH) is safe to repeat: it landed if the application holds the values;
- decision in principle: it landed if the application now holds a decision
  and changed since the read made just before the request.
"""

from __future__ import annotations

from typing import Any

from resolvers.errors import ProviderNotFound
from resolvers.molo import Application as MoloApplication
from resolvers.molo import ApplicationInput, ApplicationPatch

from ..context import Info
from ..ids import from_global_id
from ..writes import UserError, Write, user_error
from . import enums
from . import inputs_molo as mi
from .applicants import DecisionInPrinciple
from .mutations_support import Refusal, found, reconciler, refuse_or_run, remember
from .payloads import (
    CreateMortgageApplicationPayload,
    RequestDecisionInPrinciplePayload,
    UpdateMortgageApplicationPayload,
)
from .types import Application

DECISIONS = ("valid", "denied_dip", "denied_dip_kyc")


def molo_pk(value: str) -> int:
    """The Molo id inside a global id that validation already accepted (0: not a number)."""
    raw = from_global_id(value).provider_id
    return int(raw) if raw.isdigit() else 0


def missing(path: str, what: str) -> Refusal:
    return Refusal([user_error(path, f"No Molo {what} with this id.", "NOT_FOUND")])


def application_fields(data: Any) -> dict[str, Any]:
    """Molo's names and values of the application fields given on `data`."""
    fields: dict[str, Any] = {}
    for name in mi.APPLICATION_FIELDS:
        value = getattr(data, name)
        if value is None:
            continue
        if name == "mortgage_type":
            value = enums.MOLO_MORTGAGE_TYPE_OF[value]
        elif name == "borrower_type":
            value = enums.MOLO_BORROWER_TYPE_OF[value]
        elif name == "reference_id":
            value = value.strip()
        fields[name] = value
    return fields


def holds(record: MoloApplication, fields: dict[str, Any]) -> bool:
    return all(getattr(record, name) == value for name, value in fields.items())


def application_payload(data: dict[str, Any]) -> Application:
    return Application.from_molo(MoloApplication.model_validate(data))


async def create_mortgage_application(
    info: Info, input: mi.CreateMortgageApplicationInput
) -> CreateMortgageApplicationPayload:
    molo = info.context.providers.molo
    problems = input.check()
    if problems:
        return CreateMortgageApplicationPayload(user_errors=problems)
    fields = application_fields(input)
    body = ApplicationInput.model_validate(fields)

    async def perform(key: str | None) -> dict[str, Any]:
        if key is not None:
            before = await molo.list_applications()
            await remember(info, key, {"max_id": max((a.id for a in before), default=0)})
        created = await molo.create_application(body)
        return (await molo.get_application(created.id)).model_dump(mode="json")

    async def find(seen: dict[str, Any]) -> dict[str, Any] | None:
        newer = sorted(
            a.id
            for a in await molo.list_applications()
            if a.id > seen["max_id"]
            and a.mortgage_type == fields["mortgage_type"]
            and a.borrower_type == fields["borrower_type"]
        )
        for pk in newer:
            detail = await found(molo.get_application(pk))
            if detail is not None and holds(detail, fields):
                return detail.model_dump(mode="json")
        return None

    write = Write(
        mutation="createMortgageApplication",
        input=input,
        validate=lambda: problems,
        perform=perform,
        build=lambda d: CreateMortgageApplicationPayload(application=application_payload(d)),
        refused=lambda e: CreateMortgageApplicationPayload(user_errors=e),
        field_map=mi.APPLICATION_FIELDS,
        reconcile=reconciler(info, find),
    )
    return await refuse_or_run(info, write)


async def update_mortgage_application(
    info: Info, input: mi.UpdateMortgageApplicationInput
) -> UpdateMortgageApplicationPayload:
    molo = info.context.providers.molo
    problems = input.check()
    if problems:
        return UpdateMortgageApplicationPayload(user_errors=problems)
    pk = molo_pk(input.application_id)
    fields = application_fields(input)
    patch = ApplicationPatch.model_validate(fields)

    async def perform(_: str | None) -> dict[str, Any]:
        try:
            return (await molo.update_application(pk, patch)).model_dump(mode="json")
        except ProviderNotFound as exc:
            raise missing("applicationId", "application") from exc

    async def reconcile(_: str) -> dict[str, Any] | None:
        current = await found(molo.get_application(pk))
        if current is None or not holds(current, fields):
            return None  # not applied: a PATCH is safe to send again
        return current.model_dump(mode="json")

    write = Write(
        mutation="updateMortgageApplication",
        input=input,
        validate=lambda: problems,
        perform=perform,
        build=lambda d: UpdateMortgageApplicationPayload(application=application_payload(d)),
        refused=lambda e: UpdateMortgageApplicationPayload(user_errors=e),
        field_map=mi.APPLICATION_FIELDS,
        reconcile=reconcile,
    )
    return await refuse_or_run(info, write)


async def request_decision_in_principle(
    info: Info, input: mi.RequestDecisionInPrincipleInput
) -> RequestDecisionInPrinciplePayload:
    molo = info.context.providers.molo
    problems = input.check()
    if problems:
        return RequestDecisionInPrinciplePayload(user_errors=problems)
    pk = molo_pk(input.application_id)

    async def perform(key: str | None) -> dict[str, Any]:
        before = await found(molo.get_application(pk))
        if before is None:
            raise missing("applicationId", "application")
        await remember(info, key, {"updated_at": before.model_dump(mode="json")["updated_at"]})
        dip = await molo.request_decision_in_principle(pk, allow_soft_credit_search=True)
        detail = await molo.get_application(pk)
        return {"decision": dip.decision, "application": detail.model_dump(mode="json")}

    async def find(seen: dict[str, Any]) -> dict[str, Any] | None:
        detail = await found(molo.get_application(pk))
        if detail is None or detail.status not in DECISIONS:
            return None
        data = detail.model_dump(mode="json")
        if data["updated_at"] == seen["updated_at"]:
            return None  # untouched since before the request: it did not land
        return {"decision": detail.status, "application": data}

    def build(data: dict[str, Any]) -> RequestDecisionInPrinciplePayload:
        application = MoloApplication.model_validate(data["application"])
        decision = str(data["decision"])
        return RequestDecisionInPrinciplePayload(
            decision_in_principle=DecisionInPrinciple(
                status=enums.molo_decision(decision),
                provider_status=decision,
                pdf_base64=application.dip_pdf or None,
            ),
            application=Application.from_molo(application),
        )

    def refused(errors: list[UserError]) -> RequestDecisionInPrinciplePayload:
        return RequestDecisionInPrinciplePayload(user_errors=errors)

    write = Write(
        mutation="requestDecisionInPrinciple",
        input=input,
        validate=lambda: problems,
        perform=perform,
        build=build,
        refused=refused,
        field_map={"allow_soft_credit_search": "allowSoftCreditSearch"},
        reconcile=reconciler(info, find),
    )
    return await refuse_or_run(info, write)
