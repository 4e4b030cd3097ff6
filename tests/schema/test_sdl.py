"""schema.graphql at the repository root is the schema clients code against."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from schema import build_schema

ROOT = Path(__file__).resolve().parents[2]


def test_schema_graphql_is_what_fingate_schema_prints() -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "gateway.cli", "schema"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed == build_schema().as_str() + "\n"
    on_disk = (ROOT / "schema.graphql").read_text()
    assert on_disk == printed, "schema.graphql is stale: run `fingate schema > schema.graphql`"


CONTRACT_TYPES = [
    "interface Node",
    "interface Quote implements Node",
    "type Borrower implements Node",
    "type Application implements Node",
    "type Loan implements Node",
    "type Account implements Node",
    "type Order implements Node",
    "type LoanQuote implements Quote & Node",
    "type MaxLoanQuote implements Quote & Node",
    "type StockQuote implements Quote & Node",
    "type Money",
    "type PageInfo",
]
CONTRACT_QUERIES = [
    "borrowers",
    "borrower",
    "applications",
    "application",
    "loans",
    "loan",
    "accounts",
    "account",
    "orders",
    "order",
    "loanQuote",
    "maxLoanQuote",
    "stockQuote",
    "stockQuotes",
    "promoPrograms",
    "teams",
    "brokers",
    "partners",
    "node",
    "nodes",
]


def test_the_contract_names_are_in_the_schema() -> None:
    schema = build_schema()
    sdl = schema.as_str()
    for name in CONTRACT_TYPES:
        assert name in sdl, name
    query = schema.get_type_by_name("Query")
    assert query is not None
    fields = {f.graphql_name or f.python_name for f in query.fields}  # type: ignore[union-attr]
    names = {schema.config.name_converter.get_graphql_name(f) for f in query.fields}  # type: ignore[union-attr]
    assert set(CONTRACT_QUERIES) <= names | fields


def test_every_node_type_has_provider_and_provider_id() -> None:
    schema = build_schema()
    for name in ("Borrower", "Application", "Loan", "Account", "Order", "StockQuote"):
        graphql_type = schema._schema.get_type(name)
        assert graphql_type is not None
        fields = graphql_type.fields  # type: ignore[union-attr]
        assert str(fields["provider"].type) == "Provider!", name
        assert str(fields["providerId"].type) == "ID!", name
