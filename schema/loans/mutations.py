"""LoansMutation: FinanceIt's root mutations, each one write spec (schema.loans.writes)."""

from __future__ import annotations

import strawberry

from ..access import LOANS_WRITE, access
from ..context import Info
from ..writes import run_write
from .inputs import CreateCustomizedLinkInput, CreateSingleAccessLinkInput, SendDirectInviteInput
from .payloads import (
    CreateCustomizedLinkPayload,
    CreateSingleAccessLinkPayload,
    SendDirectInvitePayload,
)
from .writes import CreateCustomizedLink, CreateSingleAccessLink, SendDirectInvite


@strawberry.type
class LoansMutation:
    @strawberry.mutation(
        description="FinanceIt: send a Financeit Direct application link by email or SMS.",
        metadata=access(LOANS_WRITE),
    )
    async def send_direct_invite(
        self, info: Info, input: SendDirectInviteInput
    ) -> SendDirectInvitePayload:
        return await run_write(info, SendDirectInvite(info, input))

    @strawberry.mutation(
        description="FinanceIt: a link giving one partner employee access to one loan.",
        metadata=access(LOANS_WRITE),
    )
    async def create_single_access_link(
        self, info: Info, input: CreateSingleAccessLinkInput
    ) -> CreateSingleAccessLinkPayload:
        return await run_write(info, CreateSingleAccessLink(info, input))

    @strawberry.mutation(
        description="FinanceIt: a link giving a partner employee loan-creation access for a lead.",
        metadata=access(LOANS_WRITE),
    )
    async def create_customized_link(
        self, info: Info, input: CreateCustomizedLinkInput
    ) -> CreateCustomizedLinkPayload:
        return await run_write(info, CreateCustomizedLink(info, input))
