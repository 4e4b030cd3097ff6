"""The people who are customers of the providers, shared by all four sandboxes.

Some people appear at several providers under the same email address (with
the casing or surrounding spaces changed at some of them), so that
cross-provider views have something real to join.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from .config import PROVIDERS

# Every timestamp the sandboxes make is relative to this instant, never to "now",
# so the same seed always gives the same data.
EPOCH = datetime(2026, 6, 1, 12, 0, 0, tzinfo=UTC)

FIRST_NAMES = (
    "Jane",
    "John",
    "Amara",
    "Liam",
    "Olivia",
    "Noah",
    "Emma",
    "Lucas",
    "Sofia",
    "Ethan",
    "Maya",
    "Owen",
    "Chloe",
    "Arjun",
    "Zoe",
    "Mateo",
    "Aisha",
    "Henry",
    "Leah",
    "Kenji",
    "Nora",
    "Omar",
    "Priya",
    "Samuel",
    "Grace",
    "Diego",
    "Hannah",
    "Felix",
    "Ines",
    "Tariq",
)
LAST_NAMES = (
    "Doe",
    "Smith",
    "Okafor",
    "Tremblay",
    "Nguyen",
    "Roy",
    "Patel",
    "Martin",
    "Garcia",
    "Wilson",
    "Singh",
    "Brown",
    "Lee",
    "Campbell",
    "Gagnon",
    "Khan",
    "Taylor",
    "Murphy",
    "Cohen",
    "Silva",
    "Kowalski",
    "Andersen",
    "Dubois",
    "Ahmed",
    "Clarke",
    "Moreau",
)

PEOPLE_PER_SCALE = 240


@dataclass(frozen=True)
class Person:
    index: int
    first_name: str
    last_name: str
    email: str  # canonical, lower case
    phone: str  # ten digits, North American style
    date_of_birth: date
    created_at: datetime
    providers: frozenset[str]

    def email_at(self, provider: str) -> str:
        """The email as this provider stores it: same address, casing may differ."""
        if len(self.providers) > 1 and provider == "molo" and self.index % 2 == 0:
            return self.email.title()
        if len(self.providers) > 1 and provider == "finos" and self.index % 3 == 0:
            return self.email.upper()
        return self.email


def make_people(seed: int, scale: int) -> list[Person]:
    """Deterministic people for a seed; about 240 per unit of scale.

    One in eight people is a customer of all four providers, one in four of
    two, the rest of exactly one.
    """
    rng = random.Random(f"people:{seed}")
    people: list[Person] = []
    for index in range(PEOPLE_PER_SCALE * max(1, scale)):
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        email = f"{first}.{last}.{index}@example.com".lower()
        roll = rng.random()
        if roll < 0.125:
            providers = frozenset(PROVIDERS)
        elif roll < 0.375:
            providers = frozenset(rng.sample(PROVIDERS, 2))
        else:
            providers = frozenset([rng.choice(PROVIDERS)])
        people.append(
            Person(
                index=index,
                first_name=first,
                last_name=last,
                email=email,
                phone=f"{rng.choice((416, 613, 604, 514, 403))}555{rng.randrange(10_000):04d}",
                date_of_birth=date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 50)),
                created_at=EPOCH - timedelta(minutes=rng.randrange(60 * 24 * 365)),
                providers=providers,
            )
        )
    return people


def people_at(provider: str, people: list[Person]) -> list[Person]:
    return [p for p in people if provider in p.providers]
