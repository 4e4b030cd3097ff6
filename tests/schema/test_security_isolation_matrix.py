"""Borrower B tries borrower A's records by every read path and every write that takes
a reference, on the seeded sandbox: 0 leaks, 0 upstream writes.

Reads: every A record by `node`, `nodes` and its by-id root field, the list filters
that take an id, and every root list with its nested paths scanned for anything of
A's. Writes: every mutation input field that declares a reference (schema.refs) set
to A's record of that kind (B's own for the other references, the rest filled to
type), plus the staff-only mutations. The sandboxes count the requests they see: no
POST, PUT, PATCH or DELETE may reach them. The figures are written to the terminal:

    .venv/bin/python -m pytest -q tests/schema/test_security_isolation_matrix.py
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
)

from schema.access import STAFF_ONLY, root_access
from schema.authz_refs import declarations
from schema.ids import from_global_id, to_global_id
from schema.refs import Opaque, Ref
from tests.schema.conftest import Gql, the_schema
from tests.schema.test_authz_isolation import STAFF, Person, codes, discover, norm

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ACCOUNT_PARTS = ("positions", "transactions", "orders", "bankAccounts", "deposits",
                 "withdrawals", "statements")  # fmt: skip


@dataclass
class Records:
    """One person's records by reference kind (values as a mutation input takes them)."""

    email: str
    by_kind: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, kind: str, value: Any) -> None:
        if value is not None and value not in self.by_kind.setdefault(kind, []):
            self.by_kind[kind].append(value)

    def node_ids(self) -> list[str]:
        skip = {"KycCheck", "Lead", "Person"}
        return [v for k, vs in self.by_kind.items() if k not in skip for v in vs]


PARTS = " ".join(f"{p}(first: 20) {{ edges {{ node {{ id }} }} }}" for p in ACCOUNT_PARTS)
ACCOUNT = """query($id: ID!) { account(id: $id) { id owner { id }
  holder { emailAddress kycToken } jointMember { emailAddress kycToken }
  PARTS } }""".replace("PARTS", PARTS)
APPLICATION = """query($id: ID!) { application(id: $id) { id borrowers { id email }
  assets { id } incomes { id } liabilities { id } properties { id } } }"""
LOAN = "query($id: ID!) { loan(id: $id) { id leadId borrower { id } } }"


async def records_of(gql: Gql, person: Person) -> Records:
    """Everything of `person`'s the staff see from their accounts, applications, loans."""
    mine = Records(person.email)
    mine.add("Person", person.email)
    for account in sorted(person.accounts):
        data = (await gql.execute(ACCOUNT, {"id": account}, caller=STAFF)).data or {}
        found = data["account"]
        mine.add("Account", found["id"])
        for holder in (found["holder"], found["jointMember"]):
            if holder and norm(holder["emailAddress"]) == person.email:
                mine.add("KycCheck", holder["kycToken"])
        if norm(found["holder"]["emailAddress"]) == person.email:
            mine.add("Borrower", (found["owner"] or {}).get("id"))
        for part in ACCOUNT_PARTS:
            for edge in found[part]["edges"]:
                kind = from_global_id(edge["node"]["id"]).type_name
                mine.add(kind, edge["node"]["id"])
    for application in person.applications:
        data = (await gql.execute(APPLICATION, {"id": application}, caller=STAFF)).data or {}
        found = data["application"]
        mine.add("Application", found["id"])
        for b in found["borrowers"]:
            if norm(b["email"]) == person.email:
                mine.add("Borrower", b["id"])
        for part in ("assets", "incomes", "liabilities", "properties"):
            for item in found[part] or []:
                mine.add(from_global_id(item["id"]).type_name, item["id"])
    for loan in person.loans:
        data = (await gql.execute(LOAN, {"id": loan}, caller=STAFF)).data or {}
        mine.add("Loan", data["loan"]["id"])
        mine.add("Lead", data["loan"]["leadId"])
        mine.add("Borrower", data["loan"]["borrower"]["id"])
    return mine


@dataclass
class Tally:
    reads: int = 0
    writes: int = 0
    leaks: list[str] = field(default_factory=list)
    not_tried: list[str] = field(default_factory=list)


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str | int) and not isinstance(value, bool):
        yield str(value)


def leaked(data: Any, victim: Records) -> list[str]:
    """A's ids, tokens, lead ids or email anywhere in an answer's data."""
    theirs = {str(v) for vs in victim.by_kind.values() for v in vs if v is not None}
    return sorted({s for s in strings(data) if s in theirs or norm(s) == victim.email})


BY_ID_ROOT = {"Application": "application", "Loan": "loan", "Account": "account",
              "Order": "order", "Borrower": "borrower", "Rollover": "rollover"}  # fmt: skip
DEEP = """{
  borrowers(first: 100) { edges { node { id email profiles(includeSelf: true) { id email }
    applications { edges { node { id } } } loans { edges { node { id } } }
    accounts { edges { node { id } } } } } }
  applications(first: 100) { edges { node { id borrowers { id email }
    applicants { email borrower { id email } } assets { id } incomes { id } } } }
  loans(first: 100) { edges { node { id leadId borrower { id email } } } }
  accounts(first: 100) { edges { node { id owner { id email }
    holder { emailAddress kycToken } jointMember { emailAddress kycToken }
    PARTS } } }
  orders(first: 100) { edges { node { id account { id owner { id email } } } } }
}""".replace("PARTS", PARTS)


async def read_attempts(gql: Gql, victim: Records, b: Person, tally: Tally) -> None:
    caller = b.caller("*")

    async def attempt(query: str, variables: dict[str, Any], label: str) -> None:
        tally.reads += 1
        result = await gql.execute(query, variables, caller=caller)
        found = leaked(result.data, victim)
        if found:
            tally.leaks.append(f"{label}: {found}")

    for ident in victim.node_ids():
        await attempt("query($id: ID!) { node(id: $id) { id } }", {"id": ident}, f"node {ident}")
        root = BY_ID_ROOT.get(from_global_id(ident).type_name)
        if root:
            await attempt(f"query($id: ID!) {{ {root}(id: $id) {{ id }} }}", {"id": ident}, root)
    ids = victim.node_ids()
    await attempt("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids}, "nodes")
    for lead in victim.by_kind.get("Lead", []):
        await attempt("query($l: Int!) { loanByLeadId(leadId: $l) { id } }", {"l": lead}, "lead")
    filters = {
        "Account": "query($id: ID) { orders(accountId: $id) { edges { node { id } } } }",
        "Borrower": "query($id: ID) { accounts(ownerId: $id) { edges { node { id } } } }",
        "Loan": "query($id: ID) { promoPrograms(loanId: $id) { edges { node { id } } } }",
    }
    for kind, query in filters.items():
        for ident in victim.by_kind.get(kind, []):
            await attempt(query, {"id": ident}, f"{kind} filter")
    await attempt(DEEP, {}, "every root list and nested path")


def _named(type_: GraphQLInputType) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def filler(type_: GraphQLInputType, declared: Any, own: Records) -> Any:
    """A value of this type; an own record (or a well-formed id) where it is a reference."""
    if isinstance(type_, GraphQLNonNull):
        return filler(type_.of_type, declared, own)
    if isinstance(type_, GraphQLList):
        return [filler(type_.of_type, declared, own)]
    if isinstance(declared, Ref):
        values = own.by_kind.get(declared.kind)
        if values:
            return values[0]
        return to_global_id(declared.kind, "finmo", "x") if declared.kind != "Lead" else 1
    if isinstance(type_, GraphQLInputObjectType):
        return required_fields(type_, own)
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    assert isinstance(type_, GraphQLScalarType)
    samples = {"Int": 1, "Float": 1.0, "Boolean": True, "Decimal": "1", "Date": "1990-01-01",
               "DateTime": "2020-01-01T00:00:00Z", "JSON": {}}  # fmt: skip
    return samples.get(type_.name, "x")


def required_fields(type_: GraphQLInputObjectType, own: Records) -> dict[str, Any]:
    declared = declarations(type_)
    return {
        name: filler(f.type, declared[name], own)
        for name, f in type_.fields.items()
        if isinstance(f.type, GraphQLNonNull)
    }


def reference_paths(
    type_: GraphQLInputObjectType, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Ref | Opaque, GraphQLInputType]]:
    declared = declarations(type_)
    for name, f in type_.fields.items():
        named = _named(f.type)
        if isinstance(named, GraphQLInputObjectType):
            yield from reference_paths(named, (*prefix, name))
        elif isinstance(declared[name], Ref | Opaque):
            yield (*prefix, name), declared[name], f.type  # type: ignore[misc]


def with_value(
    root: GraphQLInputObjectType, base: dict[str, Any], path: tuple[str, ...], value: Any,
    own: Records,
) -> dict[str, Any]:  # fmt: skip
    """`base` with `value` at `path`, building the optional objects on the way."""
    result: dict[str, Any] = json.loads(json.dumps(base))
    node, type_ = result, root
    for name in path[:-1]:
        inner = _named(type_.fields[name].type)
        is_list = isinstance(_unwrap_non_null(type_.fields[name].type), GraphQLList)
        if name not in node:
            fresh = required_fields(inner, own)
            node[name] = [fresh] if is_list else fresh
        node = node[name][0] if is_list else node[name]
        type_ = inner
    leaf = _unwrap_non_null(type_.fields[path[-1]].type)
    node[path[-1]] = [value] if isinstance(leaf, GraphQLList) else value
    return result


def _unwrap_non_null(type_: GraphQLInputType) -> GraphQLInputType:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


async def write_attempts(gql: Gql, victim: Records, b: Person, own: Records, tally: Tally) -> None:
    mutation = the_schema()._schema.mutation_type
    assert isinstance(mutation, GraphQLObjectType)
    caller = b.caller("*")
    for name, f in mutation.fields.items():
        input_type = _named(f.args["input"].type)
        base = required_fields(input_type, own)
        tries: list[tuple[str, dict[str, Any]]] = []
        for path, declared, _leaf in reference_paths(input_type):
            at = ".".join(path)
            if isinstance(declared, Opaque):
                lead = (victim.by_kind.get("Lead") or [1])[0]
                tries.append((at, with_value(input_type, base, path, {"lead_id": lead}, own)))
                continue
            if declared.kind == "Person" and declared.co_party:
                continue  # by design: a co-applicant's email on the caller's own application
            for value in victim.by_kind.get(declared.kind, []):
                tries.append((at, with_value(input_type, base, path, value, own)))
        if root_access(the_schema())["Mutation"][name].scope == STAFF_ONLY:
            tries.append(("(staff only)", base))
        if not tries:
            tally.not_tried.append(name)
        payload = f"{name}(input: $input) {{ __typename }}"
        query = f"mutation($input: {f.args['input'].type}) {{ {payload} }}"
        for at, given in tries:
            tally.writes += 1
            result = await gql.execute(query, {"input": given}, caller=caller)
            refused = result.data is None and set(codes(result)) <= {"NOT_FOUND", "FORBIDDEN"}
            if not refused or not result.errors:
                tally.leaks.append(f"{name}.{at}: {codes(result)} {result.data}")


@pytest.fixture
def report(capsys: pytest.CaptureFixture[str]) -> Iterator[dict[str, Any]]:
    figures: dict[str, Any] = {}
    yield figures
    with capsys.disabled():
        sys.stdout.write(f"\nisolation matrix (borrower B -> borrower A): {json.dumps(figures)}\n")


async def test_borrower_b_reaches_nothing_of_borrower_a_by_any_read_or_write_path(
    gql: Gql, report: dict[str, Any]
) -> None:
    a, b = await discover(gql)
    victim, own = await records_of(gql, a), await records_of(gql, b)
    assert {"Account", "Application", "Loan", "Order", "Borrower", "KycCheck", "Lead"} <= set(
        victim.by_kind
    ), victim.by_kind.keys()
    gql.sandbox.clear_stats()
    tally = Tally()
    await read_attempts(gql, victim, b, tally)
    await write_attempts(gql, victim, b, own, tally)
    upstream_writes = sum(
        count
        for routes in gql.sandbox.stats().values()
        for route, count in routes.items()
        if route.split(" ")[0] in WRITES
    )
    report.update(
        attempts=tally.reads + tally.writes,
        reads=tally.reads,
        writes=tally.writes,
        leaks=len(tally.leaks),
        upstream_writes=upstream_writes,
        victim_records=sum(len(v) for v in victim.by_kind.values()),
        mutations_without_a_reference=tally.not_tried,
    )
    assert tally.reads > 20 and tally.writes > 40  # the matrix really ran
    assert tally.leaks == []
    assert upstream_writes == 0
