"""The FinanceIt rules on plain requests: every problem at its GraphQL input path, in order."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from resolvers.checks import Checks
from resolvers.ids import to_global_id
from resolvers.loans.requests import (
    CustomizedLinkRequest,
    CustomParams,
    DirectInviteRequest,
    LinkBorrower,
    LinkContact,
    SingleAccessLinkRequest,
)
from resolvers.loans.validation import (
    check_customized_link,
    check_invite,
    check_single_access_link,
    financeit_id,
)
from resolvers.refusals import Problem

PARTNER = to_global_id("Partner", "financeit", "7")


def problems(rule: Callable[[Checks, Any], None], request: object) -> list[tuple[str | None, str]]:
    checks = Checks()
    rule(checks, request)
    return [(p.path, p.code) for p in checks.problems]


def test_a_financeit_id_is_read_from_a_global_id_of_its_type_only() -> None:
    assert financeit_id(PARTNER, "Partner") == 7
    assert financeit_id(PARTNER, "Loan") is None
    assert financeit_id(to_global_id("Partner", "finos", "7"), "Partner") is None
    assert financeit_id("nonsense", "Partner") is None


def test_a_good_invite_has_no_problem() -> None:
    request = DirectInviteRequest(
        send_via="email", email="a@b.ca", partner_id=PARTNER, requested_amount=Decimal("10.5")
    )
    assert problems(check_invite, request) == []


def test_an_invite_names_each_bad_field_in_input_order() -> None:
    request = DirectInviteRequest(
        send_via="sms",
        promo_program_id=PARTNER,  # a Partner id where a PromoProgram id is wanted
        email="nope",
        message="x" * 256,
        requested_amount=Decimal("0.001"),
        use_max_amortization=False,
        custom_params=CustomParams(redirect_url="u" * 255, extra={"lead_id": 1}),
    )
    assert problems(check_invite, request) == [
        ("promoProgramId", "NOT_FOUND"),
        ("email", "INVALID"),
        ("mobileNumber", "REQUIRED"),
        ("message", "OUT_OF_RANGE"),
        ("requestedAmount", "INVALID"),
        ("amortization", "REQUIRED"),
        ("customParams.redirectUrl", "OUT_OF_RANGE"),
        ("customParams.extra", "INVALID"),
    ]


def test_links_check_their_ids_and_every_email() -> None:
    assert problems(check_single_access_link, SingleAccessLinkRequest(loan_id=PARTNER)) == [
        ("loanId", "NOT_FOUND")
    ]
    request = CustomizedLinkRequest(
        lead_id=-3,
        borrower=LinkBorrower(email="bad", extra=[1]),
        contacts=(LinkContact(email="ok@b.ca"), LinkContact(email=" ", extra="x")),
    )
    assert problems(check_customized_link, request) == [
        ("borrower.email", "INVALID"),
        ("borrower.extra", "INVALID"),
        ("contacts.1.email", "REQUIRED"),
        ("contacts.1.extra", "INVALID"),
    ]
    checks = Checks()
    check_customized_link(checks, CustomizedLinkRequest(lead_id=1, email="x"))
    assert checks.problems == [Problem("email", "email must be a valid email address.")]
