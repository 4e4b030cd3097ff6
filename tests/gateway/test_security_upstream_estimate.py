"""The static estimate bounds the provider calls an operation makes: every root field of
the schema, nested shapes and `nodes` with 100 ids run through the real app against the
sandboxes, whose request counts must never exceed the estimate made before it ran.

The people indexes (shared cache fills, made once per TTL for every caller together:
schema.upstream) are built before the count; every other reference cache is emptied
before each operation, so its calls are counted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from graphql import parse

from gateway.security.cost import estimate
from schema import build_schema
from schema.ids import to_global_id
from schema.loans.enums import LoanVertical
from schema.upstream import CATALOG_CALLS
from tests.gateway.test_security_support import PROVIDERS, Gateway, running_gateway, sha256_hex
from tests.support import SandboxControl

UNLIMITED = {
    "max_cost": 10**9,
    "max_upstream_calls": 10**9,
    "cost_budget": 0,
    "max_depth": 30,
    "max_aliases": 100,
    "max_root_fields": 50,
}
PAGE = "first: 4"
ACCOUNT_FIELDS = (
    "id owner { id } settings { __typename portfolio { __typename } }"
    " positions { edges { node { __typename quote { symbol } account { id } } } }"
    " transactions { edges { node { __typename account { id } deposit { id }"
    " withdrawal { id } order { id } } } }"
    " orders { edges { node { id quote { symbol } } } }"
    " bankAccounts { edges { node { __typename owner { id } } } }"
    " deposits { edges { node { __typename account { id } bankAccount { __typename } } } }"
    " withdrawals { edges { node { __typename account { id } bankAccount { __typename } } } }"
    " statements { edges { node { __typename } } }"
)
APPLICATION_FIELDS = (
    "id borrowers { id } applicants { borrower { id } } team { id brokers { id } }"
    " brokers { id team { id } } assets { __typename } incomes { __typename }"
    " liabilities { __typename } properties { __typename } mortgageInformation { __typename }"
    " decisionInPrinciple { __typename }"
)
LOAN_FIELDS = "id borrower { id } promoProgram { id } partner { id }"
BORROWER_FIELDS = (
    "id profiles { id } applications { edges { node { id } } }"
    " loans { edges { node { id } } } accounts { edges { node { id } } }"
)
PARTNER_FIELDS = (
    "id subverticals { __typename } promoPrograms { id } commissionTotals { __typename }"
)
ORDER_FIELDS = "id account { id } quote { symbol stats { __typename } chart { __typename } }"

# name -> (document, variables); "{x}" placeholders are ids read from the sandbox
OPERATIONS: dict[str, str] = {
    "borrowers": f"{{ borrowers({PAGE}) {{ edges {{ node {{ {BORROWER_FIELDS} }} }} }} }}",
    "borrowers of one provider": (
        "{ borrowers(first: 3, providers: [MOLO]) { edges { node { id profiles { id } } } } }"
    ),
    "borrower": f'{{ borrower(id: "{{borrower}}") {{ {BORROWER_FIELDS} }} }}',
    "applications": (
        f"{{ applications({PAGE}) {{ edges {{ node {{ {APPLICATION_FIELDS} }} }} }} }}"
    ),
    "applications of Molo": (
        f"{{ applications({PAGE}, provider: MOLO) {{ edges {{ node {{ {APPLICATION_FIELDS} }}"
        " } } }"
    ),
    "application": f'{{ application(id: "{{application}}") {{ {APPLICATION_FIELDS} }} }}',
    "teams": "{ teams { edges { node { id brokers { id team { id } } } } } }",
    "brokers": "{ brokers { edges { node { id team { id brokers { id } } } } } }",
    "maxLoanQuote": (
        "{ maxLoanQuote(input: {mortgageType: PURCHASE, borrowerType: INDIVIDUAL,"
        ' propertyValue: "250000", estimatedRentPerMonth: "1200"}) { __typename } }'
    ),
    "loans": f"{{ loans({PAGE}) {{ edges {{ node {{ {LOAN_FIELDS} }} }} }} }}",
    "loan": f'{{ loan(id: "{{loan}}") {{ {LOAN_FIELDS} }} }}',
    "loanByLeadId": "{ loanByLeadId(leadId: {lead}) { id partner { id } } }",
    "loanQuote": (
        '{ loanQuote(input: {requestedAmount: "5000", verticalName: RETAIL}) { __typename } }'
    ),
    "promoPrograms": "{ promoPrograms { edges { node { id } } } }",
    "partners": f"{{ partners {{ edges {{ node {{ {PARTNER_FIELDS} }} }} }} }}",
    "subverticals": "{ subverticals { edges { node { __typename } } } }",
    "accounts": f"{{ accounts({PAGE}) {{ edges {{ node {{ {ACCOUNT_FIELDS} }} }} }} }}",
    "account": f'{{ account(id: "{{account}}") {{ {ACCOUNT_FIELDS} }} }}',
    "orders": f"{{ orders({PAGE}) {{ edges {{ node {{ {ORDER_FIELDS} }} }} }} }}",
    "orders filled": (
        f"{{ orders({PAGE}, status: FILLED) {{ edges {{ node {{ {ORDER_FIELDS} }} }} }} }}"
    ),
    "order": f'{{ order(id: "{{order}}") {{ {ORDER_FIELDS} }} }}',
    "rollover": '{ rollover(id: "{rollover}") { id iraAccount { id } } }',
    "stockQuote": '{ stockQuote(symbol: "AAPL") { symbol stats { __typename } } }',
    "stockQuotes": '{ stockQuotes(symbols: ["AAPL", "MSFT", "TSLA"]) { symbol } }',
    "node": f'{{ node(id: "{{account}}") {{ ... on Account {{ {ACCOUNT_FIELDS} }} }} }}',
    "nodes with 100 ids": "NODES",
}
NODES = (
    "query($ids: [ID!]!) { nodes(ids: $ids) { id"
    " ... on Account { owner { id } } ... on Order { account { id } } } }"
)


def upstream(sandbox: SandboxControl) -> int:
    return sum(sandbox.calls(p) for p in PROVIDERS)


@pytest.fixture(scope="module")
def gateway(
    tmp_path_factory: pytest.TempPathFactory, _sandbox_server: SandboxControl
) -> Iterator[Gateway]:
    with running_gateway(
        tmp_path_factory.mktemp("upstream"),
        _sandbox_server,
        allow_insecure=True,
        limits=UNLIMITED,
    ) as gw:
        yield gw


def data(gateway: Gateway, query: str, **variables: Any) -> dict[str, Any]:
    body = gateway.gql(query, variables=variables).json()
    assert body.get("data"), body
    return dict(body["data"])


@pytest.fixture(scope="module")
def ids(gateway: Gateway) -> dict[str, Any]:
    """Ids of real records, and 100 ids of several types (with repeats) for `nodes`."""
    lists = data(
        gateway,
        "{ b: borrowers(first: 30) { edges { node { id provider } } }"
        " a: applications(first: 10) { edges { node { id } } }"
        " l: loans(first: 10) { edges { node { id leadId } } }"
        " c: accounts(first: 40) { edges { node { id } } }"
        " o: orders(first: 40) { edges { node { id } } } }",
    )
    nodes = {k: [e["node"] for e in v["edges"]] for k, v in lists.items()}
    many = [n["id"] for n in (*nodes["c"], *nodes["o"], *nodes["b"], *nodes["a"], *nodes["l"])]
    mixed = (many * 3)[:100]
    molo = [b["id"] for b in nodes["b"] if b["provider"] == "MOLO"]
    return {
        "borrower": molo[0] if molo else nodes["b"][0]["id"],
        "application": nodes["a"][0]["id"],
        "loan": nodes["l"][0]["id"],
        "lead": next(n["leadId"] for n in nodes["l"] if n["leadId"] is not None),
        "account": nodes["c"][0]["id"],
        "order": nodes["o"][0]["id"],
        "rollover": to_global_id("Rollover", "finos", "no-such-rollover"),
        "nodes": mixed,
    }


def document_of(name: str, ids: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if name == "nodes with 100 ids":
        return NODES, {"ids": ids["nodes"]}
    query = OPERATIONS[name]
    for key, value in ids.items():
        query = query.replace("{" + key + "}", str(value))
    return query, {}


def observe(
    gateway: Gateway, sandbox: SandboxControl, query: str, variables: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    """The calls one operation made with every reference cache but the people indexes cold."""
    cache = gateway.app.state.ref_cache
    data(gateway, "{ borrowers(first: 1) { edges { node { profiles { id } } } } }")
    for kind in list(cache._caches):
        if kind != "people_index":
            cache.invalidate(kind)
    sandbox.clear_stats()
    body = gateway.gql(query, variables=variables).json()
    return upstream(sandbox), body


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_the_estimate_bounds_the_provider_calls_an_operation_makes(
    name: str, gateway: Gateway, _sandbox_server: SandboxControl, ids: dict[str, Any]
) -> None:
    # not the resetting `sandbox` fixture: a reseed would also revoke the gateway's tokens
    sandbox = _sandbox_server
    query, variables = document_of(name, ids)
    estimated = estimate(
        build_schema()._schema, parse(query), variables=variables, default_list_size=20
    ).upstream_calls
    observed, body = observe(gateway, sandbox, query, variables)
    print(f"{name}: estimated {estimated}, observed {observed}")  # noqa: T201
    assert body.get("data") is not None, body
    assert observed <= estimated, (name, observed, estimated, sandbox.stats())


def test_the_catalogue_figure_counts_one_read_per_loan_vertical() -> None:
    assert CATALOG_CALLS == 1 + len(LoanVertical)


def test_every_root_query_field_is_among_the_operations_checked() -> None:
    roots = set(build_schema()._schema.query_type.fields)  # type: ignore[union-attr]
    checked = {name.split(" ")[0] for name in OPERATIONS}
    assert roots <= checked, sorted(roots - checked)


KEY_A = {"X-API-Key": "fgk_quota_caller_a"}
KEY_B = {"X-API-Key": "fgk_quota_caller_b"}
ONE_FINOS_CALL = "{ accounts(first: 1) { edges { node { id } } } }"


def test_an_operation_that_could_make_too_many_provider_calls_is_refused_before_any(
    tmp_path: Path, _sandbox_server: SandboxControl
) -> None:
    sandbox = _sandbox_server
    with running_gateway(
        tmp_path, sandbox, allow_insecure=True, limits={"max_upstream_calls": 150}
    ) as gw:
        sandbox.clear_stats()
        body = gw.gql(NODES, variables={"ids": [ids_of_accounts(n) for n in range(100)]}).json()
        refused = body["errors"][0]["extensions"]
        assert refused["code"] == "OPERATION_TOO_EXPENSIVE"
        assert refused["upstreamCalls"] == 300 and refused["maxUpstreamCalls"] == 150
        assert upstream(sandbox) == 0


def ids_of_accounts(n: int) -> str:
    return to_global_id("Account", "finos", f"acct-{n}")


def test_a_caller_over_its_share_of_a_provider_quota_is_refused_while_others_are_served(
    tmp_path: Path, _sandbox_server: SandboxControl
) -> None:
    sandbox = _sandbox_server
    keys = [
        {"id": name, "sha256": sha256_hex(key["X-API-Key"]), "scopes": ["*"]}
        for name, key in (("a", KEY_A), ("b", KEY_B))
    ]
    with running_gateway(
        tmp_path,
        sandbox,
        mode="api-key",
        api_keys=keys,
        resilience={"rate_limits": {"finos": 10}, "caller_share": 0.5},
    ) as gw:
        sandbox.clear_stats()
        for _ in range(5):  # 10 an hour, half for each caller: 5 calls
            assert "errors" not in gw.gql(ONE_FINOS_CALL, headers=KEY_A).json()
        assert sandbox.calls("finos") == 5
        over = gw.gql(ONE_FINOS_CALL, headers=KEY_A).json()
        assert sandbox.calls("finos") == 5  # refused before the wire
        error = over["errors"][0]["extensions"]
        assert error["code"] == "QUOTA_EXCEEDED"
        assert error["provider"] == "finos" and error["retryAfter"] > 0
        served = gw.gql(ONE_FINOS_CALL, headers=KEY_B).json()
        assert "errors" not in served and served["data"]["accounts"]["edges"]
        assert sandbox.calls("finos") == 6
