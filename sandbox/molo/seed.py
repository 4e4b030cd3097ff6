"""Deterministic seed data: the Molo people as applicants of a few hundred applications.

Every value comes from random.Random(f"molo:{seed}") and the shared people, so
the same seed gives the same records. Landlords hold several buy-to-let
properties, so each person leads one to five applications; about one in four
applications has a second (non-lead) applicant, another Molo person. Decided
applications carry the decision `decisions.decide` gives them, so asking for a
DIP again answers the same.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from ..people import EPOCH, Person, people_at
from .decisions import decide, dip_pdf
from .models import MORTGAGE_TYPES, TITLES
from .store import Applicant, Application, MoloStore

FIRST_APPLICATION_ID = 1_000_000_000
FIRST_APPLICANT_ID = 3_000
STREETS = ("High Street", "Station Road", "Church Lane", "Park Avenue", "Mill Road", "King Street")
TOWNS = (
    ("London", "NW1 1AL"),
    ("Manchester", "M1 2AB"),
    ("Bristol", "BS1 4DJ"),
    ("Leeds", "LS1 5AT"),
    ("Glasgow", "G2 3HQ"),
    ("Cardiff", "CF10 1EP"),
)
BUILDINGS = (None, None, None, "Rose Manor", "The Old Mill", "Kings Court")


def _moment(rng: random.Random, start: datetime) -> datetime:
    span = max(1, int((EPOCH - start).total_seconds()))
    return start + timedelta(seconds=rng.randrange(span), microseconds=rng.randrange(1_000_000))


def _applicant(
    rng: random.Random, person: Person, application: int, is_lead: bool, applicant_id: int
) -> Applicant:
    town, postal = rng.choice(TOWNS)
    return Applicant(
        id=applicant_id,
        application=application,
        is_lead=is_lead,
        taxable_income=Decimal(rng.randrange(30, 250) * 1000),
        email=person.email_at("molo"),
        title=rng.choice(TITLES[:5]),
        first_name=person.first_name,
        middle_name=None,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        # UK mobile from the person's ten-digit number: +44 7 and nine of its digits.
        mobile=f"+447{person.phone[1:]}",
        address={
            "building_number": str(rng.randint(1, 250)),
            "street": rng.choice(STREETS),
            "building_name": rng.choice(BUILDINGS),
            "sub_building_name": None,
            "postal": postal,
            "town": town,
        },
    )


def seed_store(seed: int, people: list[Person]) -> MoloStore:
    """The sandbox's records for `seed`; `people` is already sized by the scale."""
    rng = random.Random(f"molo:{seed}")
    molo_people = people_at("molo", people)
    accounts = rng.sample(range(200, 2000), 6)
    drafts: list[tuple[datetime, Person]] = []
    for person in molo_people:
        for _ in range(1 + rng.randrange(5)):
            drafts.append((_moment(rng, person.created_at), person))
    drafts.sort(key=lambda draft: (draft[0], draft[1].index))

    store = MoloStore(
        account_id=accounts[0],
        next_application_id=FIRST_APPLICATION_ID,
        next_applicant_id=FIRST_APPLICANT_ID,
    )
    for created_at, lead in drafts:
        pk = store.new_application_id() + rng.randrange(1, 8)
        property_value = Decimal(rng.randrange(80, 1500) * 1000)
        rent = Decimal(int(property_value * Decimal(rng.uniform(0.035, 0.075)) / 12 / 5) * 5)
        desired = Decimal(int(property_value * Decimal(rng.uniform(0.5, 0.82)) / 500) * 500)
        application = Application(
            id=pk,
            status="stored",
            mortgage_type=rng.choice(MORTGAGE_TYPES),
            borrower_type="ltd_company" if rng.random() < 0.3 else "individual_borrower",
            created_by=rng.choice(accounts),
            created_at=created_at,
            updated_at=_moment(rng, created_at),
            desired_loan_amount=desired,
            loan_term=rng.randint(5, 35),
            property_value=property_value,
            monthly_rent=rent,
            reference_id=f"LEAD-{rng.randrange(10**6):06d}" if rng.random() < 0.6 else None,
        )
        store.add_application(application)
        people_here = [lead]
        if len(molo_people) > 1 and rng.random() < 0.25:
            other = rng.choice(molo_people)
            while other is lead:
                other = rng.choice(molo_people)
            people_here.append(other)
        applicants: list[Applicant] = []
        for position, person in enumerate(people_here):
            applicant_id = store.new_applicant_id() + rng.randrange(1, 5)
            applicant = _applicant(rng, person, pk, position == 0, applicant_id)
            store.add_applicant(applicant)
            applicants.append(applicant)
        roll = rng.random()
        if roll < 0.3:
            continue  # stored
        if roll < 0.45:
            application.status = "pending_decision"
            continue
        application.status = decide(
            seed=seed,
            emails=[a.email for a in applicants],
            borrower_type=application.borrower_type,
            desired_loan_amount=desired,
            property_value=property_value,
            monthly_rent=rent,
            lead_income=applicants[0].taxable_income,
        )
        if application.status == "valid":
            application.dip_pdf = dip_pdf(pk, desired)
    return store
