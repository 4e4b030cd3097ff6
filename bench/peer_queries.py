"""The peer comparison's query pairs: one logical read asked of fingate and of Hive Gateway.

Each pair asks both gateways for the same records and the same fields, in each schema's
own words (fingate's schema; the one mesh generates from bench/peer/openapi). `ids`
reads from an answer the provider ids it carries, in order (for the N+1 shape, each
order's id with its account's id), so that the two answers can be checked to be the
same data before anything is measured.

Free of I/O: tests/bench checks the pairs against fingate's schema and the OpenAPI
documents without starting anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Answer = Mapping[str, Any]


@dataclass(frozen=True)
class Pair:
    name: str
    title: str
    fingate: str
    peer: str
    fingate_ids: Callable[[Answer], list[str]]
    peer_ids: Callable[[Answer], list[str]]
    # fingate variables the runner fills in from a probe (Finmo's page cursors)
    fingate_variables: dict[str, Any] = field(default_factory=dict)
    # wrk -c values besides the run's own (--connections), measured before it
    also_connections: tuple[int, ...] = ()


def _edges(answer: Answer, *roots: str) -> list[Mapping[str, Any]]:
    nodes: list[Mapping[str, Any]] = []
    for root in roots:
        nodes += [edge["node"] for edge in answer["data"][root]["edges"]]
    return nodes


ACCOUNTS = Pair(
    name="finos_accounts",
    title="20 Finos accounts, 5 fields",
    fingate="""query PeerFinosAccounts {
  accounts(first: 20) {
    edges { node { providerId accountNumber riskTolerance investmentObjective employerName } }
  }
}""",
    peer="""query PeerFinosAccounts {
  listAccounts(limit: 20) {
    data { id account_number risk_tolerance investment_objective employer_name }
  }
}""",
    fingate_ids=lambda a: [n["providerId"] for n in _edges(a, "accounts")],
    peer_ids=lambda a: [r["id"] for r in a["data"]["listAccounts"]["data"]],
)

# Finmo answers every application in one unpaginated array (300 at the default seed):
# the peer returns that array whole. fingate pages at most 100 per field, so it is asked
# for the same 300 as three aliased pages of 100 (cursors from a probe), still one
# upstream call per request.
APPLICATIONS = Pair(
    name="finmo_applications",
    title="Finmo applications, the whole unpaginated list (300), 4 fields",
    fingate="""query PeerFinmoApplications($second: String, $third: String) {
  p1: applications(provider: FINMO, first: 100) {
    edges { node { providerId status purpose createdAt } }
  }
  p2: applications(provider: FINMO, first: 100, after: $second) {
    edges { node { providerId status purpose createdAt } }
  }
  p3: applications(provider: FINMO, first: 100, after: $third) {
    edges { node { providerId status purpose createdAt } }
    pageInfo { hasNextPage }
  }
}""",
    peer="""query PeerFinmoApplications {
  listApplications { id status goal createdAt }
}""",
    fingate_ids=lambda a: [n["providerId"] for n in _edges(a, "p1", "p2", "p3")],
    peer_ids=lambda a: [r["id"] for r in a["data"]["listApplications"]],
    fingate_variables={"second": None, "third": None},
)

# The probe that finds APPLICATIONS' cursors: the end of the first and second pages.
APPLICATION_CURSOR = """query PeerFinmoCursor($after: String) {
  applications(provider: FINMO, first: 100, after: $after) { pageInfo { endCursor } }
}"""


def end_cursor(answer: Answer) -> str:
    cursor: str = answer["data"]["applications"]["pageInfo"]["endCursor"]
    return cursor


ORDERS = Pair(
    name="finos_orders_accounts",
    title="20 Finos orders, each with its account (N+1)",
    fingate="""query PeerFinosOrders {
  orders(first: 20) {
    edges { node { providerId symbol side account { providerId accountNumber } } }
  }
}""",
    # fingate's orders list every status by default; Finos's own default is open only.
    peer="""query PeerFinosOrders {
  listOrders(limit: 20, status: "all") {
    data { id symbol side account { id account_number } }
  }
}""",
    fingate_ids=lambda a: [
        f"{n['providerId']}/{(n['account'] or {}).get('providerId')}" for n in _edges(a, "orders")
    ],
    peer_ids=lambda a: [
        f"{r['id']}/{(r['account'] or {}).get('id')}" for r in a["data"]["listOrders"]["data"]
    ],
    # c=1 too: at c=50 the shape is about 850 upstream calls at once (issue 12, point 6)
    also_connections=(1,),
)

PAIRS: tuple[Pair, ...] = (ACCOUNTS, APPLICATIONS, ORDERS)


def differences(pair: Pair, fingate: Answer, peer: Answer) -> list[str]:
    """Why the two answers are not the same data (empty: they are)."""
    problems = []
    for who, answer in (("fingate", fingate), ("peer", peer)):
        if answer.get("errors"):
            problems.append(f"{who} answered errors: {str(answer['errors'])[:300]}")
    if problems:
        return problems
    ours, theirs = pair.fingate_ids(fingate), pair.peer_ids(peer)
    if not ours:
        problems.append("fingate answered no records")
    if ours != theirs:
        missing = sorted(set(theirs) - set(ours))[:3]
        extra = sorted(set(ours) - set(theirs))[:3]
        problems.append(
            f"different records: fingate {len(ours)}, peer {len(theirs)};"
            f" only the peer's: {missing}; only fingate's: {extra}"
            + ("; same records, other order" if sorted(ours) == sorted(theirs) else "")
        )
    return problems
