"""The mortgages inputs' rules read plain objects: every problem at once, no call."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from resolvers.checks import Checks
from resolvers.ids import to_global_id
from resolvers.mortgages import validation_finmo, validation_molo, validation_molo_applicants
from resolvers.refusals import Problem


class Purpose(enum.Enum):
    PURCHASE = "PURCHASE"
    REMORTGAGE = "REMORTGAGE"


@dataclass
class Applicant:
    first_name: str = "Ada"
    last_name: str = "Lovelace"
    email: str = "ada@example.com"
    phone_number: str = "+1 (613) 555-0117"


@dataclass
class NewApplication:
    team_id: str = to_global_id("Team", "finmo", "t1")
    team_members: list[str] = field(default_factory=lambda: [to_global_id("Broker", "finmo", "b")])
    applicant: Applicant | None = field(default_factory=Applicant)
    applicant_id: str | None = None
    send_invite: bool = False
    send_sms: bool = False
    goal: Purpose = Purpose.PURCHASE


def finmo_problems(data: NewApplication) -> list[Problem]:
    checks = Checks()
    validation_finmo.new_application(checks, data)
    return checks.problems


def test_a_good_finmo_application_has_no_problems() -> None:
    assert finmo_problems(NewApplication()) == []


def test_every_problem_of_a_finmo_application_is_listed() -> None:
    data = NewApplication(
        team_id=to_global_id("Team", "molo", "t1"),
        team_members=[],
        applicant=Applicant(phone_number="12"),
        send_sms=True,
        goal=Purpose.REMORTGAGE,
    )
    assert finmo_problems(data) == [
        Problem("teamId", "teamId must be the id of a finmo Team.", "NOT_FOUND"),
        Problem("teamMembers", "teamMembers needs 1 to 10 broker ids.", "REQUIRED"),
        Problem(
            "applicant.phoneNumber",
            "phoneNumber must be a ten-digit North American phone number, e.g. 6135550117.",
        ),
        Problem("sendSMS", "sendSMS needs sendInvite to be true."),
        Problem("goal", "goal must be one of PURCHASE, PRE_APPROVAL, REFINANCE, RENEWAL, SWITCH."),
    ]


@dataclass
class ApplicationChange:
    application_id: str = to_global_id("Application", "molo", "7")
    mortgage_type: Purpose | None = None
    borrower_type: Purpose | None = None
    desired_loan_amount: Decimal | None = None
    loan_term: int | None = None
    property_value: Decimal | None = None
    monthly_rent: Decimal | None = None
    reference_id: str | None = None


def test_a_molo_change_needs_a_field_and_checks_those_given() -> None:
    checks = Checks()
    validation_molo.application_change(checks, ApplicationChange())
    assert checks.problems == [Problem(None, "Give at least one field to change.", "REQUIRED")]
    checks = Checks()
    validation_molo.application_change(checks, ApplicationChange(loan_term=41))
    assert checks.problems == [
        Problem("loanTerm", "loanTerm must be 1 to 40 years.", "OUT_OF_RANGE")
    ]


class Title(enum.Enum):
    DR = "dr"


@dataclass
class Address:
    street: str | None = "1 High St"
    postal: str | None = "M1 1AA"
    town: str | None = "Manchester"
    building_number: str | None = None
    building_name: str | None = None
    sub_building_name: str | None = None


@dataclass
class NewMoloApplicant:
    application_id: str = to_global_id("Application", "molo", "7")
    is_lead: bool | None = True
    taxable_income: Decimal | None = Decimal("45000")
    email: str | None = "ada@example.com"
    title: Title | None = Title.DR
    date_of_birth: date | None = date(1990, 1, 2)
    mobile: str | None = "+441615676878"
    address: Address | None = field(default_factory=Address)
    is_privacy_policy_accepted: bool = True
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None


def molo_problems(data: NewMoloApplicant) -> list[Problem]:
    checks = Checks()
    validation_molo_applicants.new_applicant(checks, data)
    return checks.problems


def test_a_good_molo_applicant_has_no_problems() -> None:
    assert molo_problems(NewMoloApplicant()) == []


def test_a_molo_applicant_lists_every_problem_by_its_graphql_path() -> None:
    data = NewMoloApplicant(
        taxable_income=Decimal("29999"),
        mobile="07700 900000",
        title=None,
        address=Address(postal="M1 1AA 12345"),
        is_privacy_policy_accepted=False,
    )
    assert [(p.path, p.code) for p in molo_problems(data)] == [
        ("taxableIncome", "OUT_OF_RANGE"),
        ("mobile", "INVALID"),
        ("title", "REQUIRED"),
        ("address.postal", "OUT_OF_RANGE"),
        ("isPrivacyPolicyAccepted", "REQUIRED"),
    ]
