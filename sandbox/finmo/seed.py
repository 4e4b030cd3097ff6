"""Deterministic seed data: about five teams, a dozen brokers, the Finmo people as
borrowers and a few hundred applications per unit of scale, amounts in CAD."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ..people import EPOCH, FIRST_NAMES, LAST_NAMES, Person, people_at
from .models import (
    ASSET_TYPES,
    GOALS,
    INCOME_PERIODS,
    INCOME_TYPES,
    LIABILITY_TYPES,
    OCCUPANCIES,
    PROPERTY_TYPES,
    RATE_TYPES,
)
from .store import (
    BROKERAGE_TOKEN,
    CURRENCY,
    FinmoStore,
    Record,
    Viewer,
    applicant_of,
    broker_ref,
    iso,
)

TEAM_NAMES = (
    "Maple Leaf Mortgages",
    "Harbourfront Lending",
    "Prairie Home Loans",
    "Laurentian Mortgage Group",
    "Pacific Coast Mortgages",
    "Northern Lights Lending",
)
TEAMS_PER_SCALE = 5
BROKERS_PER_SCALE = 12
APPLICATIONS_PER_SCALE = 300
STATUSES = ("invited", "in_progress", "submitted", "approved", "funded", "closed", "declined")
CITIES = (
    ("Toronto", "ON", "M5V 2T6"),
    ("Ottawa", "ON", "K1P 5J2"),
    ("Montreal", "QC", "H3B 4W8"),
    ("Vancouver", "BC", "V6B 1A1"),
    ("Calgary", "AB", "T2P 1J9"),
    ("Halifax", "NS", "B3J 3K1"),
    ("Winnipeg", "MB", "R3C 0V8"),
)
STREETS = ("King St W", "Maple Ave", "Rue Sainte-Catherine", "Main St", "Elm Dr", "Bay St")


def _money(rng: random.Random, low: int, high: int) -> float:
    return float(rng.randrange(low, high) * 100)


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    if end <= start:
        return start
    seconds = (end - start).total_seconds()
    return start + timedelta(seconds=int(seconds * rng.random()))


def seed_store(people: list[Person], seed: int, scale: int, clock_start: float) -> FinmoStore:
    rng = random.Random(f"finmo:{seed}")
    store = FinmoStore(rng=rng, clock_start=clock_start)
    store.tokens[BROKERAGE_TOKEN] = Viewer(None)
    scale = max(1, scale)
    team_ids = _seed_teams(store, rng, TEAMS_PER_SCALE * scale)
    _seed_brokers(store, rng, team_ids, BROKERS_PER_SCALE * scale)
    for person in people_at("finmo", people):
        store.add_borrower(
            {
                "userId": store.new_id(),
                "teamId": rng.choice(team_ids),
                "firstName": person.first_name,
                "lastName": person.last_name,
                "email": person.email_at("finmo"),
                "phone": person.phone,
                "createdAt": iso(person.created_at),
            }
        )
    drafts = [
        _draft_application(store, rng, team_ids) for _ in range(APPLICATIONS_PER_SCALE * scale)
    ]
    for application in sorted((d for d in drafts if d), key=lambda a: (a["createdAt"], a["id"])):
        store.add_application(application)
        _seed_details(store, rng, application)
    return store


def _seed_teams(store: FinmoStore, rng: random.Random, count: int) -> list[str]:
    ids = []
    for n in range(count):
        name = TEAM_NAMES[n % len(TEAM_NAMES)]
        if n >= len(TEAM_NAMES):
            name = f"{name} {n // len(TEAM_NAMES) + 1}"
        created = EPOCH - timedelta(days=800 + rng.randrange(400))
        team = {"id": store.new_id(), "name": name, "createdAt": iso(created)}
        store.add_team(team)
        ids.append(team["id"])
    return ids


def _seed_brokers(store: FinmoStore, rng: random.Random, team_ids: list[str], count: int) -> None:
    for n in range(count):
        # Every team gets two brokers first (its admin and one more), the rest at random.
        team_id = team_ids[n % len(team_ids)] if n < 2 * len(team_ids) else rng.choice(team_ids)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        team = store.teams[team_id]
        domain = team["name"].lower().replace(" ", "")
        created = EPOCH - timedelta(days=rng.randrange(30, 700))
        store.add_broker(
            {
                "id": store.new_id(),
                "teamId": team_id,
                "firstName": first,
                "lastName": last,
                "email": f"{first}.{last}.{n}@{domain}.example.ca".lower(),
                "phone": f"{rng.choice((416, 613, 604))}555{rng.randrange(10_000):04d}",
                "role": "admin" if n < len(team_ids) else "broker",
                "createdAt": iso(created),
            }
        )


def _draft_application(store: FinmoStore, rng: random.Random, team_ids: list[str]) -> Record | None:
    team_id = rng.choice(team_ids)
    borrower_ids = store.borrowers_by_team[team_id]
    if not borrower_ids:
        return None
    people = [store.borrowers[rng.choice(borrower_ids)]]
    if rng.random() < 0.2 and len(borrower_ids) > 1:
        other = store.borrowers[rng.choice(borrower_ids)]
        if other is not people[0]:
            people.append(other)
    brokers = rng.sample(store.brokers_by_team[team_id], min(rng.choice((1, 1, 2)), 2))
    start = datetime.fromisoformat(people[0]["createdAt"].replace("Z", "+00:00"))
    created = _between(rng, start, EPOCH)
    updated = _between(rng, created, EPOCH)
    return {
        "id": store.new_id(),
        "teamId": team_id,
        "team": {"id": team_id, "name": store.teams[team_id]["name"]},
        "teamMembers": brokers,
        "brokers": [broker_ref(store.brokers[b]) for b in brokers],
        "applicants": [applicant_of(p, i == 0) for i, p in enumerate(people)],
        "goal": rng.choice(GOALS),
        "status": rng.choice(STATUSES),
        "invitations": [],
        "createdAt": iso(created),
        "updatedAt": iso(updated),
    }


PERIODS_PER_YEAR = {"annually": 1, "monthly": 12, "semi_monthly": 24, "biweekly": 26, "weekly": 52}
LENDERS = ("RBC", "TD", "Scotiabank", "BMO", "CIBC", "Desjardins")


def _detail(store: FinmoStore, kind: str, application: Record, fields: Record) -> None:
    store.add_detail(kind, application["id"], fields, application["createdAt"])


def _seed_details(store: FinmoStore, rng: random.Random, application: Record) -> None:
    for applicant in application["applicants"]:
        who = applicant["userId"]
        for _ in range(rng.randrange(1, 3)):
            kind, period = rng.choice(INCOME_TYPES), rng.choice(INCOME_PERIODS)
            yearly = _money(rng, 300, 1800)
            income: Record = {"applicantId": who, "type": kind}
            income["employerName"] = "Acme Corp" if kind == "employed" else None
            income["amount"] = round(yearly / PERIODS_PER_YEAR[period], 2)
            income["period"] = period
            _detail(store, "incomes", application, income)
        for _ in range(rng.randrange(0, 3)):
            asset: Record = {
                "applicantId": who,
                "type": rng.choice(ASSET_TYPES),
                "description": None,
            }
            asset["value"] = _money(rng, 10, 2000)
            _detail(store, "assets", application, asset)
        for _ in range(rng.randrange(0, 3)):
            kind = rng.choice(LIABILITY_TYPES)
            liability: Record = {"applicantId": who, "type": kind, "lender": rng.choice(LENDERS)}
            liability["balance"] = _money(rng, 5, 600)
            liability["monthlyPayment"] = _money(rng, 1, 20)
            liability["creditLimit"] = _money(rng, 50, 300) if kind == "credit_card" else None
            _detail(store, "liabilities", application, liability)
    for n in range(1 if application["goal"] != "purchase" else rng.randrange(1, 3)):
        city, province, postal = rng.choice(CITIES)
        street = f"{rng.randrange(1, 999)} {rng.choice(STREETS)}"
        address = {"street": street, "city": city, "province": province, "postalCode": postal}
        prop: Record = {"address": address, "propertyType": rng.choice(PROPERTY_TYPES)}
        prop["occupancy"] = OCCUPANCIES[0] if n == 0 else rng.choice(OCCUPANCIES)
        prop["value"] = _money(rng, 3000, 20000)
        prop["isSubjectProperty"] = n == 0
        _detail(store, "properties", application, prop)
    if rng.random() < 0.85:
        price = _money(rng, 3000, 15000)
        down = round(price * rng.choice((0.05, 0.1, 0.2, 0.25)), 2)
        store.mortgages[application["id"]] = {
            "applicationId": application["id"],
            "purchasePrice": price,
            "downPayment": down,
            "loanAmount": round(price - down, 2),
            "amortizationYears": rng.choice((25, 30)),
            "termMonths": rng.choice((36, 60, 60, 120)),
            "rateType": rng.choice(RATE_TYPES),
            "interestRate": rng.choice((4.39, 4.79, 5.09, 5.49)),
            "closingDate": None,
            "currency": CURRENCY,
            "updatedAt": application["updatedAt"],
        }
