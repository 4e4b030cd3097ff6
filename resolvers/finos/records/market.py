"""Market data records (IEX-style quote, chart points, key stats).

Prices and money are Decimal; percentages and ratios are float; counts int;
`*_time`/`*_update` stamps stay the provider's epoch milliseconds.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from .common import FinosRecord


class Quote(FinosRecord):
    """`GET /v1/stocks/{symbol}`."""

    symbol: str
    company_name: str | None = None
    primary_exchange: str | None = None
    sector: str | None = None
    calculation_price: str | None = None
    open: Decimal | None = None
    open_time: int | None = None
    close: Decimal | None = None
    close_time: int | None = None
    high: Decimal | None = None
    low: Decimal | None = None
    latest_price: Decimal | None = None
    latest_source: str | None = None
    latest_time: str | None = None
    latest_update: int | None = None
    latest_volume: int | None = None
    iex_realtime_price: Decimal | None = None
    iex_realtime_size: int | None = None
    iex_last_updated: int | None = None
    delayed_price: Decimal | None = None
    delayed_price_time: int | None = None
    extended_price: Decimal | None = None
    extended_change: Decimal | None = None
    extended_change_percent: float | None = None
    extended_price_time: int | None = None
    previous_close: Decimal | None = None
    change: Decimal | None = None
    change_percent: float | None = None
    iex_market_percent: float | None = None
    iex_volume: int | None = None
    average_total_volume: int | None = None
    iex_bid_price: Decimal | None = None
    iex_bid_size: int | None = None
    iex_ask_price: Decimal | None = None
    iex_ask_size: int | None = None
    market_cap: Decimal | None = None
    pe_ratio: float | None = None
    week52_high: Decimal | None = Field(None, alias="52week_high")
    week52_low: Decimal | None = Field(None, alias="52week_low")
    ytd_change: float | None = None


class ChartPoint(FinosRecord):
    """One point of `GET /v1/stocks/{symbol}/chart/{range}`; 1d points carry `minute`."""

    date: str
    minute: str | None = None
    label: str | None = None
    open: Decimal | None = None
    high: Decimal | None = None
    low: Decimal | None = None
    close: Decimal | None = None
    volume: int | None = None
    unadjusted_close: Decimal | None = None
    unadjusted_volume: int | None = None
    change: Decimal | None = None
    change_percent: float | None = None
    vwap: Decimal | None = None
    change_over_time: float | None = None
    average: Decimal | None = None
    notional: Decimal | None = None
    number_of_trades: int | None = None
    market_high: Decimal | None = None
    market_low: Decimal | None = None
    market_average: Decimal | None = None
    market_volume: int | None = None
    market_notional: Decimal | None = None
    market_number_of_trades: int | None = None
    market_open: Decimal | None = None
    market_close: Decimal | None = None
    market_change_over_time: float | None = None


class StockStats(FinosRecord):
    """`GET /v1/stocks/{symbol}/stats`; names starting with a digit or in capitals are aliased."""

    symbol: str
    company_name: str | None = None
    market_cap: Decimal | None = None
    beta: float | None = None
    week52_high: Decimal | None = Field(None, alias="52week_high")
    week52_low: Decimal | None = Field(None, alias="52week_low")
    week52_change: float | None = Field(None, alias="52week_change")
    short_interest: int | None = None
    short_date: str | None = None
    dividend_rate: Decimal | None = None
    dividend_yield: float | None = None
    ex_dividend_date: str | None = None
    latest_eps: Decimal | None = Field(None, alias="latest_EPS")
    latest_eps_date: str | None = Field(None, alias="latest_EPS_date")
    outstanding_shares: int | None = None
    float_shares: int | None = Field(None, alias="float")
    return_on_equity: float | None = None
    consensus_eps: Decimal | None = Field(None, alias="consensus_EPS")
    number_of_estimates: int | None = None
    ebitda: Decimal | None = Field(None, alias="EBITDA")
    revenue: Decimal | None = None
    gross_profit: Decimal | None = None
    cash: Decimal | None = None
    debt: Decimal | None = None
    ttm_eps: Decimal | None = Field(None, alias="ttm_EPS")
    revenue_per_share: Decimal | None = None
    revenue_per_employee: Decimal | None = None
    pe_ratio_high: float | None = None
    pe_ratio_low: float | None = None
    eps_surprise_dollar: Decimal | None = Field(None, alias="EPS_surprise_dollar")
    eps_surprise_percent: float | None = Field(None, alias="EPS_surprise_percent")
    return_on_assets: float | None = None
    return_on_capital: float | None = None
    profit_margin: float | None = None
    price_to_sales: float | None = None
    price_to_book: float | None = None
    day200_moving_average: Decimal | None = Field(None, alias="200day_moving_average")
    day50_moving_average: Decimal | None = Field(None, alias="50day_moving_average")
    institution_percent: float | None = None
    insider_percent: float | None = None
    short_ratio: float | None = None
    year5_change_percent: float | None = Field(None, alias="5year_change_percent")
    year2_change_percent: float | None = Field(None, alias="2year_change_percent")
    year1_change_percent: float | None = Field(None, alias="1year_change_percent")
    ytd_change_percent: float | None = None
    month6_change_percent: float | None = Field(None, alias="6month_change_percent")
    month3_change_percent: float | None = Field(None, alias="3month_change_percent")
    month1_change_percent: float | None = Field(None, alias="1month_change_percent")
    day5_change_percent: float | None = Field(None, alias="5day_change_percent")
