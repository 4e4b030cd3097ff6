"""Borrower isolation: a borrower sees their own records at every provider, by every
path, and anyone else's answers NOT_FOUND exactly as an id that does not exist.

The subjects are found with a staff query over the seeded sandbox: A has a Finmo
application with a co-applicant, a Molo application, a FinanceIt loan and a Finos
account with an order; B is another person with an application, a loan and an order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from schema.context import Caller
from schema.ids import from_global_id, to_global_id
from tests.schema.conftest import Gql

STAFF = Caller(id="staff-1", kind="staff", scopes=frozenset({"*"}))
READ = frozenset({"people:read", "applications:read", "loans:read", "trading:read", "quotes:read"})

DISCOVER = """{
  orders(first: 100) { edges { node { id account { id
    holder { email: emailAddress } jointMember { email: emailAddress } } } } }
  loans(first: 100) { edges { node { id borrower { email } } } }
  applications(first: 100) { edges { node { id provider borrowers { id email } } } }
}"""


def norm(email: str | None) -> str:
    return (email or "").strip().lower()


@dataclass
class Person:
    email: str
    applications: dict[str, list[str]] = field(default_factory=dict)  # id -> borrower emails
    loans: list[str] = field(default_factory=list)
    accounts: set[str] = field(default_factory=set)
    orders: list[str] = field(default_factory=list)

    def application(self, provider: str, *, shared: bool | None = None) -> str:
        for ident, emails in self.applications.items():
            if from_global_id(ident).provider == provider and (
                shared is None or shared == (len(emails) > 1)
            ):
                return ident
        raise LookupError(provider)

    def caller(self, *extra: str) -> Caller:
        # the token's email in another casing: matching is on the normalized email
        return Caller(
            id=f"borrower:{self.email}",
            kind="borrower",
            scopes=READ | frozenset(extra),
            email=f" {self.email.upper()} ",
        )


async def discover(gql: Gql) -> tuple[Person, Person]:
    data = await gql.execute(DISCOVER, caller=STAFF)
    assert data.errors is None and data.data is not None
    people: dict[str, Person] = {}

    def person(email: str | None) -> Person:
        return people.setdefault(norm(email), Person(norm(email)))

    for edge in data.data["orders"]["edges"]:
        account = edge["node"]["account"]
        holders = [account["holder"], account["jointMember"]]
        for holder in filter(None, holders):
            person(holder["email"]).orders.append(edge["node"]["id"])
            person(holder["email"]).accounts.add(account["id"])
    for edge in data.data["loans"]["edges"]:
        person(edge["node"]["borrower"]["email"]).loans.append(edge["node"]["id"])
    for edge in data.data["applications"]["edges"]:
        emails = [norm(b["email"]) for b in edge["node"]["borrowers"]]
        for email in emails:
            person(email).applications[edge["node"]["id"]] = emails
    complete = [p for p in people.values() if p.applications and p.loans and p.orders]
    a = next(
        p
        for p in complete
        if any(
            len(e) > 1 for i, e in p.applications.items() if from_global_id(i).provider == "finmo"
        )
        and any(from_global_id(i).provider == "molo" for i in p.applications)
    )
    b = next(
        p
        for p in complete
        if p is not a
        and not p.accounts & a.accounts
        and not set(p.applications) & set(a.applications)
    )
    return a, b


@pytest.fixture
async def subjects(gql: Gql) -> tuple[Person, Person]:
    found = await discover(gql)
    gql.sandbox.clear_stats()
    return found


def codes(result: Any) -> list[str | None]:
    return [(e.extensions or {}).get("code") for e in result.errors or []]


BY_ID = {
    "application": "Application",
    "loan": "Loan",
    "account": "Account",
    "order": "Order",
}
MISSING = {
    "Application": to_global_id("Application", "finmo", "no-such-application"),
    "Loan": to_global_id("Loan", "financeit", "999999"),
    "Account": to_global_id("Account", "finos", "no-such-account"),
    "Order": to_global_id("Order", "finos", "no-such-order"),
}


def owned_ids(p: Person) -> dict[str, list[str]]:
    apps = sorted(p.applications, key=lambda i: from_global_id(i).provider)
    return {
        "application": apps[:1] + [i for i in apps if from_global_id(i).provider == "molo"][:1],
        "loan": p.loans[:1],
        "account": sorted(p.accounts)[:1],
        "order": p.orders[:1],
    }


OWNERS = """query($ids: [ID!]!) { nodes(ids: $ids) { id
  ... on Application { borrowers { email } }
  ... on Loan { borrower { email } }
  ... on Account { holder { emailAddress } jointMember { emailAddress } }
  ... on Order { account { holder { emailAddress } jointMember { emailAddress } } } } }"""


async def owners(gql: Gql, ids: list[str]) -> dict[str, set[str]]:
    """Each record's people, as staff see them."""
    result = await gql.execute(OWNERS, {"ids": ids}, caller=STAFF)
    assert result.errors is None and result.data is not None
    found: dict[str, set[str]] = {}
    for node in result.data["nodes"]:
        account = node.get("account") or node
        people = [b["email"] for b in node.get("borrowers") or []]
        people += [node["borrower"]["email"]] if node.get("borrower") else []
        for holder in (account.get("holder"), account.get("jointMember")):
            people += [holder["emailAddress"]] if holder else []
        found[node["id"]] = {norm(e) for e in people}
    return found


async def test_a_borrower_sees_their_own_records_by_every_path(
    gql: Gql, subjects: tuple[Person, Person]
) -> None:
    a, _ = subjects
    ids = [i for group in owned_ids(a).values() for i in group]
    for root, group in owned_ids(a).items():
        for ident in group:
            data = await gql.execute(f'{{ {root}(id: "{ident}") {{ id }} }}', caller=a.caller())
            assert data.errors is None, (root, data.errors)
            assert data.data == {root: {"id": ident}}
    result = await gql.execute(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } node(id: $one) { id } }".replace(
            "$ids: [ID!]!", "$ids: [ID!]!, $one: ID!"
        ),
        {"ids": ids, "one": ids[0]},
        caller=a.caller(),
    )
    assert result.errors is None and result.data is not None
    assert [n["id"] for n in result.data["nodes"]] == ids
    assert result.data["node"] == {"id": ids[0]}


async def test_another_borrowers_records_are_not_found_by_every_path(
    gql: Gql, subjects: tuple[Person, Person]
) -> None:
    a, b = subjects
    theirs = [i for group in owned_ids(b).values() for i in group]
    for root, type_name in BY_ID.items():
        ident = owned_ids(b)[root][0]
        other = await gql.execute(f'{{ {root}(id: "{ident}") {{ id }} }}', caller=a.caller())
        missing_id = MISSING[type_name]
        missing = await gql.execute(f'{{ {root}(id: "{missing_id}") {{ id }} }}', caller=STAFF)
        assert other.data == missing.data == {root: None}
        assert codes(other) == codes(missing) == ["NOT_FOUND"]
        assert (other.errors or [])[0].message.replace(ident, "ID") == (
            (missing.errors or [])[0].message.replace(missing_id, "ID")
        )
        node = await gql.execute(f'{{ node(id: "{ident}") {{ id }} }}', caller=a.caller())
        assert node.data == {"node": None} and codes(node) == ["NOT_FOUND"]
        assert (node.errors or [])[0].message == f"No object has the id {ident!r}."
    mine = owned_ids(a)["order"][0]
    nodes = await gql.execute(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        {"ids": [*theirs, mine, MISSING["Order"]]},
        caller=a.caller(),
    )
    assert nodes.data == {"nodes": [*(None for _ in theirs), {"id": mine}, None]}
    # staff see them all
    staff = await gql.execute(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": theirs}, caller=STAFF
    )
    assert staff.data == {"nodes": [{"id": i} for i in theirs]}


async def test_a_nested_path_to_someone_else_is_cut(
    gql: Gql, subjects: tuple[Person, Person]
) -> None:
    """A co-applicant on the caller's own application is visible as a person (decided:
    they are on the caller's file); their other records are not."""
    a, _ = subjects
    shared = a.application("finmo", shared=True)
    query = """query($id: ID!) { application(id: $id) { id borrowers { email
        profiles(includeSelf: true) { id }
        applications { edges { node { id } } }
        loans { edges { node { id } } }
        accounts { edges { node { id } } } } } }"""
    as_a = await gql.execute(query, {"id": shared}, caller=a.caller())
    as_staff = await gql.execute(query, {"id": shared}, caller=STAFF)
    assert as_a.errors is None and as_staff.errors is None
    assert as_a.data is not None and as_staff.data is not None
    co = [b for b in as_a.data["application"]["borrowers"] if norm(b["email"]) != a.email]
    staff_co = [
        b for b in as_staff.data["application"]["borrowers"] if b["email"] == co[0]["email"]
    ]
    assert len(co) == 1 and co[0]["email"]  # the co-applicant is there
    assert [e["node"]["id"] for e in co[0]["applications"]["edges"]] == [shared]
    assert co[0]["profiles"] == [] and co[0]["loans"]["edges"] == []
    assert co[0]["accounts"]["edges"] == []
    # the staff view of the same person has more: the cut is real
    seen = staff_co[0]
    assert len(seen["profiles"]) >= 1
    # the caller's own order reaches its (own) account; a quote is reference data
    order = a.orders[0]
    nested = await gql.execute(
        "query($id: ID!) { order(id: $id) { account { id owner { email } } } }",
        {"id": order},
        caller=a.caller(),
    )
    assert nested.errors is None and nested.data is not None
    assert nested.data["order"]["account"]["id"] in a.accounts


async def test_lists_hold_only_the_callers_records(
    gql: Gql, subjects: tuple[Person, Person]
) -> None:
    a, _ = subjects
    data = await gql.execute(
        """{ applications(first: 100) { edges { node { id } } }
             loans(first: 100) { edges { node { id } } }
             accounts(first: 100) { edges { node { id } } }
             orders(first: 100) { edges { node { id } } }
             borrowers(first: 100) { edges { node { email provider } } } }""",
        caller=a.caller(),
    )
    assert data.errors is None and data.data is not None
    ids = {k: [e["node"].get("id") for e in v["edges"]] for k, v in data.data.items()}
    # everything the staff discovery saw of A's is listed (it read only 100 of each) ...
    assert set(a.applications) <= set(ids["applications"])
    assert set(a.loans) <= set(ids["loans"])
    assert a.accounts <= set(ids["accounts"])
    assert set(a.orders) <= set(ids["orders"])
    # ... and every record listed is A's, as staff see it
    listed = [i for k in ("applications", "loans", "accounts", "orders") for i in ids[k]]
    people = await owners(gql, listed)
    assert [i for i in listed if a.email not in people[i]] == []
    emails = {norm(e["node"]["email"]) for e in data.data["borrowers"]["edges"]}
    providers = {e["node"]["provider"] for e in data.data["borrowers"]["edges"]}
    assert emails == {a.email} and providers == {"FINMO", "MOLO", "FINANCEIT", "FINOS"}


async def test_pages_of_a_filtered_list_are_consistent(
    gql: Gql, subjects: tuple[Person, Person]
) -> None:
    a, _ = subjects
    query = "query($after: String) { applications(first: 1, after: $after) { edges { node { id } }"
    query += " pageInfo { hasNextPage endCursor } } }"
    seen: list[str] = []
    after = None
    for _ in range(20):
        page = await gql.execute(query, {"after": after}, caller=a.caller())
        assert page.errors is None and page.data is not None
        seen += [e["node"]["id"] for e in page.data["applications"]["edges"]]
        info = page.data["applications"]["pageInfo"]
        if not info["hasNextPage"]:
            break
        after = info["endCursor"]
    everything = await gql.execute(
        "{ applications(first: 100) { edges { node { id } } } }", caller=a.caller()
    )
    assert everything.data is not None
    expected = [e["node"]["id"] for e in everything.data["applications"]["edges"]]
    assert len(expected) > 1 and seen == expected  # page by page = all at once, same order


PLACE_ORDER = """
mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { id } userErrors { field message code } }
}"""


async def test_a_borrower_cannot_write_to_another_borrowers_account(
    gql: Gql, subjects: tuple[Person, Person]
) -> None:
    a, b = subjects
    theirs = sorted(b.accounts)[0]
    order = {
        "accountId": theirs,
        "symbol": "AAPL",
        "quantity": "1",
        "side": "BUY",
        "type": "MARKET",
        "idempotencyKey": "authz-isolation-1",
    }
    result = await gql.execute(PLACE_ORDER, {"input": order}, caller=a.caller("trading:write"))
    assert codes(result) == ["NOT_FOUND"]
    assert (result.errors or [])[0].message == f"No object has the id {theirs!r}."
    assert gql.sandbox.calls("finos", "POST /v1/orders") == 0


async def test_list_filters_naming_someone_else_answer_as_for_a_missing_id(
    gql: Gql, subjects: tuple[Person, Person]
) -> None:
    a, b = subjects
    orders = "query($id: ID!) { orders(accountId: $id) { edges { node { id } } } }"
    theirs = sorted(b.accounts)[0]
    result = await gql.execute(orders, {"id": theirs}, caller=a.caller())
    assert result.data == {"orders": None} and codes(result) == ["NOT_FOUND"]
    missing = await gql.execute(orders, {"id": MISSING["Account"]}, caller=STAFF)
    assert missing.data == {"orders": None} and codes(missing) == ["NOT_FOUND"]
    mine = sorted(a.accounts)[0]
    own = await gql.execute(orders, {"id": mine}, caller=a.caller())
    assert own.errors is None and own.data is not None and own.data["orders"]["edges"]
    owner = await gql.execute(
        "query($id: ID!) { account(id: $id) { owner { id } } }", {"id": theirs}, caller=STAFF
    )
    assert owner.data is not None
    their_user = owner.data["account"]["owner"]["id"]
    accounts = "query($id: ID!) { accounts(ownerId: $id) { edges { node { id } } } }"
    result = await gql.execute(accounts, {"id": their_user}, caller=a.caller())
    nobody = to_global_id("Borrower", "finos", "no-such-user")
    missing = await gql.execute(accounts, {"id": nobody}, caller=STAFF)
    assert result.data == missing.data == {"accounts": {"edges": []}}
    assert result.errors is None and missing.errors is None


async def test_reference_data_is_open_but_not_keyed_on_someone_elses_loan(
    gql: Gql, subjects: tuple[Person, Person]
) -> None:
    a, b = subjects
    query = "query($id: ID) { promoPrograms(loanId: $id, first: 1) { edges { node { id } } } }"
    mine = await gql.execute(query, {"id": a.loans[0]}, caller=a.caller())
    assert mine.errors is None
    theirs = await gql.execute(query, {"id": b.loans[0]}, caller=a.caller())
    assert theirs.data == {"promoPrograms": None} and codes(theirs) == ["NOT_FOUND"]
    everyone = await gql.execute(
        "{ promoPrograms(first: 1) { edges { node { id } } }"
        "  teams(first: 1) { edges { node { id } } }"
        "  partners(first: 1) { edges { node { id } } } }",
        caller=a.caller(),
    )
    assert everyone.errors is None and everyone.data is not None
    assert all(len(v["edges"]) == 1 for v in everyone.data.values())


CREATE_USER = """
mutation($input: CreateUserInput!) {
  createUser(input: $input) { userErrors { field message code } }
}"""


def new_user(email: str) -> dict[str, Any]:
    return {
        "firstName": "Ada",
        "lastName": "Lovelace",
        "email": email,
        "dateOfBirth": "1990-12-10",
        "ssn": "123-45-6789",
        "address": {
            "line1": "1 Main St",
            "city": "Austin",
            "region": "TX",
            "postalCode": "73301",
            "country": "US",
        },
    }


async def test_a_borrower_cannot_act_for_someone_elses_email(
    gql: Gql, subjects: tuple[Person, Person]
) -> None:
    a, b = subjects
    gql.sandbox.clear_stats()
    result = await gql.execute(
        CREATE_USER, {"input": new_user(b.email)}, caller=a.caller("people:write")
    )
    assert codes(result) == ["FORBIDDEN"]
    assert gql.sandbox.stats() == {}
    own = await gql.execute(
        CREATE_USER, {"input": new_user(a.email.upper())}, caller=a.caller("people:write")
    )
    assert "FORBIDDEN" not in codes(own)
