"""Brokerage accounts: `/v1/users/{id}/accounts`, `/v1/accounts/{id}` and its
positions, transactions and managed-account settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Literal

from ..base import given, seg
from .base import MAX_LIMIT, FinosBase, money
from .inputs import AccountProfile, PersonDetails
from .records.accounts import Account, AccountSettings, Position, Transaction
from .records.common import Page


class AccountsMixin(FinosBase):
    async def create_account(
        self, user_id: str, profile: AccountProfile, *, idempotency_key: str | None = None
    ) -> Account:
        """`POST /v1/users/{user_id}/accounts` with `ownership: individual`."""
        body = {"ownership": "individual", **profile.to_json()}
        payload = await self._post(f"/v1/users/{seg(user_id)}/accounts", body, idempotency_key)
        return self._parse(Account, payload)

    async def create_joint_account(
        self,
        user_id: str,
        profile: AccountProfile,
        joint_member: PersonDetails,
        *,
        idempotency_key: str | None = None,
    ) -> Account:
        """`POST /v1/users/{user_id}/accounts` with `ownership: joint` and `joint_member`."""
        body = {"ownership": "joint", **profile.to_json(), "joint_member": joint_member.to_json()}
        payload = await self._post(f"/v1/users/{seg(user_id)}/accounts", body, idempotency_key)
        return self._parse(Account, payload)

    async def get_account(self, account_id: str) -> Account:
        """`GET /v1/accounts/{id}`."""
        return await self._get_one(Account, f"/v1/accounts/{seg(account_id)}")

    async def update_account(
        self,
        account_id: str,
        *,
        account_type: Literal["cash", "investment"] | None = None,
        ownership: Literal["individual", "joint"] | None = None,
        joint_member: PersonDetails | None = None,
        martial_status: str | None = None,
        country_of_citizenship: str | None = None,
        employment_status: str | None = None,
        employment_position: str | None = None,
        employer_name: str | None = None,
        annual_income: str | None = None,
        investment_objective: str | None = None,
        investment_experience: str | None = None,
        net_liquid_worth: str | None = None,
        net_total_worth: str | None = None,
        risk_tolerance: str | None = None,
        is_director: bool | None = None,
        director_of: str | None = None,
    ) -> Account:
        """`PUT /v1/accounts/{id}`: only the arguments given are sent. A `joint_member`
        turns an individual account joint; the investment fields turn cash into
        investment (profile changes go through `update_user`)."""
        body = given(
            account_type=account_type,
            ownership=ownership,
            joint_member=joint_member.to_json() if joint_member else None,
            martial_status=martial_status,
            country_of_citizenship=country_of_citizenship,
            employment_status=employment_status,
            employment_position=employment_position,
            employer_name=employer_name,
            annual_income=annual_income,
            investment_objective=investment_objective,
            investment_experience=investment_experience,
            net_liquid_worth=net_liquid_worth,
            net_total_worth=net_total_worth,
            risk_tolerance=risk_tolerance,
            is_director=is_director,
            director_of=director_of,
        )
        payload = await self._send("PUT", f"/v1/accounts/{seg(account_id)}", json=body)
        return self._parse(Account, payload)

    async def list_accounts(
        self,
        user_id: str,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        ending_before: str | None = None,
        order: str | None = None,
    ) -> Page[Account]:
        """`GET /v1/users/{user_id}/accounts`: one page."""
        return await self._page(
            Account,
            f"/v1/users/{seg(user_id)}/accounts",
            limit=limit,
            starting_after=starting_after,
            ending_before=ending_before,
            order=order,
        )

    def iter_accounts(
        self, user_id: str, *, cap: int | None = None, limit: int = MAX_LIMIT
    ) -> AsyncIterator[Account]:
        return self._walk(self.list_accounts, cap, user_id, limit=limit)

    async def list_all_accounts(
        self,
        *,
        user_id: str | None = None,
        limit: int | None = None,
        starting_after: str | None = None,
        order: str | None = None,
    ) -> Page[Account]:
        """`GET /v1/accounts`: every account of the API key (the list the reference's own
        `next_uri` points at; not otherwise documented), optionally of one user."""
        return await self._page(
            Account,
            "/v1/accounts",
            limit=limit,
            starting_after=starting_after,
            order=order,
            user_id=user_id,
        )

    def iter_all_accounts(
        self, *, user_id: str | None = None, cap: int | None = None, limit: int = MAX_LIMIT
    ) -> AsyncIterator[Account]:
        return self._walk(self.list_all_accounts, cap, user_id=user_id, limit=limit)

    async def list_positions(
        self,
        account_id: str,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        order: str | None = None,
    ) -> Page[Position]:
        """`GET /v1/accounts/{id}/positions`: one page (the cursor is `asset_id`)."""
        return await self._page(
            Position,
            f"/v1/accounts/{seg(account_id)}/positions",
            limit=limit,
            starting_after=starting_after,
            order=order,
            cursor_field="asset_id",
        )

    def iter_positions(
        self, account_id: str, *, cap: int | None = None, limit: int = MAX_LIMIT
    ) -> AsyncIterator[Position]:
        return self._walk(self.list_positions, cap, account_id, limit=limit)

    async def list_transactions(
        self,
        account_id: str,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        order: str | None = None,
    ) -> Page[Transaction]:
        """`GET /v1/accounts/{id}/transactions`: one page."""
        return await self._page(
            Transaction,
            f"/v1/accounts/{seg(account_id)}/transactions",
            limit=limit,
            starting_after=starting_after,
            order=order,
        )

    def iter_transactions(
        self, account_id: str, *, cap: int | None = None, limit: int = MAX_LIMIT
    ) -> AsyncIterator[Transaction]:
        return self._walk(self.list_transactions, cap, account_id, limit=limit)

    async def get_account_settings(self, account_id: str) -> AccountSettings:
        """`GET /v1/accounts/{id}/settings` (the REST counterpart of the documented PUT)."""
        return await self._get_one(AccountSettings, f"/v1/accounts/{seg(account_id)}/settings")

    async def update_account_settings(
        self,
        account_id: str,
        *,
        managed: bool | None = None,
        portfolio_id: str | None = None,
        min_cash_percent: Decimal | str | None = None,
        max_cash_percent: Decimal | str | None = None,
    ) -> AccountSettings:
        """`PUT /v1/accounts/{id}/settings`: only the arguments given are sent."""
        body = given(
            managed=managed,
            portfolio_id=portfolio_id,
            min_cash_percent=None if min_cash_percent is None else money(min_cash_percent),
            max_cash_percent=None if max_cash_percent is None else money(max_cash_percent),
        )
        payload = await self._send("PUT", f"/v1/accounts/{seg(account_id)}/settings", json=body)
        return self._parse(AccountSettings, payload)
