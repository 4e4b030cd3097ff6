"""Molo's application writes: createMortgageApplication, updateMortgageApplication,
requestDecisionInPrinciple. (Molo's max-loan calculation stores nothing: it
stays the `maxLoanQuote` query, not a mutation.)

The rules are resolvers.mortgages.validation_molo; the bodies, calls and
reconciles (a watermark for a create, a read back for an update or a decision)
are resolvers.mortgages.molo_writes.
"""

from __future__ import annotations

from resolvers import molo
from resolvers.checks import Checks
from resolvers.mortgages import molo_writes as mw
from resolvers.mortgages import validation_molo as vm
from resolvers.mortgages.molo_fields import APPLICATION_FIELDS, DECISION_FIELDS

from ..context import Info
from ..writes import WriteSpec, run_write
from . import enums
from . import inputs_molo as mi
from .applicants import DecisionInPrinciple
from .payloads import (
    CreateMortgageApplicationPayload,
    RequestDecisionInPrinciplePayload,
    UpdateMortgageApplicationPayload,
)
from .types import Application


class CreateMortgageApplication(WriteSpec[CreateMortgageApplicationPayload]):
    mutation = "createMortgageApplication"
    record = molo.Application
    field_map = APPLICATION_FIELDS
    input: mi.CreateMortgageApplicationInput

    def check(self, checks: Checks) -> None:
        vm.new_application(checks, self.input)

    async def send(self, provider_key: str | None) -> molo.Application:
        return await mw.create_application(self.info.context, self.input, provider_key)

    async def reconcile(self, provider_key: str) -> molo.Application | None:
        return await mw.created_application(self.info.context, self.input, provider_key)

    def payload(self, record: molo.Application) -> CreateMortgageApplicationPayload:
        return CreateMortgageApplicationPayload(application=Application.from_molo(record))


class UpdateMortgageApplication(WriteSpec[UpdateMortgageApplicationPayload]):
    mutation = "updateMortgageApplication"
    record = molo.Application
    field_map = APPLICATION_FIELDS
    input: mi.UpdateMortgageApplicationInput

    def check(self, checks: Checks) -> None:
        vm.application_change(checks, self.input)

    async def send(self, provider_key: str | None) -> molo.Application:
        return await mw.update_application(self.info.context, self.input.application_id, self.input)

    async def reconcile(self, provider_key: str) -> molo.Application | None:
        context, data = self.info.context, self.input
        return await mw.application_updated(context, data.application_id, data)

    def payload(self, record: molo.Application) -> UpdateMortgageApplicationPayload:
        return UpdateMortgageApplicationPayload(application=Application.from_molo(record))


class RequestDecisionInPrinciple(WriteSpec[RequestDecisionInPrinciplePayload]):
    mutation = "requestDecisionInPrinciple"
    record = mw.Decision
    field_map = DECISION_FIELDS
    input: mi.RequestDecisionInPrincipleInput

    def check(self, checks: Checks) -> None:
        vm.decision_request(checks, self.input)

    async def send(self, provider_key: str | None) -> mw.Decision:
        context, data = self.info.context, self.input
        return await mw.request_decision(context, data.application_id, provider_key)

    async def reconcile(self, provider_key: str) -> mw.Decision | None:
        context, data = self.info.context, self.input
        return await mw.decision_made(context, data.application_id, provider_key)

    def payload(self, record: mw.Decision) -> RequestDecisionInPrinciplePayload:
        application, decision = record.application, record.decision
        return RequestDecisionInPrinciplePayload(
            decision_in_principle=DecisionInPrinciple(
                status=enums.molo_decision(decision),
                provider_status=decision,
                pdf_base64=application.dip_pdf or None,
            ),
            application=Application.from_molo(application),
        )


async def create_mortgage_application(
    info: Info, input: mi.CreateMortgageApplicationInput
) -> CreateMortgageApplicationPayload:
    return await run_write(info, CreateMortgageApplication(info, input))


async def update_mortgage_application(
    info: Info, input: mi.UpdateMortgageApplicationInput
) -> UpdateMortgageApplicationPayload:
    return await run_write(info, UpdateMortgageApplication(info, input))


async def request_decision_in_principle(
    info: Info, input: mi.RequestDecisionInPrincipleInput
) -> RequestDecisionInPrinciplePayload:
    return await run_write(info, RequestDecisionInPrinciple(info, input))
