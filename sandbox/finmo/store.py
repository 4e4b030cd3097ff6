"""Finmo's state: teams, brokers, borrowers, applications and their details.

Records are kept as the JSON objects the API answers with (camelCase, Finmo's
field names), indexed by id in dicts; lists per team and per application keep
their order so no request scans or sorts the whole data set.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ..people import EPOCH

Record = dict[str, Any]

BROKERAGE_TOKEN = "sandbox-finmo-brokerage"
TEAM_TOKEN_PREFIX = "sandbox-finmo-team-"
CURRENCY = "CAD"
DETAIL_KINDS = ("assets", "incomes", "liabilities", "properties")


def iso(moment: datetime) -> str:
    """Finmo's timestamps: UTC, milliseconds, a trailing Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def applicant_of(borrower: Record, primary: bool) -> Record:
    return {
        "userId": borrower["userId"],
        "firstName": borrower["firstName"],
        "lastName": borrower["lastName"],
        "email": borrower["email"],
        "phoneNumber": borrower["phone"],
        "isPrimary": primary,
    }


def broker_ref(broker: Record) -> Record:
    keys = ("id", "firstName", "lastName", "email")
    return {key: broker[key] for key in keys}


@dataclass(frozen=True)
class Viewer:
    """Who a token speaks for: the brokerage (every team) or one team."""

    team_id: str | None  # None: brokerage level

    def sees(self, team_id: str) -> bool:
        return self.team_id is None or self.team_id == team_id


@dataclass
class FinmoStore:
    rng: random.Random
    clock_start: float
    tokens: dict[str, Viewer] = field(default_factory=dict)
    teams: dict[str, Record] = field(default_factory=dict)  # seed order
    brokers: dict[str, Record] = field(default_factory=dict)
    brokers_by_team: dict[str, list[str]] = field(default_factory=dict)
    borrowers: dict[str, Record] = field(default_factory=dict)
    borrowers_by_team: dict[str, list[str]] = field(default_factory=dict)
    borrower_by_email: dict[tuple[str, str], str] = field(default_factory=dict)
    applications: dict[str, Record] = field(default_factory=dict)
    oldest_first: list[str] = field(default_factory=list)
    by_team_oldest_first: dict[str, list[str]] = field(default_factory=dict)
    details: dict[str, dict[str, list[Record]]] = field(default_factory=dict)
    mortgages: dict[str, Record] = field(default_factory=dict)
    _last_moment: datetime = EPOCH

    # ids and time -----------------------------------------------------------

    def new_id(self) -> str:
        """A UUID drawn from the seeded generator, so ids repeat with the seed."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def now(self, clock_now: float) -> str:
        """Sandbox time for records made by requests: EPOCH plus the sandbox clock's
        elapsed seconds since the reset, strictly later than anything issued before."""
        moment = EPOCH + timedelta(seconds=max(0.0, clock_now - self.clock_start))
        if moment <= self._last_moment:
            moment = self._last_moment + timedelta(milliseconds=1)
        self._last_moment = moment
        return iso(moment)

    # teams, brokers, borrowers -----------------------------------------------

    def add_team(self, team: Record) -> None:
        self.teams[team["id"]] = team
        self.brokers_by_team[team["id"]] = []
        self.borrowers_by_team[team["id"]] = []
        self.by_team_oldest_first[team["id"]] = []
        self.tokens[f"{TEAM_TOKEN_PREFIX}{len(self.teams)}"] = Viewer(team["id"])

    def add_broker(self, broker: Record) -> None:
        self.brokers[broker["id"]] = broker
        self.brokers_by_team[broker["teamId"]].append(broker["id"])

    def add_borrower(self, borrower: Record) -> None:
        self.borrowers[borrower["userId"]] = borrower
        self.borrowers_by_team[borrower["teamId"]].append(borrower["userId"])
        key = (borrower["teamId"], borrower["email"].strip().lower())
        self.borrower_by_email[key] = borrower["userId"]

    def borrower_in_team(self, team_id: str, email: str) -> Record | None:
        user_id = self.borrower_by_email.get((team_id, email.strip().lower()))
        return None if user_id is None else self.borrowers[user_id]

    # applications ------------------------------------------------------------

    def add_application(self, application: Record) -> None:
        app_id = application["id"]
        self.applications[app_id] = application
        self.oldest_first.append(app_id)
        self.by_team_oldest_first[application["teamId"]].append(app_id)
        self.details[app_id] = {kind: [] for kind in DETAIL_KINDS}

    def newest_first(self, team_id: str | None) -> list[Record]:
        ids = self.oldest_first if team_id is None else self.by_team_oldest_first[team_id]
        return [self.applications[app_id] for app_id in reversed(ids)]

    def add_detail(self, kind: str, app_id: str, fields: Record, created_at: str) -> Record:
        """Store one asset, income, liability or property of an application."""
        record = {"id": self.new_id(), "applicationId": app_id, **fields}
        record |= {"currency": CURRENCY, "createdAt": created_at}
        self.details[app_id][kind].append(record)
        return record

    def mortgage_of(self, app_id: str) -> Record:
        """An application always has mortgage information; unset fields are null."""
        found = self.mortgages.get(app_id)
        if found is not None:
            return found
        return {
            "applicationId": app_id,
            "purchasePrice": None,
            "downPayment": None,
            "loanAmount": None,
            "amortizationYears": None,
            "termMonths": None,
            "rateType": None,
            "interestRate": None,
            "closingDate": None,
            "currency": CURRENCY,
            "updatedAt": None,
        }

    def detail_view(self, app_id: str) -> Record:
        """One application with its assets, incomes, liabilities, properties and mortgage."""
        view = dict(self.applications[app_id])
        for kind, records in self.details[app_id].items():
            view[kind] = list(records)
        view["mortgageInformation"] = self.mortgage_of(app_id)
        return view
