"""The records the mortgages writes keep are stored in the shapes earlier versions kept,
so a replay after an upgrade answers the same payload."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from resolvers import molo
from resolvers.mortgages.molo_applicants import OnApplication, Removal
from resolvers.mortgages.molo_writes import Decision

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def application() -> molo.Application:
    return molo.Application.model_validate(
        {
            "id": 7,
            "status": "valid",
            "mortgage_type": "new_purchase",
            "borrower_type": "individual_borrower",
            "created_at": WHEN.isoformat(),
            "updated_at": WHEN.isoformat(),
            "desired_loan_amount": "150000.00",
            "loan_term": 25,
            "applicants": [3],
            "dip_pdf": "JVBERi0=",
        }
    )


def applicant() -> molo.Applicant:
    return molo.Applicant.model_validate(
        {"id": 3, "application": 7, "is_lead": True, "email": "ada@example.com"}
    )


def test_a_decision_is_stored_as_the_decision_and_the_application_json() -> None:
    record = Decision(decision="valid", application=application())
    earlier: dict[str, Any] = {
        "decision": "valid",
        "application": application().model_dump(mode="json"),
    }
    assert record.model_dump(mode="json") == earlier
    assert Decision.model_validate(earlier) == record


def test_an_applicant_is_stored_with_its_application_as_before() -> None:
    record = OnApplication(applicant=applicant(), application=application())
    earlier = {
        "applicant": applicant().model_dump(mode="json"),
        "application": application().model_dump(mode="json"),
    }
    assert record.model_dump(mode="json") == earlier
    assert OnApplication.model_validate(earlier) == record


def test_a_removal_is_stored_as_the_id_and_the_application_or_none() -> None:
    earlier: dict[str, Any] = {"removed": 3, "application": None}
    assert Removal(removed=3, application=None).model_dump(mode="json") == earlier
    assert Removal.model_validate(earlier) == Removal(removed=3, application=None)
