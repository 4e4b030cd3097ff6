"""Funding: bank accounts (`/v1/users/{id}/bank_accounts`, `/v1/bank_accounts/{id}`),
ACH deposits (`/v1/deposits`) and withdrawals (`/v1/withdrawal`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

from ..base import seg
from .base import MAX_LIMIT, FinosBase, money
from .records.common import Deleted, Page
from .records.funding import BankAccount, Deposit, Withdrawal


class FundingMixin(FinosBase):
    async def create_bank_account(
        self,
        user_id: str,
        *,
        bank_account_number: str,
        bank_routing_number: str,
        bank_account_nickname: str,
        idempotency_key: str | None = None,
    ) -> BankAccount:
        """`POST /v1/users/{user_id}/bank_accounts`."""
        body = {
            "bank_account_number": bank_account_number,
            "bank_routing_number": bank_routing_number,
            "bank_account_nickname": bank_account_nickname,
        }
        payload = await self._post(f"/v1/users/{seg(user_id)}/bank_accounts", body, idempotency_key)
        return self._parse(BankAccount, payload)

    async def get_bank_account(self, bank_account_id: str) -> BankAccount:
        """`GET /v1/bank_accounts/{id}`."""
        return await self._get_one(BankAccount, f"/v1/bank_accounts/{seg(bank_account_id)}")

    async def update_bank_account(
        self,
        bank_account_id: str,
        *,
        default: bool | None = None,
        bank_account_nickname: str | None = None,
    ) -> BankAccount:
        """`PUT /v1/bank_accounts/{id}`: only the arguments given are sent."""
        body: dict[str, Any] = {}
        if default is not None:
            body["default"] = default
        if bank_account_nickname is not None:
            body["bank_account_nickname"] = bank_account_nickname
        payload = await self._send("PUT", f"/v1/bank_accounts/{seg(bank_account_id)}", json=body)
        return self._parse(BankAccount, payload)

    async def delete_bank_account(self, bank_account_id: str) -> Deleted:
        """`DELETE /v1/bank_accounts/{id}`."""
        payload = await self._send("DELETE", f"/v1/bank_accounts/{seg(bank_account_id)}")
        return self._parse(Deleted, payload)

    async def list_bank_accounts(
        self,
        user_id: str,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        order: str | None = None,
    ) -> Page[BankAccount]:
        """`GET /v1/users/{user_id}/bank_accounts`: one page."""
        return await self._page(
            BankAccount,
            f"/v1/users/{seg(user_id)}/bank_accounts",
            limit=limit,
            starting_after=starting_after,
            order=order,
        )

    def iter_bank_accounts(
        self, user_id: str, *, cap: int | None = None, limit: int = MAX_LIMIT
    ) -> AsyncIterator[BankAccount]:
        return self._walk(self.list_bank_accounts, cap, user_id, limit=limit)

    async def create_deposit(
        self,
        *,
        account_id: str,
        bank_account_id: str,
        amount: Decimal | str,
        idempotency_key: str | None = None,
    ) -> Deposit:
        """`POST /v1/deposits`: a one-time ACH deposit from a linked bank account."""
        body = {"account_id": account_id, "bank_account_id": bank_account_id}
        payload = await self._post(
            "/v1/deposits", {**body, "amount": money(amount)}, idempotency_key
        )
        return self._parse(Deposit, payload)

    async def get_deposit(self, deposit_id: str) -> Deposit:
        """`GET /v1/deposits/{id}`."""
        return await self._get_one(Deposit, f"/v1/deposits/{seg(deposit_id)}")

    async def list_deposits(
        self,
        *,
        account_id: str | None = None,
        limit: int | None = None,
        starting_after: str | None = None,
        order: str | None = None,
    ) -> Page[Deposit]:
        """`GET /v1/deposits`: not in the reference (it documents create and retrieve);
        the plain list, optionally of one account."""
        return await self._page(
            Deposit,
            "/v1/deposits",
            limit=limit,
            starting_after=starting_after,
            order=order,
            account_id=account_id,
        )

    def iter_deposits(
        self, *, account_id: str | None = None, cap: int | None = None, limit: int = MAX_LIMIT
    ) -> AsyncIterator[Deposit]:
        return self._walk(self.list_deposits, cap, account_id=account_id, limit=limit)

    async def create_withdrawal(
        self,
        *,
        account_id: str,
        bank_account_id: str,
        amount: Decimal | str,
        idempotency_key: str | None = None,
    ) -> Withdrawal:
        """`POST /v1/withdrawal` (singular, as the reference spells it)."""
        body = {"account_id": account_id, "bank_account_id": bank_account_id}
        payload = await self._post(
            "/v1/withdrawal", {**body, "amount": money(amount)}, idempotency_key
        )
        return self._parse(Withdrawal, payload)

    async def get_withdrawal(self, withdrawal_id: str) -> Withdrawal:
        """`GET /v1/withdrawal/{id}`: the reference's example path (its "HTTP Request"
        line repeats the deposits path, a copy slip)."""
        return await self._get_one(Withdrawal, f"/v1/withdrawal/{seg(withdrawal_id)}")

    async def list_withdrawals(
        self,
        *,
        account_id: str | None = None,
        limit: int | None = None,
        starting_after: str | None = None,
        order: str | None = None,
    ) -> Page[Withdrawal]:
        """`GET /v1/withdrawal`: not in the reference; the plain list, as for deposits."""
        return await self._page(
            Withdrawal,
            "/v1/withdrawal",
            limit=limit,
            starting_after=starting_after,
            order=order,
            account_id=account_id,
        )

    def iter_withdrawals(
        self, *, account_id: str | None = None, cap: int | None = None, limit: int = MAX_LIMIT
    ) -> AsyncIterator[Withdrawal]:
        return self._walk(self.list_withdrawals, cap, account_id=account_id, limit=limit)
