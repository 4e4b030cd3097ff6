"""The Quote interface: a price or a loan offer from one provider, at one moment."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import strawberry

from .common import Node, Provider


@strawberry.interface(
    description="A quote: FinanceIt calculator (LoanQuote), Molo max loan (MaxLoanQuote), "
    "Finos market data (StockQuote)."
)
class Quote(Node):
    PUBLIC: ClassVar[bool] = True  # a price or an offer: not anyone's record
    provider: Provider
    provider_id: strawberry.ID = strawberry.field(
        description="What the provider identifies the quote by (a symbol, the inputs)."
    )
    quoted_at: datetime | None = None
