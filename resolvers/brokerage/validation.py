"""Field rules of the Finos references, checked before any upstream call.

The rules for people, profiles, webhooks and URLs, as functions over one
`resolvers.checks.Checks` (the one way every mutation's input is checked).
Where the reference is silent the sandbox's documented choice is followed (and
said so next to the rule).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..checks import Checks, camel

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LETTERS2 = re.compile(r"^[A-Za-z]{2}$")
LETTERS3 = re.compile(r"^[A-Za-z]{3}$")
TICKER = re.compile(r"^[A-Z]{1,5}(\.[A-Z]{1,2})?$")
MAX_NAME = 64  # "Max 64 characters" (webhook name); the sandbox applies it to every name

MARITAL = ("single", "divorced", "married", "widowed")
EMPLOYMENT = ("Employed / Self-Employed", "Retired", "Student", "Not Employed")
INCOME = ("$0 - $24,999", "$25,000 - $99,999", "$100,000 - $199,999", "$200,000+")
# the table's options plus the example's "$25,000 - $99,999" (the reference uses both)
LIQUID_WORTH = ("$0 - $4,999", "$5,000 - $99,999", "$25,000 - $99,999", *INCOME[2:])
OBJECTIVES = ("capital preservation", "growth", "income", "speculation")
EXPERIENCE = ("none", "limited", "good", "extensive")
RISK = ("conservative", "moderate", "aggressive")
PROFILE_CHOICES: dict[str, tuple[str, ...]] = {
    "annual_income": INCOME,
    "investment_objective": OBJECTIVES,
    "investment_experience": EXPERIENCE,
    "net_liquid_worth": LIQUID_WORTH,
    "net_total_worth": INCOME,
    "risk_tolerance": RISK,
}
EVENT_KINDS = (
    "usertransition",
    "kyctransition",
    "ordertransition",
    "deposittransition",
    "withdrawaltransition",
)


def person(checks: Checks, prefix: str, p: object, *, partial: bool = False) -> None:
    """The identity fields of POST /v1/users, POST /v1/kyc and `joint_member`.

    `p` is a BrokeragePersonInput-like object (or UpdateUserInput when `partial`).
    """
    at = f"{prefix}." if prefix else ""
    required = not partial
    checks.text(at + "firstName", getattr(p, "first_name", None), required=required, limit=MAX_NAME)
    checks.text(at + "lastName", getattr(p, "last_name", None), required=required, limit=MAX_NAME)
    email = getattr(p, "email", None)
    checks.text(at + "email", email, required=required)
    if email and email.strip():
        checks.pattern(at + "email", email, EMAIL, "an email address")
    checks.past_date(at + "dateOfBirth", getattr(p, "date_of_birth", None))
    checks.digits(at + "ssn", getattr(p, "ssn", None), 9, 9)
    checks.digits(at + "phone", getattr(p, "phone", None), 10, 15)
    address = getattr(p, "address", None)
    if address is None:
        return
    where = at + "address."
    for name in ("line1", "city", "postal_code"):
        checks.text(where + camel(name), getattr(address, name), required=required)
    checks.pattern(where + "region", address.region, LETTERS2, "a 2 letter state code")
    checks.pattern(where + "country", address.country, LETTERS2, "a 2 letter country code")


def profile(checks: Checks, p: object, *, account_type: str | None, partial: bool) -> None:
    """An account's profile fields: options from the reference's ARGUMENTS table."""
    required = not partial
    checks.choice("maritalStatus", getattr(p, "marital_status", None), MARITAL)
    if getattr(p, "marital_status", None) is None and required:
        checks.add("maritalStatus", "maritalStatus is required", "REQUIRED")
    country = getattr(p, "country_of_citizenship", None)
    checks.text("countryOfCitizenship", country, required=required)
    if country and country.strip():
        checks.pattern("countryOfCitizenship", country, LETTERS3, "a 3 letter country code")
    status = getattr(p, "employment_status", None)
    checks.text("employmentStatus", status, required=required)
    if status and status.strip():
        checks.choice("employmentStatus", status, EMPLOYMENT)
    for name in ("employment_position", "employer_name"):
        checks.text(camel(name), getattr(p, name, None), required=required)
    for name, options in PROFILE_CHOICES.items():
        value = getattr(p, name, None)
        checks.choice(camel(name), value, options)
        # "optional for cash or managed accounts": an investment account needs all six
        if account_type == "investment" and not partial and not (value and value.strip()):
            message = f"{camel(name)} is required for INVESTMENT accounts"
            checks.add(camel(name), message, "REQUIRED")
    director_of = getattr(p, "director_of", None)
    if getattr(p, "is_director", None) and not (director_of and director_of.strip()):
        checks.add("directorOf", "directorOf is required when isDirector is true", "REQUIRED")


def webhook_events(checks: Checks, events: list[str] | None) -> None:
    if events is None:
        return
    if not events:
        checks.add("events", "events must name at least one event pattern", "REQUIRED")
    for i, event in enumerate(events):
        kind, _, state = event.partition(".")
        ok = event == "*" or (kind in EVENT_KINDS and bool(re.match(r"^[a-z_*]+$", state)))
        if not ok:
            checks.add(
                f"events.{i}",
                'events must be "*" or "<kind>.<state or *>" with kind one of '
                + ", ".join(EVENT_KINDS),
            )


def url(checks: Checks, value: str | None) -> None:
    if value is None:
        return
    try:
        parts = urlsplit(value.strip())
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and len(value) <= 2048
    except ValueError:  # e.g. an unclosed IPv6 bracket
        ok = False
    if not ok:
        checks.add("url", "url must be an http or https URL")
