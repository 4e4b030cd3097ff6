"""A people index: by provider id, by normalized email, newest first (then by id)."""

from __future__ import annotations

from datetime import UTC, datetime

from resolvers import finmo
from resolvers.mortgages.people import PeopleIndex, finmo_person


def borrower(user_id: str, email: str, day: int, team: str = "t1") -> finmo.Borrower:
    return finmo.Borrower(
        user_id=user_id,
        team_id=team,
        first_name="A",
        last_name="B",
        email=email,
        created_at=datetime(2026, 1, day, tzinfo=UTC),
    )


def test_an_index_finds_people_by_email_whatever_the_case_and_lists_newest_first() -> None:
    index = PeopleIndex.of(
        [
            finmo_person(borrower("u1", "Ada@Example.com ", 1)),
            finmo_person(borrower("u3", "bob@example.com", 3)),
            finmo_person(borrower("u2", "ada@example.com", 3)),
        ],
        {},
    )
    assert [p.provider_id for p in index.by_email["ada@example.com"]] == ["u1", "u2"]
    assert [p.provider_id for p in index.newest] == ["u3", "u2", "u1"]  # same day: by id


def test_a_borrower_of_two_teams_is_one_person_by_id() -> None:
    index = PeopleIndex.of(
        [
            finmo_person(borrower("u1", "ada@example.com", 1, team="t1")),
            finmo_person(borrower("u1", "ada@example.com", 1, team="t2")),
        ],
        {},
    )
    assert list(index.by_id) == ["u1"]
    assert index.by_id["u1"].record.team_id == "t2"
    assert [p.provider_id for p in index.newest] == ["u1"]
