"""Types every part of the schema shares: Node, Provider, Money, Address."""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation

import strawberry


@strawberry.enum
class Provider(enum.Enum):
    FINMO = "finmo"
    FINANCEIT = "financeit"
    FINOS = "finos"
    MOLO = "molo"


@strawberry.enum
class Currency(enum.Enum):
    CAD = "CAD"
    USD = "USD"
    GBP = "GBP"


PROVIDER_CURRENCY = {
    Provider.FINMO: Currency.CAD,
    Provider.FINANCEIT: Currency.CAD,
    Provider.FINOS: Currency.USD,
    Provider.MOLO: Currency.GBP,
}


@strawberry.interface(description="An object with an opaque global id.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global id: encodes type, provider and provider id."
    )


@strawberry.type(description="An amount in the currency the provider keeps it in.")
class Money:
    amount: Decimal
    currency: Currency

    @classmethod
    def of(cls, amount: object, currency: Currency) -> Money | None:
        """Money from a provider amount (number or string); None when absent or unreadable."""
        if amount is None or amount == "":
            return None
        try:
            value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
        except InvalidOperation:
            return None
        if not value.is_finite():
            return None
        return cls(amount=value, currency=currency)


@strawberry.type
class Address:
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    region: str | None = strawberry.field(default=None, description="Province, state or county.")
    postal_code: str | None = None
    country: str | None = None
