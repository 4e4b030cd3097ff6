"""FinanceIt bodies from plain requests, and the records a write keeps read back as stored."""

from __future__ import annotations

from decimal import Decimal

from resolvers.ids import to_global_id
from resolvers.loans.requests import (
    CustomizedLinkRequest,
    CustomParams,
    DirectInviteRequest,
    LinkBorrower,
    LinkContact,
)
from resolvers.loans.writes import (
    AccessLinkOutcome,
    CustomizedLinkMade,
    InviteSent,
    customized_link_body,
    customized_link_fields,
    invite_body,
)


def test_an_invite_body_uses_financeits_names_and_the_standard_program_by_default() -> None:
    request = DirectInviteRequest(
        send_via="email",
        email="a@b.ca",
        partner_id=to_global_id("Partner", "financeit", "7"),
        requested_amount=Decimal("10.50"),
        custom_params=CustomParams(lead_id=-2, extra={"x": 1}),
    )
    assert invite_body(request) == {
        "promo_program_id": 0,
        "send_via": "email",
        "partner_id": 7,
        "email": "a@b.ca",
        "requested_amount": "10.50",
        "custom_params": {"x": 1, "lead_id": -2},
    }


def test_a_customized_link_body_and_its_field_map_follow_the_contacts_given() -> None:
    request = CustomizedLinkRequest(
        lead_id=5,
        borrower=LinkBorrower(first_name="Ann", extra={"city": "Oslo"}),
        contacts=(LinkContact(email="c@d.ca", last_name="Lee"),),
    )
    assert customized_link_body(request) == {
        "lead_id": 5,
        "borrower": {"city": "Oslo", "first_name": "Ann"},
        "contacts": [{"email": "c@d.ca", "last_name": "Lee"}],
    }
    fields = customized_link_fields(request)
    assert fields["borrower.first_name"] == "borrower.firstName"
    assert fields["contacts.0.email"] == "contacts.0.email" and "contacts.1.email" not in fields


def test_records_stored_before_they_were_records_are_read_back() -> None:
    invite = InviteSent.model_validate({"request": {"send_via": "none"}, "response": {}})
    assert invite.request == {"send_via": "none"}
    refused = AccessLinkOutcome.model_validate({"loan_not_found": True})
    assert refused.loan_not_found and refused.link is None
    made = AccessLinkOutcome.model_validate({"link": {"link": "https://l", "loan_id": 3}})
    assert made.link is not None and made.link.loan_id == 3 and not made.loan_not_found
    custom = CustomizedLinkMade.model_validate({"link": {"link": "https://c", "lead_id": 1}})
    assert custom.model_dump(mode="json")["link"]["lead_id"] == 1
