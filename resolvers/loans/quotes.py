"""FinanceIt's calculator: its parameters, their canonical form, and the call.

A quote's provider id is its parameters as a canonical query string
("requested_amount=10000&vertical_name=Retail&..."), so a quote read again by
id asks the calculator again with the same parameters: the id is stable, the
answer is today's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import parse_qsl, urlencode

from ..financeit import Calculation
from ..request import Scope


@dataclass(frozen=True)
class QuoteParams:
    """The calculator's parameters, in FinanceIt's names; also the quote's provider id."""

    requested_amount: Decimal
    vertical_name: str | None = None
    region_code: str | None = None
    payment_frequency: str | None = None
    fee_paid_by: str | None = None
    insurance: bool | None = None
    promo_program_id: int | None = None
    amortization: int | None = None
    partner_id: int | None = None
    work_site_quebec: bool | None = None

    def encode(self) -> str:
        pairs: list[tuple[str, str]] = []
        for name, value in asdict(self).items():
            if value is None:
                continue
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif isinstance(value, Decimal):
                value = format(value.normalize(), "f")
            pairs.append((name, str(value)))
        return urlencode(pairs)

    @classmethod
    def decode(cls, provider_id: str) -> QuoteParams | None:
        """The parameters a quote id was made from; None when it is not such an id."""
        try:
            raw = dict(parse_qsl(provider_id, strict_parsing=True))
            fields: dict[str, Any] = {"requested_amount": Decimal(raw.pop("requested_amount"))}
            for name in ("insurance", "work_site_quebec"):
                if name in raw:
                    fields[name] = {"yes": True, "no": False}[raw.pop(name)]
            for name in ("promo_program_id", "amortization", "partner_id"):
                if name in raw:
                    fields[name] = int(raw.pop(name))
            for name in ("vertical_name", "region_code", "payment_frequency", "fee_paid_by"):
                if name in raw:
                    fields[name] = raw.pop(name)
        except (KeyError, ValueError, InvalidOperation):
            return None
        if raw or not fields["requested_amount"].is_finite():
            return None
        params = cls(**fields)
        return params if params.encode() == provider_id else None


async def calculate(scope: Scope, params: QuoteParams) -> Calculation:
    """GET /calculator with every parameter given."""
    return await scope.providers.financeit.calculate(
        params.requested_amount,
        vertical_name=params.vertical_name,
        region_code=params.region_code,
        payment_frequency=params.payment_frequency,
        fee_paid_by=params.fee_paid_by,
        insurance=params.insurance,
        promo_program_id=params.promo_program_id,
        amortization=params.amortization,
        partner_id=params.partner_id,
        work_site_quebec=params.work_site_quebec,
    )
