"""Per-request dataloaders for every Finos fetch by key.

Finos has no endpoint that fetches several records by id, so each loader asks
once per distinct key per request (bounded concurrency), results matched by
key: a record Finos does not have is None for that key alone, any other
failure is that key's error (and the key is cleared, so a retry can succeed).
Market quotes also go through the shared RefCache (kind "quotes", a few
seconds), so repeated requests within the TTL cost nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from datetime import date
from typing import Any, TypeVar, cast

from .. import finos
from ..loaders import batch_by_key
from ..request import Scope

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

QUOTES = "quotes"  # RefCache kind (TTL from settings, 5 s by default)


def _loader(scope: Scope, name: str, fetch: Callable[[Any], Awaitable[Any]]) -> Any:
    """The request's loader `name`, one call per distinct key (bounded concurrency)."""
    concurrency = scope.options.per_key_concurrency
    return scope.loaders.get(name, lambda: batch_by_key(fetch, concurrency=concurrency))


async def _load(scope: Scope, name: str, key: K, fetch: Callable[[K], Awaitable[V]]) -> V | None:
    found: V | None = await _loader(scope, name, fetch).load(key)
    return found


def client(scope: Scope) -> finos.FinosClient:
    """The request's Finos client."""
    return scope.providers.finos


def normalize_symbol(symbol: str) -> str:
    return symbol.strip().upper()


# records by id ---------------------------------------------------------------------


async def account(scope: Scope, account_id: str) -> finos.Account | None:
    return await _load(scope, "brokerage.account", account_id, client(scope).get_account)


def prime_account(scope: Scope, record: finos.Account) -> None:
    """An account already read (in a list) is not read again by id in the same request."""
    _loader(scope, "brokerage.account", client(scope).get_account).prime(record.id, record)


async def user(scope: Scope, user_id: str) -> finos.User | None:
    return await _load(scope, "brokerage.user", user_id, client(scope).get_user)


async def order(scope: Scope, order_id: str) -> finos.Order | None:
    return await _load(scope, "brokerage.order", order_id, client(scope).get_order)


async def bank_account(scope: Scope, bank_account_id: str) -> finos.BankAccount | None:
    api = client(scope)
    return await _load(scope, "brokerage.bank_account", bank_account_id, api.get_bank_account)


async def deposit(scope: Scope, deposit_id: str) -> finos.Deposit | None:
    return await _load(scope, "brokerage.deposit", deposit_id, client(scope).get_deposit)


async def withdrawal(scope: Scope, withdrawal_id: str) -> finos.Withdrawal | None:
    return await _load(scope, "brokerage.withdrawal", withdrawal_id, client(scope).get_withdrawal)


async def settings(scope: Scope, account_id: str) -> finos.AccountSettings | None:
    api = client(scope)
    return await _load(scope, "brokerage.settings", account_id, api.get_account_settings)


async def statement(scope: Scope, statement_id: str) -> finos.Statement | None:
    return await _load(scope, "brokerage.statement", statement_id, client(scope).get_statement)


async def rollover(scope: Scope, rollover_id: str) -> finos.Rollover | None:
    return await _load(scope, "brokerage.rollover", rollover_id, client(scope).get_rollover)


# market data -----------------------------------------------------------------------


async def quote(scope: Scope, symbol: str) -> finos.Quote | None:
    """The symbol's quote: once per distinct symbol per request, and from the shared
    cache within its TTL (a missing symbol is not cached)."""
    api = client(scope)
    cache = scope.providers.cache

    async def fetch(sym: str) -> finos.Quote:
        return await cache.get_or_load(
            QUOTES, api.credential_scope, sym, lambda: api.get_quote(sym)
        )

    return await _load(scope, "brokerage.quote", normalize_symbol(symbol), fetch)


async def stats(scope: Scope, symbol: str) -> finos.StockStats | None:
    api = client(scope)
    return await _load(scope, "brokerage.stats", normalize_symbol(symbol), api.get_stats)


async def chart(scope: Scope, symbol: str, range: str | None) -> list[finos.ChartPoint] | None:
    """`range` is one of finos.ChartRange (the schema's enum values)."""
    api = client(scope)

    async def fetch(key: tuple[str, str | None]) -> list[finos.ChartPoint]:
        return await api.get_chart(key[0], cast("finos.ChartRange | None", key[1]))

    return await _load(scope, "brokerage.chart", (normalize_symbol(symbol), range), fetch)


# one page of a list below a parent -------------------------------------------------

PageKey = tuple[str, int, str | None]  # (parent id, limit, starting_after)
OrdersKey = tuple[str, str, int, str | None]  # (account id, status filter, limit, after)
# (account id, period end from, period end to, limit, after)
StatementsKey = tuple[str, date | None, date | None, int, str | None]


async def accounts_of_user(scope: Scope, key: PageKey) -> finos.Page[finos.Account] | None:
    api = client(scope)

    async def fetch(k: PageKey) -> finos.Page[finos.Account]:
        return await api.list_accounts(k[0], limit=k[1], starting_after=k[2])

    return await _load(scope, "brokerage.accounts_of_user", key, fetch)


async def bank_accounts_of_user(scope: Scope, key: PageKey) -> finos.Page[finos.BankAccount] | None:
    api = client(scope)

    async def fetch(k: PageKey) -> finos.Page[finos.BankAccount]:
        return await api.list_bank_accounts(k[0], limit=k[1], starting_after=k[2])

    return await _load(scope, "brokerage.bank_accounts_of_user", key, fetch)


async def positions(scope: Scope, key: PageKey) -> finos.Page[finos.Position] | None:
    api = client(scope)

    async def fetch(k: PageKey) -> finos.Page[finos.Position]:
        return await api.list_positions(k[0], limit=k[1], starting_after=k[2])

    return await _load(scope, "brokerage.positions", key, fetch)


async def transactions(scope: Scope, key: PageKey) -> finos.Page[finos.Transaction] | None:
    api = client(scope)

    async def fetch(k: PageKey) -> finos.Page[finos.Transaction]:
        return await api.list_transactions(k[0], limit=k[1], starting_after=k[2])

    return await _load(scope, "brokerage.transactions", key, fetch)


async def deposits(scope: Scope, key: PageKey) -> finos.Page[finos.Deposit] | None:
    api = client(scope)

    async def fetch(k: PageKey) -> finos.Page[finos.Deposit]:
        return await api.list_deposits(account_id=k[0], limit=k[1], starting_after=k[2])

    return await _load(scope, "brokerage.deposits", key, fetch)


async def withdrawals(scope: Scope, key: PageKey) -> finos.Page[finos.Withdrawal] | None:
    api = client(scope)

    async def fetch(k: PageKey) -> finos.Page[finos.Withdrawal]:
        return await api.list_withdrawals(account_id=k[0], limit=k[1], starting_after=k[2])

    return await _load(scope, "brokerage.withdrawals", key, fetch)


async def statements(scope: Scope, key: StatementsKey) -> finos.Page[finos.Statement] | None:
    api = client(scope)

    async def fetch(k: StatementsKey) -> finos.Page[finos.Statement]:
        account_id, start, end, limit, after = k
        return await api.list_statements(
            account_id, start_date=start, end_date=end, limit=limit, starting_after=after
        )

    return await _load(scope, "brokerage.statements", key, fetch)


async def orders_of_account(scope: Scope, key: OrdersKey) -> finos.Page[finos.Order] | None:
    api = client(scope)

    async def fetch(k: OrdersKey) -> finos.Page[finos.Order]:
        return await api.list_orders(account_id=k[0], status=k[1], limit=k[2], starting_after=k[3])

    return await _load(scope, "brokerage.orders_of_account", key, fetch)
