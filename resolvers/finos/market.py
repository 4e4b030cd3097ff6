"""Market data: `/v1/stocks/{symbol}`, its chart and its stats.

Quotes are not cached here: how fresh a quote must be is the schema layer's call.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from .base import FinosBase
from .records.market import ChartPoint, Quote, StockStats

ChartRange = Literal["5y", "2y", "1y", "ytd", "6m", "3m", "1m", "1d"]


def _symbol(symbol: str) -> str:
    return quote(symbol.strip().upper(), safe="")


class MarketMixin(FinosBase):
    async def get_quote(self, symbol: str) -> Quote:
        """`GET /v1/stocks/{symbol}`."""
        return await self._get_one(Quote, f"/v1/stocks/{_symbol(symbol)}")

    async def get_chart(self, symbol: str, range: ChartRange | None = None) -> list[ChartPoint]:
        """`GET /v1/stocks/{symbol}/chart/{range}`, or `/chart` for the provider's default
        range (1m) when `range` is None: a bare JSON array of points."""
        path = f"/v1/stocks/{_symbol(symbol)}/chart"
        if range is not None:
            path += f"/{range}"
        return self._parse_list(ChartPoint, await self._send("GET", path))

    async def get_stats(self, symbol: str) -> StockStats:
        """`GET /v1/stocks/{symbol}/stats`."""
        return await self._get_one(StockStats, f"/v1/stocks/{_symbol(symbol)}/stats")
