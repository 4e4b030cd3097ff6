"""FinanceIt borrowers through the schema: the people index built from the loans,
borrower lookups, Borrower.loans, and what they cost upstream."""

from __future__ import annotations

from typing import Any, cast

from schema.borrower import Borrower
from schema.common import Provider
from schema.context import Info
from schema.ids import to_global_id
from schema.loans.links import loans_of_borrower
from tests.schema.conftest import Gql
from tests.schema.test_loans import LOANS, store_of

TOKEN = "POST /en/api/v3/accounts/create_user_oauth_token"


def people(gql: Gql) -> dict[str, list[dict[str, Any]]]:
    """Normalized email -> that borrower's loans, newest first (the sandbox's own data)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for raw in store_of(gql).newest_first:
        found.setdefault(raw["borrower"]["email"].strip().lower(), []).append(raw)
    return found


def iso(timestamp: str) -> str:
    return timestamp.replace(" UTC", "+00:00").replace(" ", "T")


async def test_financeit_borrowers_are_listed_newest_first_by_their_first_loan(gql: Gql) -> None:
    seen: list[dict[str, Any]] = []
    after = None
    while True:
        data = await gql.data(
            "query($after: String) { borrowers(first: 40, after: $after, providers: [FINANCEIT]) {"
            " edges { node { provider providerId email createdAt } }"
            " pageInfo { hasNextPage endCursor } } }",
            after=after,
        )
        seen += [e["node"] for e in data["borrowers"]["edges"]]
        if not data["borrowers"]["pageInfo"]["hasNextPage"]:
            break
        after = data["borrowers"]["pageInfo"]["endCursor"]
    expected = sorted(
        (
            {
                "provider": "FINANCEIT",
                "providerId": email,
                "email": loans[0]["borrower"]["email"],
                "createdAt": iso(min(raw["created_at"] for raw in loans)),
            }
            for email, loans in people(gql).items()
        ),
        key=lambda b: (b["createdAt"], b["providerId"]),
        reverse=True,
    )
    assert seen == expected


async def test_a_borrower_by_id_has_their_details_and_every_loan(gql: Gql) -> None:
    email, loans = max(people(gql).items(), key=lambda item: len(item[1]))
    person = loans[0]["borrower"]
    data = await gql.data(
        "query($id: ID!) { borrower(id: $id) { providerId firstName lastName email phone"
        " dateOfBirth providerKind loans(first: 100) { edges { node { providerId } } } } }",
        id=to_global_id("Borrower", "financeit", email),
    )
    assert len(loans) > 1
    assert data["borrower"] == {
        "providerId": email,
        "firstName": person["first_name"],
        "lastName": person["last_name"],
        "email": person["email"],
        "phone": person["phone"],
        "dateOfBirth": person["date_of_birth"],
        "providerKind": "borrower",
        "loans": {"edges": [{"node": {"providerId": str(raw["id"])}} for raw in loans]},
    }


async def test_a_borrowers_loans_page_one_at_a_time_without_repeats(gql: Gql) -> None:
    email, loans = max(people(gql).items(), key=lambda item: len(item[1]))
    gid = to_global_id("Borrower", "financeit", email)
    seen: list[str] = []
    after = None
    while True:
        data = await gql.data(
            "query($id: ID!, $after: String) { borrower(id: $id) { loans(first: 1, after: $after)"
            " { edges { node { providerId } } pageInfo { hasNextPage endCursor } } } }",
            id=gid,
            after=after,
        )
        conn = data["borrower"]["loans"]
        seen += [e["node"]["providerId"] for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert seen == [str(raw["id"]) for raw in loans]


async def test_an_unknown_financeit_borrower_is_not_found(gql: Gql) -> None:
    gid = to_global_id("Borrower", "financeit", "nobody@example.com")
    result = await gql("query($id: ID!) { borrower(id: $id) { id } }", id=gid)
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "NOT_FOUND"}


async def test_the_loans_own_borrower_is_the_same_profile(gql: Gql) -> None:
    raw = store_of(gql).newest_first[0]
    data = await gql.data(
        "{ loans(first: 1) { edges { node { borrower { id profiles(includeSelf: true) {"
        " id provider } } } } } }"
    )
    borrower = data["loans"]["edges"][0]["node"]["borrower"]
    assert borrower["id"] == to_global_id(
        "Borrower", "financeit", raw["borrower"]["email"].strip().lower()
    )
    assert {"id": borrower["id"], "provider": "FINANCEIT"} in borrower["profiles"]


async def test_every_borrowers_loans_cost_one_walk_of_the_loans_once_per_index(gql: Gql) -> None:
    query = (
        "{ borrowers(first: 50, providers: [FINANCEIT]) { edges { node {"
        " loans(first: 5) { edges { node { providerId } } } } } } }"
    )
    data = await gql.data(query)
    # Floor: FinanceIt has no borrower search, so the index is one walk of GET /loans
    # (state=all, 100 a page: 300 loans -> pages 1..4, the fourth empty) plus the token;
    # the 50 borrowers' loans are read from that same index: no call per borrower.
    total = len(store_of(gql).newest_first)
    assert gql.sandbox.stats() == {"financeit": {TOKEN: 1, LOANS: total // 100 + 1}}
    assert len(data["borrowers"]["edges"]) == 50
    gql.sandbox.clear_stats()
    await gql.data(query)
    # Warm: the index is in the shared cache for its TTL, so nothing at all.
    assert gql.sandbox.stats() == {}


async def test_another_providers_borrower_has_no_loans_and_costs_no_call(gql: Gql) -> None:
    borrower = Borrower.build(
        Provider.FINOS, "user-1", first_name="A", last_name="B", email="a@b.c"
    )
    gql.sandbox.clear_stats()
    # No field of info is touched for another provider's borrower.
    conn = await loans_of_borrower(cast(Info, None), borrower, first=None, after=None)
    assert conn.edges == []
    assert conn.page_info.has_next_page is False
    assert gql.sandbox.stats() == {}
