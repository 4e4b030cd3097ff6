"""Helpers shared by the Finos sandbox tests (no tests here).

The tests talk to the loopback sandbox over real HTTP and peek at the
in-process FinosSandbox only to pick seeded records or check stored state.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

import httpx

from sandbox.finos import FinosSandbox
from sandbox.finos.store import State
from tests.support import SandboxControl

API_KEY = "sk_sandbox_finos"
# One TLS context for every test client: building one per client loads the CA
# bundle each time, which costs more than the requests themselves (plain HTTP here).
TLS = ssl.create_default_context()
BASIC = httpx.BasicAuth(API_KEY, "")

USER = {
    "phone_number": "18042562188",
    "first_name": "John",
    "last_name": "Doe",
    "email_address": "johndoe@finos.example",
    "birth_date": "1985-01-23",
    "ssn_number": "123456789",
    "address_line_1": "123 Test St",
    "address_city": "Richmond",
    "address_state": "VA",
    "address_postal_code": "23220",
    "address_country_code": "US",
}

CASH_ACCOUNT = {
    "ownership": "individual",
    "account_type": "cash",
    "martial_status": "single",
    "country_of_citizenship": "USA",
    "employment_status": "Employed / Self-Employed",
    "employment_position": "Software Engineer",
    "employer_name": "Finos Inc",
}

INVESTMENT_PROFILE = {
    "annual_income": "$100,000 - $199,999",
    "investment_objective": "growth",
    "investment_experience": "limited",
    "net_liquid_worth": "$25,000 - $99,999",
    "net_total_worth": "$100,000 - $199,999",
    "is_director": False,
    "risk_tolerance": "moderate",
}


@asynccontextmanager
async def finos(
    sandbox: SandboxControl,
    auth: httpx.Auth | None = BASIC,
    headers: dict[str, str] | None = None,
) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on the Finos sandbox, Basic-authenticated unless told otherwise."""
    async with httpx.AsyncClient(
        base_url=sandbox.url("finos"),
        auth=auth,
        headers=headers,
        trust_env=False,
        timeout=10,
        verify=TLS,
    ) as client:
        yield client


def provider(sandbox: SandboxControl) -> FinosSandbox:
    return cast(FinosSandbox, sandbox.sandbox.providers["finos"])


def state(sandbox: SandboxControl) -> State:
    return provider(sandbox).backend.state


def seeded_user(sandbox: SandboxControl, status: str = "active") -> dict[str, Any]:
    """A seeded user with `status` (active ones have accounts and bank accounts)."""
    st = state(sandbox)
    for ident in st.users.order:
        user = st.users.by_id[ident]
        if user["status"] == status and (status != "active" or st.accounts_of_user[ident]):
            return user
    raise AssertionError(f"no seeded user with status {status}")


def funded_account(sandbox: SandboxControl, minimum: int = 1000) -> tuple[str, str]:
    """(account id, bank account id of its user) for a seeded account with cash."""
    st = state(sandbox)
    for ident in st.accounts.order:
        account = st.accounts.by_id[ident]
        banks = st.banks_of_user[account["user_id"]]
        if st.cash[ident] >= minimum and banks:
            return ident, banks[0]
    raise AssertionError("no funded account")


def error(type_: str, message: str) -> dict[str, Any]:
    return {"error": {"type": type_, "message": message}}


async def walk(
    http: httpx.AsyncClient, path: str, **params: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Follow next_page from `path` to the end; (ids in order, the pages' pagination)."""
    ids: list[str] = []
    pages: list[dict[str, Any]] = []
    answer = await http.get(path, params=params or None)  # params={} would drop a query
    while True:
        assert answer.status_code == 200, answer.text
        body = answer.json()
        pages.append(body["pagination"])
        ids.extend(item.get("id") or item["asset_id"] for item in body["data"])
        next_page = body["pagination"]["next_page"]
        if next_page is None:
            return ids, pages
        answer = await http.get(next_page)
