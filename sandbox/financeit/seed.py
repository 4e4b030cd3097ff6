"""Deterministic FinanceIt seed data: partners, promo programs and loans.

Everything comes from `random.Random(f"financeit:{seed}")` and EPOCH, so the
same seed always gives the same ids, amounts and dates.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from ..people import EPOCH, Person
from .catalog import LOAN_STATES, LOGIN, NEXT_STEP, STANDARD_RATE, VERTICALS
from .quotes import money, payment_amount

LOANS_PER_SCALE = 300

# (login, firm name, city, province, verticals) of the broker's locations.
LOCATIONS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("sandbox-merchant", "Northwind Renovations Ltd.", "Toronto", "ON", ("Home Improvement",)),
    (
        "maple_comfort",
        "Maple Comfort Heating Inc.",
        "Ottawa",
        "ON",
        ("Home Improvement", "Power"),
    ),
    ("harbour_home", "Harbour Home Furnishings", "Vancouver", "BC", ("Retail",)),
    (
        "lakeside_marine",
        "Lakeside Marine & RV",
        "Kelowna",
        "BC",
        ("Marine", "Recreational Vehicle"),
    ),
)
OUTSIDER = ("prairie_power", "Prairie Power Sports", "Regina", "SK", ("Power",))

PROGRAM_SHAPES: tuple[tuple[str, str, tuple[int, ...], int], ...] = (
    # name, rate, amortizations, deferral months
    ("Low Rate {rate}%", "5.99", (36, 60, 120), 0),
    ("12 Months No Interest", "0.00", (12,), 0),
    ("Deferred 6 Months", "7.99", (60, 120, 180), 6),
    ("Same As Cash 24", "0.00", (24,), 0),
)


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _loose_date(moment: datetime) -> str:
    """The reference's expiry_date shape: no zero padding ("2025-10-5")."""
    return f"{moment.year}-{moment.month}-{moment.day}"


def make_partner(
    rng: random.Random,
    pid: int,
    login: str,
    firm: str,
    city: str,
    province: str,
    verticals: tuple[str, ...],
    organization_type: str,
) -> dict[str, Any]:
    first = rng.choice(("Mike", "Anita", "Louis", "Grace", "Ravi", "Chantal"))
    last = rng.choice(("Smith", "Tremblay", "Singh", "Chen", "Roy", "Walsh"))
    area = rng.choice(("416", "613", "604", "306", "250"))
    return {
        "id": str(pid),
        "login": login,
        "email": f"{login.replace('_', '.')}@partners.example.com",
        "firm_name": firm,
        "state": "approved",
        "verticals": list(verticals),
        "organization_type": organization_type,
        "firm_address": f"{rng.randrange(10, 999)} {rng.choice(('King', 'Main', 'Bay'))} St.",
        "firm_address_2": "",
        "firm_city": city,
        "firm_postal_code": f"M{rng.randrange(1, 9)}M{rng.randrange(1, 9)}M{rng.randrange(1, 9)}",
        "firm_number_years_in_business": str(rng.randrange(1, 40)),
        "firm_annual_sales_volume": rng.choice(("0_to_1M", "1M_to_5M", "5M_to_10M")),
        "address": f"{rng.randrange(10, 999)} Queen St.",
        "address_2": "",
        "unit_number": str(rng.randrange(1, 500)),
        "city": city,
        "province": province,
        "contact_first_name": first,
        "contact_last_name": last,
        "contact_position": "owner",
        "contact_date_of_birth_year": str(rng.randrange(1950, 1995)),
        "contact_date_of_birth_month": str(rng.randrange(1, 13)),
        "contact_date_of_birth_day": str(rng.randrange(1, 28)),
        "contact_region_id": str(rng.randrange(1, 14)),
        "contact_postal_code": f"M{rng.randrange(1, 9)}S{rng.randrange(1, 9)}G2",
        "referral_uuid": f"{rng.randrange(16**6):06X}",
        "work_phone_1i": area,
        "work_phone_2i": "555",
        "work_phone_3i": f"{rng.randrange(10_000):04d}",
        "work_phone_4i": "",
        "home_phone_1i": area,
        "home_phone_2i": "555",
        "home_phone_3i": f"{rng.randrange(10_000):04d}",
        "home_phone_4i": "",
        "firm_current_percent_financed": str(rng.randrange(0, 60)),
    }


def make_partners(rng: random.Random) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    """The login's broker partner, its locations, and one partner outside it."""
    ids = sorted(rng.sample(range(600, 1000), len(LOCATIONS) + 2))
    all_verticals = tuple(v for v in VERTICALS if any(v in loc[4] for loc in LOCATIONS))
    broker = make_partner(
        rng, ids[0], LOGIN, "Sandbox Home Group", "Toronto", "ON", all_verticals, "corporation"
    )
    broker["organization_type"] = "multi_location"
    locations = [
        make_partner(rng, pid, *loc, organization_type="corporation")
        for pid, loc in zip(ids[1:-1], LOCATIONS, strict=True)
    ]
    outsider = make_partner(rng, ids[-1], *OUTSIDER, organization_type="sole_proprietorship")
    return ids[0], [broker, *locations], outsider


def make_programs(rng: random.Random) -> list[dict[str, Any]]:
    """Two promo programs per vertical."""
    ids = sorted(rng.sample(range(1000, 10_000), 2 * len(VERTICALS)))
    programs: list[dict[str, Any]] = []
    for index, pid in enumerate(ids):
        vertical = VERTICALS[index % len(VERTICALS)]
        name, rate, amortizations, deferral = PROGRAM_SHAPES[(index + index // 5) % 4]
        if rate != "0.00":
            rate = str(Decimal(rate) + Decimal(rng.randrange(0, 4)))
        programs.append(
            {
                "id": pid,
                "name": f"{vertical}: {name.format(rate=rate)}",
                "vertical_name": vertical,
                "rate": rate,
                "amortization_periods": list(amortizations),
                "max_amortization": max(amortizations),
                "deferral_months": deferral,
                "min_amount": 1000,
                "max_amount": 75_000,
            }
        )
    return programs


def standard_program(vertical: str) -> dict[str, Any]:
    """promo_program_id 0, the reference's "free program": standard rates."""
    return {
        "id": 0,
        "name": "Standard",
        "vertical_name": vertical,
        "rate": STANDARD_RATE[vertical],
        "amortization_periods": [12, 24, 36, 60, 120, 180],
        "max_amortization": 180,
        "deferral_months": 0,
        "min_amount": 500,
        "max_amount": 100_000,
    }


def make_loans(
    rng: random.Random,
    people: list[Person],
    locations: list[dict[str, Any]],
    programs: list[dict[str, Any]],
    scale: int,
) -> list[dict[str, Any]]:
    if not people:
        return []
    count = LOANS_PER_SCALE * max(1, scale)
    lead_ids = rng.sample(range(100, 1_000_000), count)
    by_vertical: dict[str, list[dict[str, Any]]] = {}
    for program in programs:
        by_vertical.setdefault(program["vertical_name"], []).append(program)
    loans: list[dict[str, Any]] = []
    loan_id = rng.randrange(10_000, 20_000)
    for index in range(count):
        loan_id += rng.randrange(1, 7)
        person = people[index % len(people)] if index < len(people) else rng.choice(people)
        partner = rng.choice(locations)
        vertical = rng.choice(partner["verticals"])
        program = rng.choice(by_vertical[vertical])
        created = EPOCH - timedelta(minutes=rng.randrange(1, 60 * 24 * 720))
        state = rng.choices(LOAN_STATES, weights=(30, 15, 30, 10, 10, 5))[0]
        loans.append(
            _loan(rng, loan_id, lead_ids[index], person, partner, vertical, program, created, state)
        )
    return loans


def _loan(
    rng: random.Random,
    loan_id: int,
    lead_id: int,
    person: Person,
    partner: dict[str, Any],
    vertical: str,
    program: dict[str, Any],
    created: datetime,
    state: str,
) -> dict[str, Any]:
    requested = Decimal(rng.randrange(20, 800) * 50)
    down = Decimal(rng.choice((0, 0, 250, 500, 1000)))
    fee = Decimal("99.00") if rng.random() < 0.5 else Decimal(0)
    principal = requested - down + fee
    amortization = rng.choice(program["amortization_periods"])
    rate = Decimal(program["rate"])
    payment = payment_amount(principal, rate, amortization, "m")
    return {
        "id": loan_id,
        "partner_id": int(partner["id"]),
        "description": f"{vertical} purchase for {person.first_name} {person.last_name}",
        "created_at": _timestamp(created),
        "rate": money(rate),
        "requested_amount": money(requested),
        "fee": money(fee),
        "principal_amount": money(principal),
        "amortization": amortization,
        "term": min(amortization, 60),
        "payment_frequency": "m",
        "vertical": vertical,
        "total_payment_amount": money(payment),
        "first_payment_date": (created + timedelta(days=30)).date().isoformat(),
        "downpayment_amount": money(down),
        "downpayment_source": "cash" if down else "",
        "intended_use": vertical,
        "vehicle_type": "",
        "state": state,
        "coborrower_relation": "",
        "coborrower_relation_other": "",
        "max_amount": 75_000,
        "min_amount": 1000,
        "credit_limit": money(Decimal(75_000)),
        "max_amort": program["max_amortization"],
        "api_notices": [],
        "lead_id": lead_id,
        "expiry_date": _loose_date(created + timedelta(days=90)),
        "commission_insurance_amount": money(Decimal(0)),
        "promo_program": {
            "id": program["id"],
            "name": program["name"],
            "rate": program["rate"],
            "deferral_months": program["deferral_months"],
        },
        "insurance_premium": {"amount": money(Decimal(0)), "insurance": "no"},
        "vehicle": {},
        "vehicles": [],
        "file_attachments": [],
        "approval_conditions": [],
        "funded": state in ("disbursed", "closed"),
        "next_step_in_application": NEXT_STEP[state],
        "borrower": {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email_at("financeit"),
            "phone": f"{person.phone[:3]}-{person.phone[3:6]}-{person.phone[6:]}",
            "date_of_birth": person.date_of_birth.isoformat(),
        },
    }
