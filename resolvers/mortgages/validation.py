"""The field rules the mortgages inputs share, as functions over one `Checks`.

Each rule appends a Problem (the dotted GraphQL input path, a message that names
the field the way the client wrote it, a code) to the `resolvers.checks.Checks`
of the input, so one answer lists everything wrong with an input, not just the
first thing. The Finmo and Molo inputs' own rules are validation_finmo,
validation_molo and validation_molo_applicants.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ..checks import Checks
from ..ids import InvalidId, from_global_id

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
UK_MOBILE = re.compile(r"^\+44\d{10}$")  # "in the form +441615676878"
PLACES = 2  # Molo: "Up to 11 digits long, including 2 decimal places"


def last(path: str) -> str:
    """The field's own GraphQL name: the last non-numeric part of its path."""
    parts = [p for p in path.split(".") if not p.isdigit()]
    return parts[-1] if parts else path


def global_id(
    checks: Checks, path: str, value: str, type_name: str | Sequence[str], provider: str
) -> str | None:
    """The provider id inside `value`, a global id of `type_name` at `provider`."""
    names = (type_name,) if isinstance(type_name, str) else tuple(type_name)
    try:
        decoded = from_global_id(value)
    except InvalidId:
        checks.add(path, f"{last(path)} is not an id this API issued.", "INVALID")
        return None
    if decoded.type_name not in names or decoded.provider != provider:
        wanted = " or ".join(names)
        checks.add(path, f"{last(path)} must be the id of a {provider} {wanted}.", "NOT_FOUND")
        return None
    return decoded.provider_id


def text(
    checks: Checks, path: str, value: str | None, *, required: bool = True, max_length: int = 255
) -> None:
    if value is None or not value.strip():
        if required:
            checks.add(path, f"{last(path)} is required.", "REQUIRED")
        return
    if len(value.strip()) > max_length:
        checks.add(path, f"{last(path)} has at most {max_length} characters.", "OUT_OF_RANGE")


def email(checks: Checks, path: str, value: str | None, *, required: bool = True) -> None:
    if value is None or not value.strip():
        if required:
            checks.add(path, f"{last(path)} is required.", "REQUIRED")
        return
    if len(value) > 254 or not EMAIL.match(value.strip()):
        checks.add(path, f"{last(path)} must be an email address like jane@example.com.")


def choice(checks: Checks, path: str, value: str | None, allowed: Sequence[str]) -> None:
    if value is not None and value not in allowed:
        checks.add(path, f"{last(path)} must be one of {', '.join(allowed)}.")


def amount(
    checks: Checks,
    path: str,
    value: Decimal | None,
    *,
    low: Decimal,
    high: Decimal,
    places: int = PLACES,
    currency: str = "£",
    required: bool = True,
) -> None:
    name = last(path)
    if value is None:
        if required:
            checks.add(path, f"{name} is required.", "REQUIRED")
        return
    if not value.is_finite():
        checks.add(path, f"{name} must be a number.")
        return
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        checks.add(path, f"{name} has at most {places} decimal places.")
    elif not low <= value <= high:
        checks.add(
            path,
            f"{name} must be between {currency}{low:,} and {currency}{high:,}.",
            "OUT_OF_RANGE",
        )


def integer(
    checks: Checks, path: str, value: int | None, *, low: int, high: int, unit: str
) -> None:
    if value is not None and not low <= value <= high:
        checks.add(path, f"{last(path)} must be {low} to {high} {unit}.", "OUT_OF_RANGE")


def past_date(checks: Checks, path: str, value: date | None, *, today: date) -> None:
    if value is not None and value >= today:
        checks.add(path, f"{last(path)} must be in the past.", "OUT_OF_RANGE")


def uk_mobile(checks: Checks, path: str, value: str | None, *, required: bool = True) -> None:
    if value is None or not value.strip():
        if required:
            checks.add(path, f"{last(path)} is required.", "REQUIRED")
        return
    if not UK_MOBILE.match(value):
        checks.add(
            path,
            f"{last(path)} must be a UK mobile number in the form +441615676878 "
            "(+44 and ten digits, no spaces).",
        )


def na_phone_digits(value: str) -> str | None:
    """A North American number as ten digits (Finmo's phoneNumber), or None."""
    digits = re.sub(r"[\s().+-]", "", value)
    if digits.startswith("1") and len(digits) == 11:
        digits = digits[1:]
    return digits if digits.isdigit() and len(digits) == 10 else None
