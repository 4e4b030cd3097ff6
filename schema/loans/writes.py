"""FinanceIt's writes as write specs: sendDirectInvite, createSingleAccessLink,
createCustomizedLink (the reference's two "special link" routes).

Each input becomes the data layer's plain request (resolvers.loans.requests); its
rules are resolvers.loans.validation (a bad input costs no upstream call), its body
and call resolvers.loans.writes; schema.writes.run_write checks, claims the
idempotency key and writes once. The records sent are what the store keeps; every
payload is built from that record alone, so a replay costs no upstream call.

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

from collections.abc import Mapping

from resolvers.checks import Checks
from resolvers.loans import requests, validation, writes

from ..writes import WriteSpec, user_error
from .inputs import (
    CreateCustomizedLinkInput,
    CreateSingleAccessLinkInput,
    LoanCustomParamsInput,
    SendDirectInviteInput,
)
from .payloads import (
    CreateCustomizedLinkPayload,
    CreateSingleAccessLinkPayload,
    CustomizedLink,
    DirectInvite,
    SendDirectInvitePayload,
    SingleAccessLink,
)

LOAN_NOT_FOUND = "loanId is not one of your FinanceIt loans."


def custom_params(given: LoanCustomParamsInput | None) -> requests.CustomParams | None:
    if given is None:
        return None
    return requests.CustomParams(
        lead_id=given.lead_id, redirect_url=given.redirect_url, extra=given.extra
    )


def invite_request(given: SendDirectInviteInput) -> requests.DirectInviteRequest:
    """The input in the data layer's plain terms (enums as FinanceIt's values)."""
    return requests.DirectInviteRequest(
        send_via=given.send_via.value,
        promo_program_id=given.promo_program_id,
        partner_id=given.partner_id,
        vertical_name=given.vertical_name.value if given.vertical_name else None,
        mobile_number=given.mobile_number,
        email=given.email,
        first_name=given.first_name,
        last_name=given.last_name,
        language=given.language.value if given.language else None,
        requested_amount=given.requested_amount,
        amortization=given.amortization,
        use_max_amortization=given.use_max_amortization,
        payment_frequency=given.payment_frequency.value if given.payment_frequency else None,
        message=given.message,
        custom_params=custom_params(given.custom_params),
    )


def customized_link_request(given: CreateCustomizedLinkInput) -> requests.CustomizedLinkRequest:
    b = given.borrower
    borrower = (
        None
        if b is None
        else requests.LinkBorrower(
            first_name=b.first_name,
            last_name=b.last_name,
            email=b.email,
            phone=b.phone,
            extra=b.extra,
        )
    )
    contacts = (
        None
        if given.contacts is None
        else tuple(
            requests.LinkContact(
                email=c.email, first_name=c.first_name, last_name=c.last_name, extra=c.extra
            )
            for c in given.contacts
        )
    )
    return requests.CustomizedLinkRequest(
        lead_id=given.lead_id,
        partner_id=given.partner_id,
        email=given.email,
        custom_params=custom_params(given.custom_params),
        borrower=borrower,
        contacts=contacts,
    )


class SendDirectInvite(WriteSpec[SendDirectInvitePayload]):
    """POST /direct_invites; FinanceIt answers `{}`, so the invite is the body as sent."""

    mutation = "sendDirectInvite"
    record = writes.InviteSent
    field_map = writes.INVITE_FIELDS
    input: SendDirectInviteInput

    def check(self, checks: Checks) -> None:
        self.request = invite_request(self.input)
        validation.check_invite(checks, self.request)

    async def send(self, provider_key: str | None) -> writes.InviteSent:
        return await writes.send_invite(self.info.context, self.request)

    def payload(self, record: writes.InviteSent) -> SendDirectInvitePayload:
        invite = DirectInvite.from_request(record.request)
        return SendDirectInvitePayload(direct_invite=invite, user_errors=[])


class CreateSingleAccessLink(WriteSpec[CreateSingleAccessLinkPayload]):
    """POST /single_access_links; a loan that is not the user's is a stored refusal."""

    mutation = "createSingleAccessLink"
    record = writes.AccessLinkOutcome
    field_map = writes.SINGLE_ACCESS_LINK_FIELDS
    input: CreateSingleAccessLinkInput

    def check(self, checks: Checks) -> None:
        self.request = requests.SingleAccessLinkRequest(
            loan_id=self.input.loan_id, email=self.input.email
        )
        validation.check_single_access_link(checks, self.request)

    async def send(self, provider_key: str | None) -> writes.AccessLinkOutcome:
        return await writes.send_single_access_link(self.info.context, self.request)

    def payload(self, record: writes.AccessLinkOutcome) -> CreateSingleAccessLinkPayload:
        if record.loan_not_found or record.link is None:
            return self.refused([user_error("loanId", LOAN_NOT_FOUND, "NOT_FOUND")])
        link = SingleAccessLink.from_financeit(record.link)
        return CreateSingleAccessLinkPayload(single_access_link=link, user_errors=[])


class CreateCustomizedLink(WriteSpec[CreateCustomizedLinkPayload]):
    """POST /customized_links; the contacts given name the input paths of a refusal."""

    mutation = "createCustomizedLink"
    record = writes.CustomizedLinkMade
    input: CreateCustomizedLinkInput

    def check(self, checks: Checks) -> None:
        self.request = customized_link_request(self.input)
        validation.check_customized_link(checks, self.request)

    def fields(self) -> Mapping[str, str]:
        return writes.customized_link_fields(customized_link_request(self.input))

    async def send(self, provider_key: str | None) -> writes.CustomizedLinkMade:
        return await writes.send_customized_link(self.info.context, self.request)

    def payload(self, record: writes.CustomizedLinkMade) -> CreateCustomizedLinkPayload:
        link = CustomizedLink.from_financeit(record.link)
        return CreateCustomizedLinkPayload(customized_link=link, user_errors=[])


__all__ = ["CreateCustomizedLink", "CreateSingleAccessLink", "SendDirectInvite"]
