"""The gate counts by route template, also for routers a provider app includes."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import APIRouter, FastAPI

from sandbox.control import Faults, RateLimiter, Stats
from sandbox.gate import ProviderGate
from sandbox.provider import Clock


class NestedRoutes:
    """Just enough of a SandboxProvider: an app whose routes live in nested routers."""

    name = "demo"

    def __init__(self) -> None:
        self.app = FastAPI()
        api = APIRouter(prefix="/en/api/v3")
        loans = APIRouter(prefix="/loans")

        @loans.get("/{loan_id}")
        async def get_loan(loan_id: str) -> dict[str, Any]:
            return {"id": loan_id}

        api.include_router(loans)
        self.app.include_router(api)

    def credential_of(self, headers: dict[str, str]) -> str:
        return headers.get("authorization", "")


async def test_included_routers_are_counted_by_their_full_template() -> None:
    stats = Stats()
    gate = ProviderGate(NestedRoutes(), stats, Faults(1), RateLimiter({}, Clock()))  # type: ignore[arg-type]
    transport = httpx.ASGITransport(app=gate)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        assert (await http.get("/en/api/v3/loans/7")).json() == {"id": "7"}
        await http.get("/en/api/v3/loans/8")
        assert (await http.delete("/en/api/v3/loans/8")).status_code == 405
        await http.get("/elsewhere")
    assert stats.snapshot() == {
        "demo": {
            "GET /en/api/v3/loans/{loan_id}": 2,
            "DELETE /en/api/v3/loans/{loan_id}": 1,
            "GET /elsewhere": 1,
        }
    }
