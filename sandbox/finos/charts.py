"""Price history for charts: five years of daily bars and one day of minute bars.

Both follow from the seed and the symbol; the daily series ends at the
symbol's previous close on the last trading day before EPOCH.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..people import EPOCH

if TYPE_CHECKING:
    from .market import Instrument

LAST_DAY = (EPOCH - timedelta(days=1)).date()
FIVE_YEARS = 1260


def trading_days(count: int) -> list[date]:
    days: list[date] = []
    day = LAST_DAY
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return days[::-1]


def daily_bars(seed: int, ins: Instrument) -> list[dict[str, Any]]:
    """Five years of daily bars ending at the previous close (walked backwards)."""
    rng = random.Random(f"finos:{seed}:history:{ins.symbol}")
    days = trading_days(FIVE_YEARS)
    closes = [ins.previous_close]
    for _ in days[1:]:
        closes.append(max(1.0, closes[-1] / (1 + rng.gauss(0.0003, 0.015))))
    closes.reverse()
    bars: list[dict[str, Any]] = []
    previous = closes[0]
    for day, close in zip(days, closes, strict=True):
        open_ = previous * (1 + rng.gauss(0, 0.004))
        volume = int(ins.volume * rng.uniform(0.5, 1.5))
        change = close - previous
        bars.append(
            {
                "date": day.isoformat(),
                "open": round(open_, 4),
                "high": round(max(open_, close) * (1 + rng.uniform(0, 0.01)), 4),
                "low": round(min(open_, close) * (1 - rng.uniform(0, 0.01)), 4),
                "close": round(close, 4),
                "volume": volume,
                "unadjusted_close": round(close, 2),
                "unadjusted_volume": volume,
                "change": round(change, 6),
                "change_percent": round(change / previous * 100, 3),
                "vwap": round((open_ + close) / 2, 4),
                "label": day.strftime("%b %d, %y"),
            }
        )
        previous = close
    return bars


def minute_bars(seed: int, ins: Instrument) -> list[dict[str, Any]]:
    rng = random.Random(f"finos:{seed}:minutes:{ins.symbol}")
    day = LAST_DAY.strftime("%Y%m%d")
    bars: list[dict[str, Any]] = []
    price = ins.previous_close
    for minute in range(390):
        hour, mins = divmod(9 * 60 + 30 + minute, 60)
        open_ = price
        price = max(1.0, price * (1 + rng.gauss(0, 0.0008)))
        high = max(open_, price) * (1 + rng.uniform(0, 0.0005))
        low = min(open_, price) * (1 - rng.uniform(0, 0.0005))
        volume = rng.randrange(500, 20_000)
        trades = rng.randrange(5, 120)
        average = (high + low) / 2
        bar = {
            "date": day,
            "minute": f"{hour:02d}:{mins:02d}",
            "label": f"{(hour - 1) % 12 + 1:02d}:{mins:02d} {'AM' if hour < 12 else 'PM'}",
            "high": round(high, 3),
            "low": round(low, 3),
            "average": round(average, 3),
            "volume": volume,
            "notional": round(average * volume, 3),
            "number_of_trades": trades,
            "market_high": round(high, 3),
            "market_low": round(low, 3),
            "market_average": round(average, 3),
            "market_volume": volume * 20,
            "market_notional": round(average * volume * 20, 3),
            "market_number_of_trades": trades * 20,
            "open": round(open_, 3),
            "close": round(price, 3),
            "market_open": round(open_, 3),
            "market_close": round(price, 3),
        }
        bars.append(bar)
    return bars
