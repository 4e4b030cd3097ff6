"""Seed data for managed accounts and statements: the reference's default asset
classes, three default portfolios, and monthly statements of every account."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from ..people import EPOCH
from .store import Collection, Record, State
from .values import Ids

DEFAULT_ASSET_CLASSES = (
    ("us-stocks", "U.S. Stocks", "VTI", ["SCHB", "ITOT"]),
    ("foreign-stocks", "Foreign Stocks", "SCHF", ["VEA", "IXUS"]),
    ("emerging-market", "Emerging Markets", "VWO", ["IEMG", "SCHE"]),
    ("dividend-stocks", "Dividend Stocks", "VIG", ["SCHD", "DVY"]),
    ("natural-resources", "Natural Resources", "VDE", ["XLE"]),
    ("real-estate", "Real Estate", "VNQ", ["IYR", "SCHH"]),
    ("municipal-bonds", "Municipal Bonds", "VTEB", ["TFI", "MUB"]),
    ("emerging-market-bonds", "Emerging Market Bonds", "EMB", ["PCY", "EMLC"]),
    ("corporate-bonds", "Corporate Bonds", "LQD", ["VCIT", "SPIB"]),
)
DEFAULT_PORTFOLIOS = (
    ("conservative", {"us-stocks": "20.0", "municipal-bonds": "40.0", "corporate-bonds": "40.0"}),
    ("moderate", {"us-stocks": "40.0", "foreign-stocks": "20.0", "corporate-bonds": "40.0"}),
    ("aggressive", {"us-stocks": "50.0", "foreign-stocks": "25.0", "emerging-market": "25.0"}),
)


def _add_sorted(target: Collection, records: list[Record]) -> None:
    for record in sorted(records, key=lambda r: (int(r["created_at"]), r["account_id"])):
        target.add(record)


def _date_ms(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


def _month_ends(after_ms: int) -> list[date]:
    last = EPOCH.date().replace(day=1) - timedelta(days=1)
    ends: list[date] = []
    while len(ends) < 12:
        if _date_ms(last.replace(day=1)) < after_ms:
            break
        ends.append(last)
        last = last.replace(day=1) - timedelta(days=1)
    return ends[::-1]


def seed_statements(state: State, ids: Ids, rng: random.Random) -> None:
    records: list[Record] = []
    for account in state.accounts.by_id.values():
        for end in _month_ends(int(account["created_at"])):
            ident = ids.uuid()
            records.append(
                {
                    "id": ident,
                    "url": f"https://statements.sandbox.joinfinos.com/{ident}.pdf"
                    f"?signature={rng.getrandbits(64):016x}",
                    "account_id": account["id"],
                    "period_start": end.replace(day=1).isoformat(),
                    "period_end": end.isoformat(),
                    "created_at": _date_ms(end + timedelta(days=3)),
                }
            )
    _add_sorted(state.statements, records)
    for ident in state.statements.order:
        record = state.statements.by_id[ident]
        state.statements_of_account[record["account_id"]].append(ident)


def seed_managed(state: State, ids: Ids) -> None:
    for ident, name, primary, secondary in DEFAULT_ASSET_CLASSES:
        state.asset_classes.add(
            {"id": ident, "name": name, "primary": primary, "secondary": list(secondary)}
        )
    for name, weights in DEFAULT_PORTFOLIOS:
        state.portfolios.add(
            {
                "id": ids.uuid(),
                "name": name,
                "allocations": [{"asset_class_id": k, "weight": v} for k, v in weights.items()],
            }
        )
