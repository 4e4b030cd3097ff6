"""Bank accounts, deposits and withdrawals.

    POST   /v1/users/{user_id}/bank_accounts   201 the bank account
    GET    /v1/users/{user_id}/bank_accounts   200 a page of the user's bank accounts
    GET    /v1/bank_accounts/{id}              200
    PUT    /v1/bank_accounts/{id}              200 (default, bank_account_nickname)
    DELETE /v1/bank_accounts/{id}              200 {"id", "object": "bank_account", "deleted": true}
    POST   /v1/deposits                        201 {"id", "account_id", "status": "pending"}
    GET    /v1/deposits/{id}                   200
    POST   /v1/withdrawal                      201 {"id", "account_id", "status": "pending"}
    GET    /v1/withdrawal/{id}                 200

Where the reference is silent, the plain choices: making a bank account the
default clears the user's other default; deposits and withdrawals need an
account and a bank account of the same user (else 400) whose KYC passed (else
402); a withdrawal above the available cash is a 402 and holds the amount at
once; both are `pending` and become `complete` TRANSFER_SETTLE_SECONDS later on
the sandbox clock (a deposit then adds to the available cash), emitting
`deposittransition.<status>` / `withdrawaltransition.<status>`. The reference
spells the withdrawal path in the singular (/v1/withdrawal); /v1/withdrawals
answers the same. GET /v1/deposits and GET /v1/withdrawal (filter: account_id)
list them, newest first.
"""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from .backend import Backend
from .errors import invalid, request_failed
from .models import BankAccountIn, BankAccountUpdate, TransferIn
from .pagination import Page, PageParams, paginate
from .store import Collection, Record
from .values import money

TRANSFER_SETTLE_SECONDS = 60


def router(backend: Backend) -> APIRouter:
    api = APIRouter()

    @api.post("/v1/users/{user_id}/bank_accounts", status_code=201)
    async def create_bank_account(user_id: str, body: BankAccountIn) -> JSONResponse:
        state = backend.state
        state.users.fetch(user_id, "user")
        record: Record = {
            "id": backend.ids.uuid(),
            "user_id": user_id,
            "bank_account_number": body.bank_account_number,
            "bank_routing_number": body.bank_routing_number,
            "default": False,
            "bank_account_nickname": body.bank_account_nickname,
            "created_at": backend.now_ms(),
        }
        state.bank_accounts.add(record)
        state.banks_of_user[user_id].append(record["id"])
        return JSONResponse(record, 201)

    @api.get("/v1/users/{user_id}/bank_accounts")
    async def list_bank_accounts(user_id: str, request: Request, params: Page) -> JSONResponse:
        state = backend.state
        state.users.fetch(user_id, "user")
        ids = state.banks_of_user.get(user_id, [])
        return JSONResponse(paginate(request, params, ids, state.bank_accounts.by_id.__getitem__))

    @api.get("/v1/bank_accounts/{bank_account_id}")
    async def retrieve_bank_account(bank_account_id: str) -> JSONResponse:
        return JSONResponse(backend.state.bank_accounts.fetch(bank_account_id, "bank account"))

    @api.put("/v1/bank_accounts/{bank_account_id}")
    async def update_bank_account(bank_account_id: str, body: BankAccountUpdate) -> JSONResponse:
        """Making one account the default clears the user's other default (reference silent)."""
        state = backend.state
        record = state.bank_accounts.fetch(bank_account_id, "bank account")
        if body.default is True:
            for other in state.banks_of_user[record["user_id"]]:
                state.bank_accounts.by_id[other]["default"] = False
        if body.default is not None:
            record["default"] = body.default
        if body.bank_account_nickname is not None:
            record["bank_account_nickname"] = body.bank_account_nickname
        return JSONResponse(record)

    @api.delete("/v1/bank_accounts/{bank_account_id}")
    async def delete_bank_account(bank_account_id: str) -> JSONResponse:
        state = backend.state
        record = state.bank_accounts.fetch(bank_account_id, "bank account")
        state.bank_accounts.remove(bank_account_id)
        state.banks_of_user[record["user_id"]].remove(bank_account_id)
        return JSONResponse({"id": bank_account_id, "object": "bank_account", "deleted": True})

    def transfer(kind: str, collection: Collection, body: TransferIn) -> JSONResponse:
        state = backend.state
        account = state.accounts.fetch(body.account_id, "account")
        bank = state.bank_accounts.fetch(body.bank_account_id, "bank account")
        if bank["user_id"] != account["user_id"]:
            raise invalid("bank_account_id does not belong to the account's user")
        owner = state.users.by_id.get(account["user_id"])
        if owner is None or owner["status"] != "active":
            raise request_failed("the account's user has not passed KYC")
        amount = body.amount
        if kind == "withdrawal":
            if amount > state.cash[account["id"]]:
                raise request_failed("amount is more than the account's available cash")
            state.cash[account["id"]] -= amount
        record: Record = {
            "id": backend.ids.uuid(),
            "account_id": account["id"],
            "bank_account_id": bank["id"],
            "amount": money(amount),
            "created_at": backend.now_ms(),
            "completed_at": None,
            "status": "pending",
        }
        collection.add(record)
        state.funding_of_account[account["id"]].append(record["id"])
        backend.emit(f"{kind}transition.pending", record)

        def settle() -> None:
            if record["status"] != "pending":
                return
            record["status"] = "complete"
            record["completed_at"] = backend.now_ms()
            if kind == "deposit" and account["id"] in state.cash:
                state.cash[account["id"]] += Decimal(record["amount"])
            backend.emit(f"{kind}transition.complete", record)

        backend.after(TRANSFER_SETTLE_SECONDS, settle)
        answer = {"id": record["id"], "account_id": account["id"], "status": "pending"}
        return JSONResponse(answer, 201)

    def listing(
        collection: Collection, request: Request, params: PageParams, account_id: str | None
    ) -> JSONResponse:
        if account_id:
            backend.state.accounts.fetch(account_id, "account")
            ids = [
                i
                for i in backend.state.funding_of_account.get(account_id, [])
                if i in collection.by_id
            ]
            page = paginate(
                request, params, ids, collection.by_id.__getitem__, extra={"account_id": account_id}
            )
        else:
            page = paginate(
                request,
                params,
                collection.order,
                collection.by_id.__getitem__,
                positions=collection.positions(),
            )
        return JSONResponse(page)

    @api.post("/v1/deposits", status_code=201)
    async def create_deposit(body: TransferIn) -> JSONResponse:
        """Pending, complete TRANSFER_SETTLE_SECONDS later on the sandbox clock (reference silent
        on timing).
        """
        return transfer("deposit", backend.state.deposits, body)

    @api.get("/v1/deposits")
    async def list_deposits(
        request: Request, params: Page, account_id: str | None = None
    ) -> JSONResponse:
        """Not in the reference: the plain list, filterable by account_id."""
        return listing(backend.state.deposits, request, params, account_id)

    @api.get("/v1/deposits/{deposit_id}")
    async def retrieve_deposit(deposit_id: str) -> JSONResponse:
        return JSONResponse(backend.state.deposits.fetch(deposit_id, "deposit"))

    for path in ("/v1/withdrawal", "/v1/withdrawals"):

        @api.post(path, status_code=201)
        async def create_withdrawal(body: TransferIn) -> JSONResponse:
            """402 above the available cash, which is held at once (reference silent)."""
            return transfer("withdrawal", backend.state.withdrawals, body)

        @api.get(path)
        async def list_withdrawals(
            request: Request,
            params: Page,
            account_id: str | None = None,
        ) -> JSONResponse:
            return listing(backend.state.withdrawals, request, params, account_id)

        @api.get(path + "/{withdrawal_id}")
        async def retrieve_withdrawal(withdrawal_id: str) -> JSONResponse:
            return JSONResponse(backend.state.withdrawals.fetch(withdrawal_id, "withdrawal"))

    return api
