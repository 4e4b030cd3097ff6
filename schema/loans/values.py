"""Reading FinanceIt's loosely typed values: amounts, "" for unset, unpadded dates."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from ..common import PROVIDER_CURRENCY, Money, Provider

CAD = PROVIDER_CURRENCY[Provider.FINANCEIT]
LOOSE_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def cad(amount: object) -> Money | None:
    return Money.of(amount, CAD)


def text(value: Any) -> str | None:
    """A string field; FinanceIt sends "" for "not set"."""
    if value is None:
        return None
    value = str(value)
    return value or None


def integer(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def loose_date(value: Any) -> date | None:
    """The reference's unpadded "2025-10-5", or "2025-10-05" ; None when unreadable."""
    match = LOOSE_DATE.match(str(value)) if value is not None else None
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
