"""Small helpers: deterministic ids and tokens, times, money and quantities."""

from __future__ import annotations

import random
import string
import uuid
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..people import EPOCH

EPOCH_MS = int(EPOCH.timestamp() * 1000)
_ALPHABET = string.ascii_letters + string.digits
CENT = Decimal("0.01")


class Ids:
    """Ids that look like the reference's (UUIDs, `S-...` tokens) from a seeded RNG."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def token(self, prefix: str, length: int = 20) -> str:
        return prefix + "".join(self.rng.choice(_ALPHABET) for _ in range(length))

    def account_number(self, taken: dict[str, str]) -> str:
        while True:
            number = f"FOBN{self.rng.randrange(10_000, 100_000)}"
            if number not in taken:
                return number


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def money(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 0.2, 5, 1.5."""
    text = format(value.normalize(), "f")
    return text


def to_decimal(value: object) -> Decimal:
    """A number from a JSON string or number; ValueError for anything else."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("must be a number")
    try:
        result = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("must be a number") from None
    if not result.is_finite():
        raise ValueError("must be a number")
    return result


def places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
