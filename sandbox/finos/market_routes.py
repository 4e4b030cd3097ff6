"""Market data routes (the reference: "Market Data provided by IEX").

    GET /v1/stocks/{symbol}                 200 the quote
    GET /v1/stocks/{symbol}/chart           200 the 1m chart (the reference's default range)
    GET /v1/stocks/{symbol}/chart/{range}   200 5y, 2y, 1y, ytd, 6m, 3m, 1m or 1d
    GET /v1/stocks/{symbol}/stats           200 key statistics

Symbols are case-insensitive; an unknown one is a 404, an unknown range a 400.
Charts are plain JSON arrays, as in the reference.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from starlette.responses import JSONResponse

from .backend import Backend
from .errors import invalid, not_found
from .market import CHART_RANGES, Instrument


def router(backend: Backend) -> APIRouter:
    api = APIRouter()

    def instrument(symbol: str) -> Instrument:
        ins = backend.market.instruments.get(symbol.upper())
        if ins is None:
            raise not_found("symbol", symbol)
        return ins

    @api.get("/v1/stocks/{symbol}")
    async def quote(symbol: str) -> JSONResponse:
        return JSONResponse(backend.market.quote(instrument(symbol)))

    @api.get("/v1/stocks/{symbol}/chart")
    async def default_chart(symbol: str) -> JSONResponse:
        """The reference's default range, 1m."""
        return JSONResponse(backend.market.chart(instrument(symbol), "1m"))

    @api.get("/v1/stocks/{symbol}/chart/{range}")
    async def chart(symbol: str, range_: Annotated[str, Path(alias="range")]) -> JSONResponse:
        ins = instrument(symbol)
        if range_ not in CHART_RANGES:
            raise invalid(f"range must be one of {', '.join(CHART_RANGES)}")
        return JSONResponse(backend.market.chart(ins, range_))

    @api.get("/v1/stocks/{symbol}/stats")
    async def stats(symbol: str) -> JSONResponse:
        return JSONResponse(backend.market.stats(instrument(symbol)))

    return api
