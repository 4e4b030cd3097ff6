"""Brokerage account routes.

    POST /v1/users/{user_id}/accounts      201 {"user_id", "id", "account_number", "ownership",
                                           "account_type"}
    GET  /v1/users/{user_id}/accounts      200 a page of the user's accounts
    GET  /v1/accounts                      200 a page of all accounts (filter: user_id)
    GET  /v1/accounts/{id}                 200 the account with owner, cash and market value
    PUT  /v1/accounts/{id}                 200 the short form, as the reference's example
    GET  /v1/accounts/{id}/positions       200 a page of open positions (cursor: asset_id)
    GET  /v1/accounts/{id}/transactions    200 a page of deposits, withdrawals and trades
    GET  /v1/accounts/{id}/settings        200 the management settings
    PUT  /v1/accounts/{id}/settings        200 the management settings

Where the reference is silent, the plain choices: a user whose KYC has not
passed (status other than active) cannot open an account (402); investment
accounts require the six profile fields the reference marks "optional for cash
or managed accounts"; `is_director: true` requires `director_of`; a joint account
requires `joint_member` and an individual one refuses it. `GET /v1/accounts` is
the list the reference's own next_uri points at. Money fields are strings with
two decimals, like the examples. Transactions are `{"id", "type"}` as the
reference shows, with `type` one of its table's values (deposit, withdrawal,
trade: filled orders) and `amount`, `status`, `created_at` added. The settings
GET is the plain REST counterpart of the documented PUT; managed accounts get
the default portfolio matching their risk tolerance when none is given.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from .backend import Backend
from .errors import invalid, invalid_field, not_found, request_failed
from .models import INVESTMENT_FIELDS, AccountIn, AccountUpdate, SettingsIn
from .pagination import Page, paginate
from .store import Record
from .values import money, plain

JOINT_FIELDS = (
    "first_name",
    "last_name",
    "phone_number",
    "email_address",
    "address_line_1",
    "address_line_2",
    "address_city",
    "address_state",
    "address_postal_code",
    "address_country_code",
)


def short(account: Record) -> dict[str, Any]:
    keys = ("user_id", "id", "account_number", "ownership", "account_type")
    return {k: account[k] for k in keys}


def _check_profile(account: Record) -> None:
    if account["account_type"] == "investment":
        missing = [f for f in INVESTMENT_FIELDS if not account.get(f)]
        if missing:
            raise invalid("; ".join(f"{f} is required for investment accounts" for f in missing))
    if account.get("is_director") and not account.get("director_of"):
        raise invalid("director_of is required when is_director is true")
    if account["ownership"] == "joint" and not account.get("joint_member"):
        raise invalid("joint_member is required for joint accounts")
    if account["ownership"] == "individual" and account.get("joint_member"):
        raise invalid_field("joint_member is only allowed for joint accounts")


def router(backend: Backend) -> APIRouter:
    api = APIRouter()

    def render(ident: str) -> dict[str, Any]:
        state = backend.state
        account = state.accounts.by_id[ident]
        value = Decimal(0)
        for position in state.positions[ident].values():
            value += position.quantity * backend.market.price(position.symbol)
        return {
            **account,
            "owner": state.users.by_id.get(account["user_id"]),
            "available_cash": money(state.cash[ident]),
            "portfolio_market_value": money(value),
        }

    def position(account_id: str, asset_id: str) -> dict[str, Any]:
        p = backend.state.positions[account_id][asset_id]
        ins = backend.market.instruments[p.symbol]
        price = backend.market.price(p.symbol)
        lastday = Decimal(str(ins.previous_close))
        return {
            "asset_id": p.asset_id,
            "symbol": p.symbol,
            "exchange": ins.exchange,
            "average_purchase_price": money(p.average_price),
            "quantity": plain(p.quantity),
            "side": "buy",
            "market_value": money(p.quantity * price),
            "cost_basis": money(p.quantity * p.average_price),
            "current_price": money(price),
            "lastday_price": money(lastday),
            "change_today": str(((price - lastday) / lastday).quantize(Decimal("0.0001"))),
        }

    def transaction(ident: str) -> dict[str, Any]:
        state = backend.state
        for kind, collection in (("deposit", state.deposits), ("withdrawal", state.withdrawals)):
            record = collection.get(ident)
            if record is not None:
                return {
                    "id": ident,
                    "type": kind,
                    "amount": record["amount"],
                    "status": record["status"],
                    "created_at": record["created_at"],
                }
        order = state.orders.by_id[ident]
        amount = Decimal(order["filled_quantity"]) * Decimal(order["filled_average_price"] or 0)
        return {
            "id": ident,
            "type": "trade",
            "amount": money(amount),
            "status": order["status"],
            "created_at": state.order_keys[ident],
            "symbol": order["symbol"],
            "side": order["side"],
        }

    @api.post("/v1/users/{user_id}/accounts", status_code=201)
    async def create_account(user_id: str, body: AccountIn) -> JSONResponse:
        """402 until the user's KYC passed; investment accounts need the six profile fields
        (reference silent on both).
        """
        state = backend.state
        user = state.users.fetch(user_id, "user")
        if user["status"] != "active":
            raise request_failed(f"user {user_id} has not passed KYC (status {user['status']})")
        fields = body.model_dump(exclude={"joint_member"})
        ident = backend.ids.uuid()
        joint = None
        if body.joint_member is not None:
            joint = body.joint_member.model_dump(include=set(JOINT_FIELDS))
        account: Record = {
            "id": ident,
            "user_id": user_id,
            "account_number": backend.ids.account_number(state.account_numbers),
            **fields,
            "is_director": bool(body.is_director),
            "joint_member": joint,
            "created_at": backend.now_ms(),
        }
        _check_profile(account)
        state.accounts.add(account)
        state.account_numbers[account["account_number"]] = ident
        state.accounts_of_user[user_id].append(ident)
        state.cash[ident] = Decimal(0)
        state.settings[ident] = {
            "id": ident,
            "portfolio_id": None,
            "managed": False,
            "min_cash_percent": "1.0",
            "max_cash_percent": "5.0",
        }
        return JSONResponse(short(account), 201)

    @api.get("/v1/users/{user_id}/accounts")
    async def list_user_accounts(user_id: str, request: Request, params: Page) -> JSONResponse:
        backend.state.users.fetch(user_id, "user")
        ids = backend.state.accounts_of_user.get(user_id, [])
        return JSONResponse(paginate(request, params, ids, render))

    @api.get("/v1/accounts")
    async def list_accounts(
        request: Request, params: Page, user_id: str | None = None
    ) -> JSONResponse:
        state = backend.state
        if user_id:
            ids = state.accounts_of_user.get(user_id, [])
            return JSONResponse(paginate(request, params, ids, render, extra={"user_id": user_id}))
        page = paginate(
            request, params, state.accounts.order, render, positions=state.accounts.positions()
        )
        return JSONResponse(page)

    @api.get("/v1/accounts/{account_id}")
    async def retrieve_account(account_id: str) -> JSONResponse:
        backend.state.accounts.fetch(account_id, "account")
        return JSONResponse(render(account_id))

    @api.put("/v1/accounts/{account_id}")
    async def update_account(account_id: str, body: AccountUpdate) -> JSONResponse:
        """Profile fields change; ownership converts individual <-> joint, account_type
        cash <-> investment, with the same requirements as at creation."""
        account = backend.state.accounts.fetch(account_id, "account")
        changes = body.model_dump(exclude_unset=True, exclude={"joint_member"})
        merged = {**account, **{k: v for k, v in changes.items() if v is not None}}
        if body.joint_member is not None:
            merged["joint_member"] = body.joint_member.model_dump(include=set(JOINT_FIELDS))
        if merged["ownership"] == "individual" and "ownership" in changes:
            merged["joint_member"] = None
        _check_profile(merged)
        account.update(merged)
        return JSONResponse(short(account))

    @api.get("/v1/accounts/{account_id}/positions")
    async def list_positions(account_id: str, request: Request, params: Page) -> JSONResponse:
        backend.state.accounts.fetch(account_id, "account")
        ids = list(backend.state.positions[account_id])
        return JSONResponse(
            paginate(request, params, ids, lambda asset_id: position(account_id, asset_id))
        )

    @api.get("/v1/accounts/{account_id}/transactions")
    async def list_transactions(account_id: str, request: Request, params: Page) -> JSONResponse:
        """Deposits, withdrawals and filled orders (type trade, per the reference's table), newest
        first.
        """
        backend.state.accounts.fetch(account_id, "account")
        ids = backend.state.funding_of_account.get(account_id, [])
        return JSONResponse(paginate(request, params, ids, transaction))

    @api.get("/v1/accounts/{account_id}/settings")
    async def retrieve_settings(account_id: str) -> JSONResponse:
        """Not in the reference: the plain GET counterpart of the documented PUT."""
        backend.state.accounts.fetch(account_id, "account")
        return JSONResponse(backend.state.settings[account_id])

    @api.put("/v1/accounts/{account_id}/settings")
    async def update_settings(account_id: str, body: SettingsIn) -> JSONResponse:
        """A managed account without portfolio_id gets the default portfolio named after its risk
        tolerance (moderate when unset), as the reference describes.
        """
        state = backend.state
        account = state.accounts.fetch(account_id, "account")
        settings = dict(state.settings[account_id])
        if body.portfolio_id is not None:
            if state.portfolios.get(body.portfolio_id) is None:
                raise not_found("portfolio", body.portfolio_id)
            settings["portfolio_id"] = body.portfolio_id
        if body.managed is not None:
            settings["managed"] = body.managed
        for key in ("min_cash_percent", "max_cash_percent"):
            value = getattr(body, key)
            if value is not None:
                settings[key] = plain(value)
        if Decimal(settings["min_cash_percent"]) > Decimal(settings["max_cash_percent"]):
            raise invalid_field("min_cash_percent must not be greater than max_cash_percent")
        if settings["managed"] and settings["portfolio_id"] is None:
            wanted = account.get("risk_tolerance") or "moderate"
            for portfolio in state.portfolios.by_id.values():
                if portfolio["name"] == wanted:
                    settings["portfolio_id"] = portfolio["id"]
                    break
        state.settings[account_id] = settings
        return JSONResponse(settings)

    return api
