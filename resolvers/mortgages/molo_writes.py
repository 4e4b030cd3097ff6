"""Molo's application writes: createMortgageApplication, updateMortgageApplication,
requestDecisionInPrinciple, as the bodies and calls sent. (Molo's max-loan
calculation stores nothing: it is a read, resolvers.mortgages.max_loan.)

Molo honours no idempotency key. Reconcile, after an unanswered write:
- create: Molo's application ids grow with time, so the watermark is the
  highest id seen just before the write; a newer application with the same
  types and figures (and reference id) is the one this intent created;
- update (PATCH) is safe to repeat: it landed if the application holds the values;
- decision in principle: it landed if the application now holds a decision
  and changed since the read made just before the request.
A 404 on the application is a refusal of applicationId (Refused).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .. import molo
from ..errors import ProviderNotFound
from ..ids import from_global_id
from ..refusals import Problem, Refused
from .molo_fields import ApplicationFields, application_fields
from .watermarks import WriteScope, found, reconciled, remember

DECISIONS = ("valid", "denied_dip", "denied_dip_kyc")


class Decision(BaseModel):
    """What a decision in principle answered: Molo's decision and the application after."""

    decision: str
    application: molo.Application


def molo_pk(value: str) -> int:
    """The Molo id inside a global id that validation already accepted (0: not a number)."""
    raw = from_global_id(value).provider_id
    return int(raw) if raw.isdigit() else 0


def missing(path: str, what: str) -> Refused:
    return Refused([Problem(path, f"No Molo {what} with this id.", "NOT_FOUND")])


def holds(record: molo.Application, fields: dict[str, Any]) -> bool:
    return all(getattr(record, name) == value for name, value in fields.items())


async def create_application(
    scope: WriteScope, data: ApplicationFields, key: str | None
) -> molo.Application:
    """POST /applications/ (the watermark kept first), then the new application's detail."""
    client = scope.providers.molo
    body = molo.ApplicationInput.model_validate(application_fields(data))
    if key is not None:
        before = await client.list_applications()
        await remember(scope.idempotency, key, {"max_id": max((a.id for a in before), default=0)})
    created = await client.create_application(body)
    return await client.get_application(created.id)


async def created_application(
    scope: WriteScope, data: ApplicationFields, key: str
) -> molo.Application | None:
    client = scope.providers.molo
    fields = application_fields(data)

    async def find(seen: dict[str, Any]) -> molo.Application | None:
        newer = sorted(
            a.id
            for a in await client.list_applications()
            if a.id > seen["max_id"]
            and a.mortgage_type == fields["mortgage_type"]
            and a.borrower_type == fields["borrower_type"]
        )
        for pk in newer:
            detail = await found(client.get_application(pk))
            if detail is not None and holds(detail, fields):
                return detail
        return None

    return await reconciled(scope.idempotency, key, find)


async def update_application(
    scope: WriteScope, application_id: str, data: ApplicationFields
) -> molo.Application:
    patch = molo.ApplicationPatch.model_validate(application_fields(data))
    try:
        return await scope.providers.molo.update_application(molo_pk(application_id), patch)
    except ProviderNotFound as exc:
        raise missing("applicationId", "application") from exc


async def application_updated(
    scope: WriteScope, application_id: str, data: ApplicationFields
) -> molo.Application | None:
    current = await found(scope.providers.molo.get_application(molo_pk(application_id)))
    if current is None or not holds(current, application_fields(data)):
        return None  # not applied: a PATCH is safe to send again
    return current


async def request_decision(scope: WriteScope, application_id: str, key: str | None) -> Decision:
    """The application read (the watermark: its updated_at), the request, the detail after."""
    client = scope.providers.molo
    pk = molo_pk(application_id)
    before = await found(client.get_application(pk))
    if before is None:
        raise missing("applicationId", "application")
    updated_at = before.model_dump(mode="json")["updated_at"]
    await remember(scope.idempotency, key, {"updated_at": updated_at})
    dip = await client.request_decision_in_principle(pk, allow_soft_credit_search=True)
    detail = await client.get_application(pk)
    return Decision(decision=dip.decision, application=detail)


async def decision_made(scope: WriteScope, application_id: str, key: str) -> Decision | None:
    client = scope.providers.molo
    pk = molo_pk(application_id)

    async def find(seen: dict[str, Any]) -> Decision | None:
        detail = await found(client.get_application(pk))
        if detail is None or detail.status not in DECISIONS:
            return None
        if detail.model_dump(mode="json")["updated_at"] == seen["updated_at"]:
            return None  # untouched since before the request: it did not land
        return Decision(decision=detail.status, application=detail)

    return await reconciled(scope.idempotency, key, find)
