"""Finos market data (IEX): StockQuote (a Quote), its key stats and chart points.

Prices are Decimal in USD as the provider gives them (`price` is the latest
one as Money); IEX epoch-millisecond stamps become datetimes (IEX's -1 / 0,
"not quoted today", become null).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

import strawberry

from resolvers import finos
from resolvers.brokerage import loaders

from ..common import PROVIDER_CURRENCY, Money, Provider
from ..context import Info
from ..ids import to_global_id
from ..node import each_by_id
from ..quote import Quote
from ..upstream import upstream
from .enums import ChartRange

USD = PROVIDER_CURRENCY[Provider.FINOS]

# GraphQL's Int is 32-bit; volumes and share counts pass 2**31, so they are Float
# (whole numbers are exact in a Float up to 2**53).
Count = float


def from_millis(value: int | None) -> datetime | None:
    if value is None or value <= 0:
        return None
    return datetime.fromtimestamp(value / 1000, tz=UTC)


@strawberry.type(description="A Finos stock quote (GET /v1/stocks/{symbol}); its id is its symbol.")
class StockQuote(Quote):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finos": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """One Finos read per distinct id, through the request's loader (shared with fields)."""
        return await each_by_id(ids, lambda i: loaders.quote(info.context, i), cls.from_finos)

    symbol: str
    company_name: str | None
    primary_exchange: str | None
    sector: str | None
    calculation_price: str | None = strawberry.field(
        description="Source of the latest price: tops, sip, previous_close or close."
    )
    open: Decimal | None
    open_time: datetime | None
    close: Decimal | None
    close_time: datetime | None
    high: Decimal | None
    low: Decimal | None
    latest_price: Decimal | None
    latest_source: str | None
    latest_time: str | None = strawberry.field(description="Human readable, as the provider says.")
    latest_update: datetime | None
    latest_volume: Count | None
    iex_realtime_price: Decimal | None
    iex_realtime_size: int | None
    iex_last_updated: datetime | None
    delayed_price: Decimal | None
    delayed_price_time: datetime | None
    extended_price: Decimal | None
    extended_change: Decimal | None
    extended_change_percent: float | None
    extended_price_time: datetime | None
    previous_close: Decimal | None
    change: Decimal | None
    change_percent: float | None
    iex_market_percent: float | None
    iex_volume: Count | None
    average_total_volume: Count | None
    iex_bid_price: Decimal | None
    iex_bid_size: int | None
    iex_ask_price: Decimal | None
    iex_ask_size: int | None
    market_cap: Decimal | None
    pe_ratio: float | None
    week52_high: Decimal | None
    week52_low: Decimal | None
    ytd_change: float | None

    @classmethod
    def from_finos(cls, q: finos.Quote) -> StockQuote:
        symbol = q.symbol.upper()
        return cls(
            id=strawberry.ID(to_global_id("StockQuote", Provider.FINOS.value, symbol)),
            provider=Provider.FINOS,
            provider_id=strawberry.ID(symbol),
            quoted_at=from_millis(q.latest_update),
            symbol=symbol,
            company_name=q.company_name,
            primary_exchange=q.primary_exchange,
            sector=q.sector,
            calculation_price=q.calculation_price,
            open=q.open,
            open_time=from_millis(q.open_time),
            close=q.close,
            close_time=from_millis(q.close_time),
            high=q.high,
            low=q.low,
            latest_price=q.latest_price,
            latest_source=q.latest_source,
            latest_time=q.latest_time,
            latest_update=from_millis(q.latest_update),
            latest_volume=q.latest_volume,
            iex_realtime_price=q.iex_realtime_price,
            iex_realtime_size=q.iex_realtime_size,
            iex_last_updated=from_millis(q.iex_last_updated),
            delayed_price=q.delayed_price,
            delayed_price_time=from_millis(q.delayed_price_time),
            extended_price=q.extended_price,
            extended_change=q.extended_change,
            extended_change_percent=q.extended_change_percent,
            extended_price_time=from_millis(q.extended_price_time),
            previous_close=q.previous_close,
            change=q.change,
            change_percent=q.change_percent,
            iex_market_percent=q.iex_market_percent,
            iex_volume=q.iex_volume,
            average_total_volume=q.average_total_volume,
            iex_bid_price=q.iex_bid_price,
            iex_bid_size=q.iex_bid_size,
            iex_ask_price=q.iex_ask_price,
            iex_ask_size=q.iex_ask_size,
            market_cap=q.market_cap,
            pe_ratio=q.pe_ratio,
            week52_high=q.week52_high,
            week52_low=q.week52_low,
            ytd_change=q.ytd_change,
        )

    @strawberry.field(description="The latest price as Money (USD).")
    def price(self) -> Money | None:
        return Money.of(self.latest_price, USD)

    @strawberry.field(description="Key statistics (GET /v1/stocks/{symbol}/stats).")
    async def stats(self, info: Info) -> StockStats | None:
        found = await loaders.stats(info.context, self.symbol)
        return None if found is None else StockStats.from_finos(found)

    @strawberry.field(
        description="Price history (GET /v1/stocks/{symbol}/chart/{range}).",
        metadata=upstream(1),
    )
    async def chart(
        self, info: Info, range: ChartRange = ChartRange.ONE_MONTH
    ) -> list[ChartPoint] | None:
        points = await loaders.chart(info.context, self.symbol, range.value)
        return None if points is None else [ChartPoint.from_finos(p) for p in points]


async def stock_quote(info: Info, symbol: str) -> StockQuote | None:
    found = await loaders.quote(info.context, symbol)
    return None if found is None else StockQuote.from_finos(found)


@strawberry.type
class ChartPoint:
    date: str
    minute: str | None = strawberry.field(description="Only on 1d charts.")
    label: str | None
    open: Decimal | None
    high: Decimal | None
    low: Decimal | None
    close: Decimal | None
    volume: Count | None
    unadjusted_close: Decimal | None
    unadjusted_volume: Count | None
    change: Decimal | None
    change_percent: float | None
    vwap: Decimal | None
    change_over_time: float | None
    average: Decimal | None
    notional: Decimal | None
    number_of_trades: Count | None
    market_high: Decimal | None
    market_low: Decimal | None
    market_average: Decimal | None
    market_volume: Count | None
    market_notional: Decimal | None
    market_number_of_trades: Count | None
    market_open: Decimal | None
    market_close: Decimal | None
    market_change_over_time: float | None
    simplify_factor: list[int] | None

    @classmethod
    def from_finos(cls, p: finos.ChartPoint) -> ChartPoint:
        extra = p.model_extra or {}
        factor = extra.get("simplify_factor")
        fields = {name: getattr(p, name) for name in finos.ChartPoint.model_fields}
        return cls(**fields, simplify_factor=list(factor) if isinstance(factor, list) else None)


@strawberry.type(description="Key statistics of a stock (GET /v1/stocks/{symbol}/stats).")
class StockStats:
    symbol: str
    company_name: str | None
    market_cap: Decimal | None
    beta: float | None
    week52_high: Decimal | None
    week52_low: Decimal | None
    week52_change: float | None
    short_interest: Count | None
    short_date: str | None
    dividend_rate: Decimal | None
    dividend_yield: float | None
    ex_dividend_date: str | None
    latest_eps: Decimal | None
    latest_eps_date: str | None
    outstanding_shares: Count | None
    float_shares: Count | None
    return_on_equity: float | None
    consensus_eps: Decimal | None
    number_of_estimates: int | None
    ebitda: Decimal | None
    revenue: Decimal | None
    gross_profit: Decimal | None
    cash: Decimal | None
    debt: Decimal | None
    ttm_eps: Decimal | None
    revenue_per_share: Decimal | None
    revenue_per_employee: Decimal | None
    pe_ratio_high: float | None
    pe_ratio_low: float | None
    eps_surprise_dollar: Decimal | None
    eps_surprise_percent: float | None
    return_on_assets: float | None
    return_on_capital: float | None
    profit_margin: float | None
    price_to_sales: float | None
    price_to_book: float | None
    day200_moving_average: Decimal | None
    day50_moving_average: Decimal | None
    institution_percent: float | None
    insider_percent: float | None
    short_ratio: float | None
    year5_change_percent: float | None
    year2_change_percent: float | None
    year1_change_percent: float | None
    ytd_change_percent: float | None
    month6_change_percent: float | None
    month3_change_percent: float | None
    month1_change_percent: float | None
    day5_change_percent: float | None

    @classmethod
    def from_finos(cls, s: finos.StockStats) -> StockStats:
        return cls(**{name: getattr(s, name) for name in finos.StockStats.model_fields})
