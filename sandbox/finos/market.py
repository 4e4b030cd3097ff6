"""Deterministic market data for a fixed universe of 30 symbols.

Each symbol's price, quote, statistics and daily history follow from the seed
alone, so the same seed always quotes the same prices. Trading days are
weekdays; the last one is the day before EPOCH.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from .charts import LAST_DAY, daily_bars, minute_bars
from .values import EPOCH_MS

# symbol: (company, exchange, primary_exchange, sector)
UNIVERSE: dict[str, tuple[str, str, str, str]] = {
    "AAPL": ("Apple Inc.", "NASDAQ", "Nasdaq Global Select", "Technology"),
    "MSFT": ("Microsoft Corporation", "NASDAQ", "Nasdaq Global Select", "Technology"),
    "GOOG": ("Alphabet Inc.", "NASDAQ", "Nasdaq Global Select", "Technology"),
    "AMZN": ("Amazon.com Inc.", "NASDAQ", "Nasdaq Global Select", "Consumer Cyclical"),
    "META": ("Meta Platforms Inc.", "NASDAQ", "Nasdaq Global Select", "Technology"),
    "TSLA": ("Tesla Inc.", "NASDAQ", "Nasdaq Global Select", "Consumer Cyclical"),
    "NVDA": ("NVIDIA Corporation", "NASDAQ", "Nasdaq Global Select", "Technology"),
    "NFLX": ("Netflix Inc.", "NASDAQ", "Nasdaq Global Select", "Communication Services"),
    "INTC": ("Intel Corporation", "NASDAQ", "Nasdaq Global Select", "Technology"),
    "AMD": ("Advanced Micro Devices Inc.", "NASDAQ", "Nasdaq Global Select", "Technology"),
    "CSCO": ("Cisco Systems Inc.", "NASDAQ", "Nasdaq Global Select", "Technology"),
    "SBUX": ("Starbucks Corporation", "NASDAQ", "Nasdaq Global Select", "Consumer Cyclical"),
    "PEP": ("PepsiCo Inc.", "NASDAQ", "Nasdaq Global Select", "Consumer Defensive"),
    "JPM": ("JPMorgan Chase & Co.", "NYSE", "New York Stock Exchange", "Financial Services"),
    "BAC": ("Bank of America Corporation", "NYSE", "New York Stock Exchange", "Financial Services"),
    "V": ("Visa Inc.", "NYSE", "New York Stock Exchange", "Financial Services"),
    "MA": ("Mastercard Incorporated", "NYSE", "New York Stock Exchange", "Financial Services"),
    "DIS": ("The Walt Disney Company", "NYSE", "New York Stock Exchange", "Communication Services"),
    "KO": ("The Coca-Cola Company", "NYSE", "New York Stock Exchange", "Consumer Defensive"),
    "WMT": ("Walmart Inc.", "NYSE", "New York Stock Exchange", "Consumer Defensive"),
    "XOM": ("Exxon Mobil Corporation", "NYSE", "New York Stock Exchange", "Energy"),
    "CVX": ("Chevron Corporation", "NYSE", "New York Stock Exchange", "Energy"),
    "PFE": ("Pfizer Inc.", "NYSE", "New York Stock Exchange", "Healthcare"),
    "JNJ": ("Johnson & Johnson", "NYSE", "New York Stock Exchange", "Healthcare"),
    "IBM": ("International Business Machines", "NYSE", "New York Stock Exchange", "Technology"),
    "NKE": ("NIKE Inc.", "NYSE", "New York Stock Exchange", "Consumer Cyclical"),
    "ORCL": ("Oracle Corporation", "NYSE", "New York Stock Exchange", "Technology"),
    "VTI": ("Vanguard Total Stock Market ETF", "NYSE ARCA", "NYSE Arca", "Financial Services"),
    "VEA": ("Vanguard FTSE Developed Markets ETF", "NYSE ARCA", "NYSE Arca", "Financial Services"),
    "VWO": ("Vanguard FTSE Emerging Markets ETF", "NYSE ARCA", "NYSE Arca", "Financial Services"),
}

RANGES: dict[str, int] = {"5y": 1260, "2y": 504, "1y": 252, "6m": 126, "3m": 63, "1m": 21}
CHART_RANGES = ("5y", "2y", "1y", "ytd", "6m", "3m", "1m", "1d")
DAY_MS = 86_400_000


@dataclass(frozen=True)
class Instrument:
    symbol: str
    asset_id: str
    company_name: str
    exchange: str
    primary_exchange: str
    sector: str
    price: float  # latest price
    previous_close: float
    volume: int


class Market:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.instruments: dict[str, Instrument] = {}
        self.by_asset_id: dict[str, Instrument] = {}
        for symbol, (name, exchange, primary, sector) in UNIVERSE.items():
            rng = random.Random(f"finos:{seed}:market:{symbol}")
            price = round(rng.uniform(15, 600), 2)
            instrument = Instrument(
                symbol=symbol,
                asset_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                company_name=name,
                exchange=exchange,
                primary_exchange=primary,
                sector=sector,
                price=price,
                previous_close=round(price * rng.uniform(0.97, 1.03), 2),
                volume=rng.randrange(1_000_000, 80_000_000),
            )
            self.instruments[symbol] = instrument
            self.by_asset_id[instrument.asset_id] = instrument
        self._history: dict[str, list[dict[str, Any]]] = {}
        self._charts: dict[tuple[str, str], list[dict[str, Any]]] = {}

    def find(self, symbol_or_asset_id: str) -> Instrument | None:
        key = symbol_or_asset_id.strip()
        return self.instruments.get(key.upper()) or self.by_asset_id.get(key)

    def price(self, symbol: str) -> Decimal:
        return Decimal(str(self.instruments[symbol].price))

    def quote(self, ins: Instrument) -> dict[str, Any]:
        rng = random.Random(f"finos:{self.seed}:quote:{ins.symbol}")
        open_ = round(ins.previous_close * rng.uniform(0.99, 1.01), 2)
        high = round(max(open_, ins.price) * rng.uniform(1.0, 1.02), 2)
        low = round(min(open_, ins.price) * rng.uniform(0.98, 1.0), 2)
        change = round(ins.price - ins.previous_close, 2)
        updated = EPOCH_MS - 4 * 3_600_000 + rng.randrange(3_600_000)
        close_time = EPOCH_MS - DAY_MS + 4 * 3_600_000
        eps = rng.uniform(1, 15)
        return {
            "symbol": ins.symbol,
            "company_name": ins.company_name,
            "primary_exchange": ins.primary_exchange,
            "sector": ins.sector,
            "calculation_price": "tops",
            "open": open_,
            "open_time": EPOCH_MS - 6 * 3_600_000 + 1_800_000,
            "close": ins.previous_close,
            "close_time": close_time,
            "high": high,
            "low": low,
            "latest_price": ins.price,
            "latest_source": "IEX real time price",
            "latest_time": "11:35:26 AM",
            "latest_update": updated,
            "latest_volume": ins.volume,
            "iex_realtime_price": ins.price,
            "iex_realtime_size": 100,
            "iex_last_updated": updated,
            "delayed_price": round(ins.price * rng.uniform(0.998, 1.002), 3),
            "delayed_price_time": updated - 900_000,
            "extended_price": ins.price,
            "extended_change": 0,
            "extended_change_percent": 0,
            "extended_price_time": updated,
            "previous_close": ins.previous_close,
            "change": change,
            "change_percent": round(change / ins.previous_close, 5),
            "iex_market_percent": round(rng.uniform(0.01, 0.05), 4),
            "iex_volume": ins.volume // rng.randrange(20, 60),
            "average_total_volume": int(ins.volume * rng.uniform(0.8, 1.6)),
            "iex_bid_price": round(ins.price - 0.02, 2),
            "iex_bid_size": 100,
            "iex_ask_price": round(ins.price + 0.02, 2),
            "iex_ask_size": 100,
            "market_cap": int(ins.price * rng.randrange(200_000_000, 6_000_000_000)),
            "pe_ratio": round(ins.price / eps, 2),
            "52week_high": round(ins.price * rng.uniform(1.05, 1.4), 2),
            "52week_low": round(ins.price * rng.uniform(0.6, 0.95), 2),
            "ytd_change": rng.uniform(-0.2, 0.4),
        }

    def stats(self, ins: Instrument) -> dict[str, Any]:
        rng = random.Random(f"finos:{self.seed}:stats:{ins.symbol}")
        shares = rng.randrange(200_000_000, 6_000_000_000)
        revenue = rng.randrange(5_000_000_000, 400_000_000_000)
        eps = round(rng.uniform(1, 15), 2)
        return {
            "company_name": ins.company_name,
            "market_cap": int(ins.previous_close * shares),
            "beta": round(rng.uniform(0.5, 2.0), 6),
            "52week_high": round(ins.price * rng.uniform(1.05, 1.4), 2),
            "52week_low": round(ins.price * rng.uniform(0.6, 0.95), 2),
            "52week_change": round(rng.uniform(-30, 60), 6),
            "short_interest": rng.randrange(1_000_000, 90_000_000),
            "short_date": (LAST_DAY - timedelta(days=14)).isoformat(),
            "dividend_rate": round(rng.uniform(0, 4), 2),
            "dividend_yield": round(rng.uniform(0, 4), 7),
            "ex_dividend_date": f"{(LAST_DAY - timedelta(days=40)).isoformat()} 00:00:00.0",
            "latest_EPS": eps,
            "latest_EPS_date": (LAST_DAY - timedelta(days=60)).isoformat(),
            "outstanding_shares": shares,
            "float": int(shares * rng.uniform(0.9, 0.999)),
            "return_on_equity": rng.uniform(0.01, 0.4),
            "consensus_EPS": round(eps * rng.uniform(0.9, 1.1), 2),
            "number_of_estimates": rng.randrange(3, 40),
            "symbol": ins.symbol,
            "EBITDA": revenue // rng.randrange(3, 8),
            "revenue": revenue,
            "gross_profit": revenue // rng.randrange(2, 5),
            "cash": rng.randrange(1_000_000_000, 300_000_000_000),
            "debt": rng.randrange(1_000_000_000, 300_000_000_000),
            "ttm_EPS": round(eps * 4 * rng.uniform(0.9, 1.1), 2),
            "revenue_per_share": revenue / shares,
            "revenue_per_employee": rng.uniform(200_000, 2_500_000),
            "pe_ratio_high": round(rng.uniform(20, 40), 1),
            "pe_ratio_low": round(rng.uniform(5, 20), 1),
            "EPS_surprise_dollar": None,
            "EPS_surprise_percent": round(rng.uniform(-5, 5), 4),
            "return_on_assets": round(rng.uniform(1, 20), 2),
            "return_on_capital": None,
            "profit_margin": round(rng.uniform(2, 35), 2),
            "price_to_sales": round(rng.uniform(0.5, 12), 7),
            "price_to_book": round(rng.uniform(1, 15), 2),
            "200day_moving_average": round(ins.price * rng.uniform(0.85, 1.05), 5),
            "50day_moving_average": round(ins.price * rng.uniform(0.92, 1.05), 5),
            "institution_percent": round(rng.uniform(10, 80), 1),
            "insider_percent": None,
            "short_ratio": round(rng.uniform(0.5, 5), 7),
            "5year_change_percent": rng.uniform(-0.5, 3),
            "2year_change_percent": rng.uniform(-0.4, 1.5),
            "1year_change_percent": rng.uniform(-0.3, 0.8),
            "ytd_change_percent": rng.uniform(-0.2, 0.4),
            "6month_change_percent": rng.uniform(-0.2, 0.3),
            "3month_change_percent": rng.uniform(-0.15, 0.2),
            "1month_change_percent": rng.uniform(-0.1, 0.1),
            "5day_change_percent": rng.uniform(-0.05, 0.05),
        }

    def chart(self, ins: Instrument, range_: str) -> list[dict[str, Any]]:
        cached = self._charts.get((ins.symbol, range_))
        if cached is not None:
            return cached
        if range_ == "1d":
            bars = minute_bars(self.seed, ins)
            first = bars[0]["close"]
            points = [
                {
                    **bar,
                    "change_over_time": round((bar["close"] - first) / first, 4),
                    "market_change_over_time": round((bar["market_close"] - first) / first, 4),
                }
                for bar in bars
            ]
        else:
            daily = self._history.get(ins.symbol) or daily_bars(self.seed, ins)
            self._history[ins.symbol] = daily
            if range_ == "ytd":
                start = date(LAST_DAY.year, 1, 1).isoformat()
                window = [bar for bar in daily if bar["date"] >= start]
            else:
                window = daily[-RANGES[range_] :]
            first = window[0]["close"]
            points = [
                {**bar, "change_over_time": round((bar["close"] - first) / first, 4)}
                for bar in window
            ]
        self._charts[(ins.symbol, range_)] = points
        return points
