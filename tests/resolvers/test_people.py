"""The cross-provider people index over plain records: batched lookups, profiles, own lists."""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from resolvers import people
from resolvers.errors import ProviderError, ProviderUnavailable
from resolvers.people_paging import merged_page
from resolvers.request import ExecutionOptions, Loaders


class Where(enum.Enum):
    A = "a"
    B = "b"


@dataclass(frozen=True)
class Someone:
    provider: Where
    provider_id: str
    email: str | None
    created_at: datetime | None = None


@dataclass
class Scope:
    loaders: Loaders = field(default_factory=lambda: Loaders(ExecutionOptions()))
    providers: object = None
    options: ExecutionOptions = field(default_factory=ExecutionOptions)


@dataclass
class Directory:
    provider: Where
    people: list[Someone]
    calls: list[tuple[str, ...]] = field(default_factory=list)
    fails: bool = False

    async def by_ids(self, request: str, ids: Sequence[str]) -> list[Someone | None]:
        self.calls.append(("ids", *ids))
        return [next((p for p in self.people if p.provider_id == i), None) for i in ids]

    async def by_emails(self, request: str, emails: Sequence[str]) -> dict[str, list[Someone]]:
        self.calls.append(("emails", *emails))
        if self.fails:
            raise ProviderUnavailable(self.provider.value, "down")
        found: dict[str, list[Someone]] = {}
        for p in self.people:
            email = people.normalize_email(p.email)
            if email in emails:
                found.setdefault(email, []).append(p)
        return found

    async def newest_first(self, request: str) -> AsyncIterator[Someone]:
        for p in sorted(self.people, key=lambda p: p.created_at or datetime.min, reverse=True):
            yield p


def at(day: int) -> datetime:
    return datetime(2024, 1, day, tzinfo=UTC)


ANN_A = Someone(Where.A, "1", "Ann@Example.com", at(1))
ANN_B = Someone(Where.B, "x", " ann@example.com ", at(3))
BOB_B = Someone(Where.B, "y", "bob@example.com", at(2))


def test_emails_match_lower_case_without_surrounding_space() -> None:
    assert people.normalize_email(" Ann@Example.COM ") == "ann@example.com"
    assert people.normalize_email("  ") is None


async def test_lookups_by_email_are_one_call_per_provider_per_batch() -> None:
    scope, directory = Scope(), Directory(Where.A, [ANN_A])
    found = [
        await people.by_email(scope, "req", directory, "ann@example.com"),
        await people.by_email(scope, "req", directory, "ann@example.com"),
    ]
    assert found == [[ANN_A], [ANN_A]]
    assert directory.calls == [("emails", "ann@example.com")]


async def test_profiles_are_the_same_email_elsewhere_newest_first() -> None:
    scope = Scope()
    directories = [Directory(Where.A, [ANN_A]), Directory(Where.B, [ANN_B, BOB_B])]
    failures: list[ProviderError] = []
    found = await people.profiles(
        scope, "req", directories, ANN_A, include_self=True, on_failure=failures.append
    )
    assert found == [ANN_B, ANN_A]
    others = await people.profiles(
        Scope(), "req", directories, ANN_A, include_self=False, on_failure=failures.append
    )
    assert others == [ANN_B]
    assert failures == []


async def test_a_failing_provider_costs_only_its_own_profiles() -> None:
    directories = [Directory(Where.A, [ANN_A]), Directory(Where.B, [ANN_B], fails=True)]
    failures: list[ProviderError] = []
    found = await people.profiles(
        Scope(), "req", directories, ANN_A, include_self=True, on_failure=failures.append
    )
    assert found == [ANN_A]
    assert [f.provider for f in failures] == ["b"]


async def test_a_person_with_no_email_has_only_themselves_as_a_profile() -> None:
    nobody = Someone(Where.A, "2", None)
    found = await people.profiles(
        Scope(), "req", [], nobody, include_self=True, on_failure=lambda e: None
    )
    assert found == [nobody]


@pytest.mark.parametrize(("providers", "expected"), [(None, 2), ([], 2), ([Where.B], 1)])
def test_no_providers_named_means_every_provider(
    providers: list[Where] | None, expected: int
) -> None:
    registry = {Where.A: Directory(Where.A, []), Where.B: Directory(Where.B, [])}
    assert len(people.chosen(registry, providers)) == expected


async def test_the_merged_list_is_newest_first_and_a_borrower_sees_only_their_own() -> None:
    directories = [Directory(Where.A, [ANN_A]), Directory(Where.B, [ANN_B, BOB_B])]
    page = await merged_page(people.everyone("req", directories), first=10, after=None)
    assert [row for _, row in page.rows] == [ANN_B, BOB_B, ANN_A]
    own = people.own(Scope(), "req", directories, "ann@example.com")
    page = await merged_page(own, first=10, after=None)
    assert [row for _, row in page.rows] == [ANN_B, ANN_A]
