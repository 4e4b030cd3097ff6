"""The FinanceIt sandbox's state: seeded records indexed by id, and what was written."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ..people import Person
from .catalog import COMMISSION_RATE, STATE_FILTERS, SUBVERTICALS
from .quotes import money
from .seed import make_loans, make_partners, make_programs


@dataclass
class Store:
    seed: int
    broker_id: int = 0
    user_id: int = 0  # the broker login's user
    merchant_user_id: int = 0  # the merchant login's user
    users: dict[int, int] = field(default_factory=dict)  # user id -> partner id
    partners: dict[int, dict[str, Any]] = field(default_factory=dict)  # visible to the login
    outsider: dict[str, Any] = field(default_factory=dict)
    programs: dict[int, dict[str, Any]] = field(default_factory=dict)
    loans: dict[int, dict[str, Any]] = field(default_factory=dict)
    newest_first: list[dict[str, Any]] = field(default_factory=list)
    loans_by_partner: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    loan_by_lead: dict[tuple[int, int], int] = field(default_factory=dict)
    invites: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def seeded(cls, seed: int, scale: int, people: list[Person]) -> Store:
        rng = random.Random(f"financeit:{seed}")
        store = cls(seed=seed)
        store.user_id = rng.randrange(10_000, 100_000)
        store.broker_id, partners, store.outsider = make_partners(rng)
        store.partners = {int(p["id"]): p for p in partners}
        programs = make_programs(rng)
        store.programs = {p["id"]: p for p in programs}
        locations = [p for p in partners if int(p["id"]) != store.broker_id]
        loans = make_loans(rng, people, locations, programs, scale)
        store.loans = {loan["id"]: loan for loan in loans}
        store.newest_first = sorted(
            loans, key=lambda ln: (ln["created_at"], ln["id"]), reverse=True
        )
        for loan in store.newest_first:
            store.loans_by_partner.setdefault(loan["partner_id"], []).append(loan)
            store.loan_by_lead[(loan["partner_id"], loan["lead_id"])] = loan["id"]
        store.merchant_user_id = store.user_id + rng.randrange(1, 1000)
        store.users = {
            store.user_id: store.broker_id,
            store.merchant_user_id: int(locations[0]["id"]),
        }
        return store

    # -- partners ---------------------------------------------------------

    @property
    def location_ids(self) -> list[int]:
        return [pid for pid in self.partners if pid != self.broker_id]

    def partner_ids_under(self, partner_id: int) -> list[int]:
        """The partner itself, or for the broker every location under it."""
        return self.location_ids if partner_id == self.broker_id else [partner_id]

    # -- loans ------------------------------------------------------------

    def find_loans(
        self, *, start: date, end: date | None, state: str, partner_ids: list[int]
    ) -> list[dict[str, Any]]:
        """Loans of these partners in the date range and state filter, newest first."""
        states = STATE_FILTERS[state]
        first, last = start.isoformat(), (end.isoformat() if end else None)
        if len(partner_ids) == 1:
            candidates = self.loans_by_partner.get(partner_ids[0], [])
        else:
            candidates = self.newest_first
        wanted = set(partner_ids)
        found = []
        for loan in candidates:
            day = loan["created_at"][:10]
            if day < first or (last is not None and day > last):
                continue
            if loan["state"] in states and loan["partner_id"] in wanted:
                found.append(loan)
        return found

    def commission_totals(
        self, partner_id: int, start: date | None, end: date | None
    ) -> dict[str, str]:
        """Earned: on funded loans created in the range; outstanding: on loans awaiting funding."""
        rate = Decimal(COMMISSION_RATE)
        earned = outstanding = Decimal(0)
        for pid in self.partner_ids_under(partner_id):
            for loan in self.loans_by_partner.get(pid, []):
                commission = Decimal(loan["principal_amount"]) * rate
                if loan["state"] == "ready_for_funding":
                    outstanding += commission
                elif loan["funded"]:
                    day = loan["created_at"][:10]
                    if start is not None and day < start.isoformat():
                        continue
                    if end is not None and day > end.isoformat():
                        continue
                    earned += commission
        return {"earned": money(earned), "outstanding": money(outstanding)}

    # -- reference data ---------------------------------------------------

    def programs_for(self, verticals: list[str]) -> list[dict[str, Any]]:
        return [p for p in self.programs.values() if p["vertical_name"] in verticals]

    @staticmethod
    def subverticals_for(vertical: str) -> list[dict[str, Any]]:
        return [
            {"name": name, "vertical_name": vertical, "product_types": list(types)}
            for name, types in SUBVERTICALS[vertical]
        ]

    # -- writes -----------------------------------------------------------

    def short_link(self, kind: str) -> str:
        """A deterministic short link, like the reference's https://www.financeit.ca/s/hGrkMg."""
        raw = f"financeit:{self.seed}:{kind}:{len(self.links) + len(self.invites)}"
        code = hashlib.sha256(raw.encode()).hexdigest()[:8]
        return f"https://training.financeit.ca/s/{code}"
