"""The canonical operations: their GraphQL (bench/operations/*.graphql), the least
upstream calls the provider APIs allow for them (the floor), and their critical path.

Floors follow the rules written in tests/schema (test_*floor*.py, test_loans.py): on a
warm gateway (tokens, reference data, people indexes and quotes within their TTLs):

- Finmo: GET /applications is whole (applicants and broker references inside): 1 call.
- Molo: the list has summaries only; every application's borrowers need its detail and
  one read per distinct applicant (no batch read).
- FinanceIt: GET /loans answers a page with promo program and partner ids; programs and
  partners are cached reference data: 1 call.
- Finos: GET /orders is one page; each order's account is one read per distinct account;
  quotes are per symbol but cached for 5 s (the floor counts the warm case).
- Borrower 360: the root is one read; profiles come from the warm email indexes; each
  profile level asks each provider once: Finos accounts once per user, Finmo's whole list
  once, Molo's list once; FinanceIt loans ride on its people index (no call).

The critical path is the longest chain of upstream calls that must wait for one another.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .analysis import Stats

OPERATIONS_DIR = Path(__file__).parent / "operations"
Floor = Callable[[Mapping[str, Any]], dict[str, dict[str, int]]]

FINMO_APPLICATIONS = "GET /api/v1/applications"
MOLO_APPLICATIONS = "GET /api/v1/applications/"
MOLO_APPLICATION = "GET /api/v1/applications/{pk}/"
MOLO_APPLICANT = "GET /api/v1/applicants/{pk}/"
FINANCEIT_LOANS = "GET /en/api/v3/loans"
FINANCEIT_CALCULATOR = "GET /en/api/v3/calculator"
FINOS_ORDERS = "GET /v1/orders"
FINOS_ACCOUNT = "GET /v1/accounts/{account_id}"
FINOS_ACCOUNTS = "GET /v1/accounts"
FINOS_USER = "GET /v1/users/{user_id}"
FINOS_USER_ACCOUNTS = "GET /v1/users/{user_id}/accounts"


def _nodes(connection: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    if not connection:
        return []
    return [edge["node"] for edge in connection["edges"]]


def dashboard_floor(data: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    applications = _nodes(data["applications"])
    molo = [a for a in applications if a["provider"] == "MOLO"]
    applicants = {b["providerId"] for a in molo for b in a["borrowers"] or []}
    orders = _nodes(data["orders"])
    accounts = {o["account"]["providerId"] for o in orders if o["account"]}
    floor: dict[str, dict[str, int]] = defaultdict(dict)
    floor["finmo"][FINMO_APPLICATIONS] = 1
    floor["molo"][MOLO_APPLICATIONS] = 1
    if molo:
        floor["molo"][MOLO_APPLICATION] = len(molo)
        floor["molo"][MOLO_APPLICANT] = len(applicants)
    floor["financeit"][FINANCEIT_LOANS] = 1
    floor["finos"][FINOS_ORDERS] = 1
    if accounts:
        floor["finos"][FINOS_ACCOUNT] = len(accounts)
    return dict(floor)


def customer_360_floor(data: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    root = data["borrower"]
    providers = {p["provider"] for p in root["profiles"]}
    floor: dict[str, dict[str, int]] = defaultdict(dict)
    floor["finos"][FINOS_USER] = 1  # the root: a Finos user (see pick_customer)
    if "FINOS" in providers:
        floor["finos"][FINOS_USER_ACCOUNTS] = 1
    if "FINMO" in providers:
        floor["finmo"][FINMO_APPLICATIONS] = 1
    if "MOLO" in providers:
        floor["molo"][MOLO_APPLICATIONS] = 1
    return dict(floor)


def _one(provider: str, route: str) -> Floor:
    def floor(_: Mapping[str, Any]) -> dict[str, dict[str, int]]:
        return {provider: {route: 1}}

    return floor


@dataclass(frozen=True)
class Operation:
    name: str
    title: str
    floor: Floor
    critical_path: int  # dependent upstream round trips on a warm gateway
    path_note: str
    mutation: bool = False
    list_page: bool = False
    variables: dict[str, Any] = field(default_factory=dict)

    @property
    def query(self) -> str:
        return (OPERATIONS_DIR / f"{self.name}.graphql").read_text()


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "dashboard",
        "broker dashboard",
        dashboard_floor,
        3,
        "Molo list -> details -> applicants (Finos orders -> accounts, 2, runs beside it)",
    ),
    Operation(
        "customer_360",
        "customer 360",
        customer_360_floor,
        2,
        "Finos user -> each profile's list (profiles come from the warm indexes)",
    ),
    Operation(
        "finmo_applications",
        "Finmo applications (20)",
        _one("finmo", FINMO_APPLICATIONS),
        1,
        "one list call",
        list_page=True,
    ),
    Operation(
        "molo_applications",
        "Molo applications (20)",
        _one("molo", MOLO_APPLICATIONS),
        1,
        "one list call",
        list_page=True,
    ),
    Operation(
        "financeit_loans",
        "FinanceIt loans (20)",
        _one("financeit", FINANCEIT_LOANS),
        1,
        "one list call",
        list_page=True,
    ),
    Operation(
        "finos_accounts",
        "Finos accounts (20)",
        _one("finos", FINOS_ACCOUNTS),
        1,
        "one list call",
        list_page=True,
    ),
    Operation(
        "loan_quote",
        "loan quote",
        _one("financeit", FINANCEIT_CALCULATOR),
        1,
        "one calculator call",
    ),
    Operation(
        "place_order",
        "place order",
        _one("finos", "POST /v1/orders"),
        1,
        "one order write (never retried)",
        mutation=True,
    ),
)


def by_name(name: str) -> Operation:
    return next(op for op in OPERATIONS if op.name == name)


def counts_only(stats: Stats, skip: tuple[str, ...] = ("POST /oauth/token/",)) -> Stats:
    """Stats without token calls (a warm gateway holds its tokens; they are not per request)."""
    return {
        provider: {r: n for r, n in routes.items() if r not in skip and "oauth_token" not in r}
        for provider, routes in stats.items()
    }
