"""Finos sandbox: deterministic market data (quote, chart, stats)."""

from __future__ import annotations

from sandbox.finos.market import UNIVERSE, Market
from tests.sandbox.test_finos_support import error, finos
from tests.support import SandboxControl


async def test_a_quote_has_the_documented_fields_and_a_stable_price(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        first = await http.get("/v1/stocks/AAPL")
        lower = await http.get("/v1/stocks/aapl")
        prices = {s: (await http.get(f"/v1/stocks/{s}")).json()["latest_price"] for s in UNIVERSE}
    assert len(set(prices.values())) > 25
    assert first.status_code == 200
    quote = first.json()
    assert quote == lower.json()
    assert quote["symbol"] == "AAPL" and quote["company_name"] == "Apple Inc."
    for key in ("latest_price", "previous_close", "change", "market_cap", "52week_high"):
        assert isinstance(quote[key], int | float), key
    assert quote["latest_price"] == Market(42).quote(Market(42).instruments["AAPL"])["latest_price"]


def test_prices_follow_the_seed() -> None:
    assert Market(42).instruments["AAPL"].price == Market(42).instruments["AAPL"].price
    assert Market(42).instruments["AAPL"].price != Market(7).instruments["AAPL"].price
    assert len(UNIVERSE) == 30


async def test_unknown_symbols_are_404(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        answers = [
            await http.get("/v1/stocks/ZZZZ"),
            await http.get("/v1/stocks/ZZZZ/chart"),
            await http.get("/v1/stocks/ZZZZ/chart/1y"),
            await http.get("/v1/stocks/ZZZZ/stats"),
        ]
    assert [a.status_code for a in answers] == [404] * 4
    assert answers[0].json() == error("not_found", "symbol ZZZZ not found")


async def test_a_chart_covers_its_range(sandbox: SandboxControl) -> None:
    sizes = {"5y": 1260, "2y": 504, "1y": 252, "6m": 126, "3m": 63, "1m": 21, "1d": 390}
    async with finos(sandbox) as http:
        charts = {r: (await http.get(f"/v1/stocks/MSFT/chart/{r}")).json() for r in sizes}
    assert {r: len(c) for r, c in charts.items()} == sizes
    assert all(c[0]["change_over_time"] == 0 for c in charts.values())
    assert charts["1d"][0]["minute"] == "09:30" and "market_average" in charts["1d"][0]
    for range_ in ("5y", "1m"):
        chart = charts[range_]
        assert chart[-1]["date"] == "2026-05-29" and "vwap" in chart[0]
        assert [p["date"] for p in chart] == sorted(p["date"] for p in chart)
    assert charts["1m"][-1]["close"] == charts["5y"][-1]["close"]


async def test_the_default_chart_is_one_month_and_bad_ranges_are_400(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        default = await http.get("/v1/stocks/MSFT/chart")
        month = await http.get("/v1/stocks/MSFT/chart/1m")
        ytd = await http.get("/v1/stocks/MSFT/chart/ytd")
        bad = await http.get("/v1/stocks/MSFT/chart/7w")
    assert default.json() == month.json()
    assert ytd.json()[0]["date"] >= "2026-01-01"
    assert bad.status_code == 400
    assert bad.json() == error(
        "invalid_request", "range must be one of 5y, 2y, 1y, ytd, 6m, 3m, 1m, 1d"
    )
    assert sandbox.calls("finos", "GET /v1/stocks/{symbol}/chart/{range}") == 3


async def test_stats_have_the_documented_fields(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        stats = (await http.get("/v1/stocks/TSLA/stats")).json()
    assert stats["symbol"] == "TSLA" and stats["company_name"] == "Tesla Inc."
    for key in ("market_cap", "beta", "EBITDA", "ttm_EPS", "52week_change", "5day_change_percent"):
        assert key in stats
    assert stats["EPS_surprise_dollar"] is None
