"""The one way a mutation's input is checked before any upstream call.

A write spec's `check(checks)` (schema.writes.WriteSpec) states the input's rules as
calls on one `Checks`: each failed rule appends a `Problem` (the dotted input path in
GraphQL names, a message a person can act on, and a code: REQUIRED, INVALID,
OUT_OF_RANGE or NOT_FOUND). Nothing is raised; `run_write` answers the mutation's
payload with every problem as a userError and sends nothing. The rules here know no
provider: each domain's `validation` module adds its own (resolvers.brokerage.validation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from .ids import InvalidId, from_global_id
from .refusals import Problem

MAX_AMOUNT = Decimal("1000000")  # the sandboxes' ceiling for amounts, prices and quantities


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def digits(value: str) -> str:
    """A number as people type it: dashes and spaces dropped."""
    return value.replace("-", "").replace(" ", "")


def places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def aba_checksum_ok(routing: str) -> bool:
    weights = (3, 7, 1) * 3
    return sum(int(d) * w for d, w in zip(routing, weights, strict=True)) % 10 == 0


class Checks:
    """The userErrors of one input, gathered field by field."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str | None, message: str, code: str = "INVALID") -> None:
        self.problems.append(Problem(path, message, code))

    def text(
        self, path: str, value: str | None, *, required: bool, limit: int | None = None
    ) -> None:
        name = path.rsplit(".", 1)[-1]
        if value is None:
            if required:
                self.add(path, f"{name} is required", "REQUIRED")
        elif not value.strip():
            self.add(path, f"{name} must not be blank", "REQUIRED" if required else "INVALID")
        elif limit is not None and len(value) > limit:
            self.add(path, f"{name} must be at most {limit} characters", "OUT_OF_RANGE")

    def pattern(self, path: str, value: str | None, rule: re.Pattern[str], what: str) -> None:
        if value is not None and not rule.match(value.strip()):
            self.add(path, f"{path.rsplit('.', 1)[-1]} must be {what}")

    def digits(self, path: str, value: str | None, low: int, high: int) -> None:
        if value is None:
            return
        number = digits(value)
        if not number.isdigit() or not low <= len(number) <= high:
            size = f"{low}" if low == high else f"{low} to {high}"
            self.add(path, f"{path.rsplit('.', 1)[-1]} must be {size} digits")

    def choice(self, path: str, value: str | None, options: Iterable[str]) -> None:
        allowed = tuple(options)
        if value is not None and value.strip().lower() not in {o.lower() for o in allowed}:
            self.add(path, f"{path.rsplit('.', 1)[-1]} must be one of: " + ", ".join(allowed))

    def past_date(self, path: str, value: date | None) -> None:
        if value is not None and value >= date.today():
            self.add(path, f"{path.rsplit('.', 1)[-1]} must be a date in the past")

    def amount(self, path: str, value: Decimal | None, *, decimals: int, what: str) -> None:
        """More than 0, at most `decimals` places, at most MAX_AMOUNT."""
        if value is None:
            return
        name = path.rsplit(".", 1)[-1]
        if not value.is_finite() or value <= 0:
            self.add(path, f"{name} must be greater than 0", "OUT_OF_RANGE")
        elif places(value) > decimals:
            self.add(path, f"{name} must have at most {decimals} decimal places ({what})")
        elif value > MAX_AMOUNT:
            self.add(path, f"{name} must be at most {MAX_AMOUNT}", "OUT_OF_RANGE")

    def percent(self, path: str, value: Decimal | None) -> None:
        if value is not None and not (value.is_finite() and 0 <= value <= 100):
            self.add(path, f"{path} must be between 0 and 100", "OUT_OF_RANGE")

    def global_id(
        self, path: str, value: str, type_name: str, what: str, provider: str = "finos"
    ) -> str | None:
        """The `provider`'s id inside a global id of `type_name`, else a userError."""
        try:
            ident = from_global_id(value)
        except InvalidId:
            self.add(path, f"{path} is not an id this API issued", "NOT_FOUND")
            return None
        if ident.type_name != type_name or ident.provider != provider:
            self.add(path, f"{path} must be the id of {what}", "INVALID")
            return None
        return ident.provider_id

    def changes(self, given: Iterable[object]) -> None:
        if all(v is None for v in given):
            self.add(None, "Nothing to change: give at least one field to update.", "REQUIRED")
