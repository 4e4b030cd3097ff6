"""Shared fixtures and builders for the Finos client tests (imported by test_finos_*.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from resolvers.cache import RefCache
from resolvers.config import CacheConfig, FinosConfig
from resolvers.finos import Account, AccountProfile, BankAccount, FinosClient, PersonDetails
from resolvers.providers import make_ref_cache
from tests.support import SandboxControl

API_KEY = "sk_sandbox_finos"


class FakeTimer:
    """The RefCache's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def timer() -> FakeTimer:
    return FakeTimer()


@pytest.fixture
def cache(timer: FakeTimer) -> RefCache:
    config = CacheConfig()
    return RefCache(config.model_dump(exclude={"maxsize"}), timer=timer)


@pytest.fixture
async def finos(sandbox: SandboxControl, cache: RefCache) -> AsyncIterator[FinosClient]:
    async with FinosClient.create(FinosConfig(), sandbox.url("finos"), cache=cache) as client:
        yield client


def client_for(sandbox: SandboxControl, **config: object) -> FinosClient:
    """A client with its own cache and the given FinosConfig fields."""
    return FinosClient.create(
        FinosConfig.model_validate(config),
        sandbox.url("finos"),
        cache=make_ref_cache(CacheConfig()),
    )


def person(n: int = 0, *, ssn_last: str = "9", email: str | None = None) -> PersonDetails:
    """A new person; the sandbox decides KYC by the SSN's last digit
    (0 questions, 1 documents, 2 rejected, else approved)."""
    return PersonDetails(
        first_name="Test",
        last_name=f"Person{n}",
        email_address=email or f"test.person{n}@example.com",
        birth_date=dt.date(1985, 1, 23),
        ssn_number=f"12345678{ssn_last}",
        phone_number="18042562188",
        address_line_1="123 Test St",
        address_city="Richmond",
        address_state="VA",
        address_postal_code="23220",
        address_country_code="US",
    )


def profile(account_type: str = "cash") -> AccountProfile:
    return AccountProfile.model_validate(
        {
            "account_type": account_type,
            "martial_status": "single",
            "country_of_citizenship": "USA",
            "employment_status": "employed / self-employed",
            "employment_position": "Software Engineer",
            "employer_name": "Finos Inc",
            "annual_income": "$100,000 - $199,999",
            "investment_objective": "growth",
            "investment_experience": "limited",
            "net_liquid_worth": "$100,000 - $199,999",
            "net_total_worth": "$100,000 - $199,999",
            "risk_tolerance": "moderate",
            "is_director": False,
        }
    )


def finos_state(sandbox: SandboxControl) -> Any:
    """The Finos sandbox's in-process state, to count records and pick seeded ones."""
    return sandbox.sandbox.providers["finos"].backend.state  # type: ignore[attr-defined]


@dataclass
class Funded:
    user_id: str
    account: Account
    bank: BankAccount
    held_symbol: str


async def funded(sandbox: SandboxControl, finos: FinosClient) -> Funded:
    """A seeded account of an active user with cash, a position and a linked bank
    (picked from the sandbox state, then read through the client)."""
    state = finos_state(sandbox)
    for account_id in state.accounts.order:
        record = state.accounts.by_id[account_id]
        user_id = record["user_id"]
        banks = state.banks_of_user.get(user_id)
        positions = state.positions.get(account_id)
        active = state.users.by_id[user_id]["status"] == "active"
        if active and banks and positions and state.cash.get(account_id, 0) > 1000:
            account = await finos.get_account(account_id)
            bank = await finos.get_bank_account(banks[0])
            held = next(iter(positions.values())).symbol
            return Funded(user_id, account, bank, held)
    raise AssertionError("the seed has no funded account")
