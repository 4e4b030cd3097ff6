"""The FinanceIt people index: loans by normalized email, newest first; borrowers by first loan."""

from __future__ import annotations

from datetime import UTC, datetime

from resolvers.financeit import Loan
from resolvers.loans.people import build_index, email_key


def loan(ident: int, day: int, email: str | None) -> Loan:
    borrower = None if email is None else {"email": email, "first_name": "A"}
    return Loan.model_validate(
        {
            "id": ident,
            "created_at": datetime(2026, 1, day, tzinfo=UTC),
            "state": "pending",
            "partner_id": 1,
            "borrower": borrower,
        }
    )


def test_emails_match_case_and_space_insensitively() -> None:
    assert email_key("  Ann@X.ca ") == "ann@x.ca"
    assert email_key("   ") is None and email_key(None) is None


def test_the_index_groups_loans_by_email_and_orders_borrowers_by_their_first_loan() -> None:
    index = build_index(
        [
            loan(1, 5, "Ann@x.ca"),
            loan(2, 9, "bob@x.ca"),
            loan(3, 7, "ann@x.ca "),
            loan(4, 8, None),
            loan(5, 3, ""),
        ]
    )
    assert [r.id for r in index.loans["ann@x.ca"]] == [3, 1]  # newest first
    assert index.first_loan_at["ann@x.ca"] == datetime(2026, 1, 5, tzinfo=UTC)
    assert index.newest_first == ["bob@x.ca", "ann@x.ca"]
    assert set(index.loans) == {"ann@x.ca", "bob@x.ca"}  # no borrower, no usable email: out
