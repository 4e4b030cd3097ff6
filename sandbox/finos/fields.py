"""Field types for request bodies, with the reference's rules and readable messages.

Each validator raises ValueError with a message that reads after the field
name ("ssn_number must be 9 digits"); errors.py puts the two together.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

from ..people import EPOCH
from .values import places, to_decimal

_STATE = re.compile(r"^[A-Za-z]{2}$")
_COUNTRY3 = re.compile(r"^[A-Z]{3}$")
_TICKER = re.compile(r"^[A-Z][A-Z.]{0,5}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


def _max_length(n: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > n:
            raise ValueError(f"must be at most {n} characters")
        return value

    return check


def _email(value: str) -> str:
    if not _EMAIL.match(value.strip()):
        raise ValueError("must be an email address")
    return value.strip()


def _birth_date(value: str) -> str:
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ValueError("must be a date as YYYY-MM-DD") from None
    if len(value) != 10 or parsed >= EPOCH.date():
        raise ValueError("must be a past date as YYYY-MM-DD")
    return value


def _digits(low: int, high: int, what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        digits = value.replace("-", "").replace(" ", "")
        if not digits.isdigit() or not low <= len(digits) <= high:
            raise ValueError(f"must be {what}")
        return digits

    return check


def _state(value: str) -> str:
    if not _STATE.match(value):
        raise ValueError("must be a 2 letter code")
    return value.upper()


def _country3(value: str) -> str:
    if not _COUNTRY3.match(value.upper()):
        raise ValueError("must be a 3 letter country code")
    return value.upper()


def _ticker(value: str) -> str:
    if not _TICKER.match(value):
        raise ValueError("must be an upper-case ticker symbol")
    return value


def _base64(value: str) -> str:
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("must be base64 encoded file content") from None
    if not value:
        raise ValueError("must not be empty")
    return value


def one_of(options: Iterable[str]) -> Callable[[str], str]:
    """Case-insensitive choice; the value is kept as sent."""
    allowed = tuple(options)
    lowered = {o.lower() for o in allowed}

    def check(value: str) -> str:
        if value.strip().lower() not in lowered:
            raise ValueError("must be one of " + ", ".join(allowed))
        return value.strip()

    return check


def _amount(max_places: int, maximum: Decimal) -> Callable[[object], Decimal]:
    def check(value: object) -> Decimal:
        number = to_decimal(value)
        if number <= 0:
            raise ValueError("must be greater than 0")
        if places(number) > max_places:
            raise ValueError(f"must have at most {max_places} decimal places")
        if number > maximum:
            raise ValueError(f"must be at most {maximum}")
        return number

    return check


def _percent(value: object) -> Decimal:
    number = to_decimal(value)
    if not 0 <= number <= 100:
        raise ValueError("must be between 0 and 100")
    return number


Text = Annotated[str, AfterValidator(_nonblank)]
Name = Annotated[str, AfterValidator(_nonblank), AfterValidator(_max_length(64))]
Email = Annotated[str, AfterValidator(_email)]
BirthDate = Annotated[str, AfterValidator(_birth_date)]
Ssn = Annotated[str, AfterValidator(_digits(9, 9, "9 digits"))]
Phone = Annotated[str, AfterValidator(_digits(10, 15, "10 to 15 digits"))]
State2 = Annotated[str, AfterValidator(_state)]
Country3 = Annotated[str, AfterValidator(_country3)]
Ticker = Annotated[str, AfterValidator(_ticker)]
Base64 = Annotated[str, AfterValidator(_base64)]
BankNumber = Annotated[str, AfterValidator(_digits(4, 17, "4 to 17 digits"))]
RoutingNumber = Annotated[str, AfterValidator(_digits(9, 9, "9 digits"))]
Money = Annotated[Decimal, BeforeValidator(_amount(2, Decimal("1000000")))]
Quantity = Annotated[Decimal, BeforeValidator(_amount(4, Decimal("1000000")))]
Price = Annotated[Decimal, BeforeValidator(_amount(4, Decimal("1000000")))]
Percent = Annotated[Decimal, BeforeValidator(_percent)]
