"""FinanceIt's writes as mutations: sendDirectInvite, createSingleAccessLink,
createCustomizedLink (the reference's two "special link" routes).

Each runs through schema.writes.run_write: validation.py first (a bad input costs
no upstream call), then the idempotency claim, then one POST.

FinanceIt honours no idempotency key and has no route that reads an invite or a
link back, so none of these can reconcile: after a timeout whose outcome is
unknown, a retry with the same key answers OUTCOME_UNKNOWN instead of writing
again. GET /loans/id_by_lead_id does not help a customized link: the link creates
no loan, and a loan for the lead may come from an earlier link or invite, so it
can neither prove that the link was made nor that it was not.

None of these writes changes what the loans domain caches (loans, the people
index, reference data), so nothing is invalidated.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from resolvers.errors import ProviderNotFound
from resolvers.financeit import CustomizedLink as CustomizedLinkRecord
from resolvers.financeit import SingleAccessLink as SingleAccessLinkRecord

from ..access import LOANS_WRITE, access
from ..context import Info
from ..writes import UserError, Write, run_write, user_error
from .inputs import CreateCustomizedLinkInput, CreateSingleAccessLinkInput, SendDirectInviteInput
from .mutations_bodies import (
    INVITE_FIELDS,
    SINGLE_ACCESS_LINK_FIELDS,
    customized_link_body,
    customized_link_fields,
    invite_body,
    single_access_link_body,
)
from .payloads import (
    CreateCustomizedLinkPayload,
    CreateSingleAccessLinkPayload,
    CustomizedLink,
    DirectInvite,
    SendDirectInvitePayload,
    SingleAccessLink,
)
from .validation import validate_customized_link, validate_invite, validate_single_access_link

LOAN_NOT_FOUND = "loanId is not one of your FinanceIt loans."


def _invite_refused(errors: list[UserError]) -> SendDirectInvitePayload:
    return SendDirectInvitePayload(direct_invite=None, user_errors=errors)


def _invite_built(data: dict[str, Any]) -> SendDirectInvitePayload:
    invite = DirectInvite.from_request(data["request"])
    return SendDirectInvitePayload(direct_invite=invite, user_errors=[])


def _link_refused(errors: list[UserError]) -> CreateSingleAccessLinkPayload:
    return CreateSingleAccessLinkPayload(single_access_link=None, user_errors=errors)


def _link_built(data: dict[str, Any]) -> CreateSingleAccessLinkPayload:
    if data.get("loan_not_found"):
        return _link_refused([user_error("loanId", LOAN_NOT_FOUND, "NOT_FOUND")])
    record = SingleAccessLinkRecord.model_validate(data["link"])
    link = SingleAccessLink.from_financeit(record)
    return CreateSingleAccessLinkPayload(single_access_link=link, user_errors=[])


def _customized_refused(errors: list[UserError]) -> CreateCustomizedLinkPayload:
    return CreateCustomizedLinkPayload(customized_link=None, user_errors=errors)


def _customized_built(data: dict[str, Any]) -> CreateCustomizedLinkPayload:
    record = CustomizedLinkRecord.model_validate(data["link"])
    link = CustomizedLink.from_financeit(record)
    return CreateCustomizedLinkPayload(customized_link=link, user_errors=[])


@strawberry.type
class LoansMutation:
    @strawberry.mutation(
        description="FinanceIt: send a Financeit Direct application link by email or SMS.",
        metadata=access(LOANS_WRITE),
    )
    async def send_direct_invite(
        self, info: Info, input: SendDirectInviteInput
    ) -> SendDirectInvitePayload:
        client = info.context.providers.financeit

        async def perform(_provider_key: str | None) -> dict[str, Any]:
            body = invite_body(input)
            arguments = dict(body)
            if "requested_amount" in arguments:
                arguments["requested_amount"] = Decimal(arguments["requested_amount"])
            answer = await client.send_direct_invite(**arguments)
            return {"request": body, "response": answer.model_dump(mode="json")}

        write = Write(
            mutation="sendDirectInvite",
            input=input,
            validate=lambda: validate_invite(input),
            perform=perform,
            build=_invite_built,
            refused=_invite_refused,
            field_map=INVITE_FIELDS,
        )
        return await run_write(info, write)

    @strawberry.mutation(
        description="FinanceIt: a link giving one partner employee access to one loan.",
        metadata=access(LOANS_WRITE),
    )
    async def create_single_access_link(
        self, info: Info, input: CreateSingleAccessLinkInput
    ) -> CreateSingleAccessLinkPayload:
        client = info.context.providers.financeit

        async def perform(_provider_key: str | None) -> dict[str, Any]:
            body = single_access_link_body(input)
            try:
                record = await client.create_single_access_link(
                    body["loan_id"], email=body.get("email")
                )
            except ProviderNotFound:  # not the user's loan: nothing was written
                return {"loan_not_found": True}
            return {"link": record.model_dump(mode="json")}

        write = Write(
            mutation="createSingleAccessLink",
            input=input,
            validate=lambda: validate_single_access_link(input),
            perform=perform,
            build=_link_built,
            refused=_link_refused,
            field_map=SINGLE_ACCESS_LINK_FIELDS,
        )
        return await run_write(info, write)

    @strawberry.mutation(
        description="FinanceIt: a link giving a partner employee loan-creation access for a lead.",
        metadata=access(LOANS_WRITE),
    )
    async def create_customized_link(
        self, info: Info, input: CreateCustomizedLinkInput
    ) -> CreateCustomizedLinkPayload:
        client = info.context.providers.financeit

        async def perform(_provider_key: str | None) -> dict[str, Any]:
            body = customized_link_body(input)
            record = await client.create_customized_link(**body)
            return {"link": record.model_dump(mode="json")}

        write = Write(
            mutation="createCustomizedLink",
            input=input,
            validate=lambda: validate_customized_link(input),
            perform=perform,
            build=_customized_built,
            refused=_customized_refused,
            field_map=customized_link_fields(input),
        )
        return await run_write(info, write)
