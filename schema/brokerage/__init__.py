"""The brokerage domain (Finos, USD): accounts, orders, positions, transactions,
bank accounts, ACH transfers, statements and market quotes."""

from __future__ import annotations

from .funding import BankAccount, Deposit, Transaction, Withdrawal
from .managed import Statement
from .market import StockQuote
from .orders import Order, Position
from .rollovers import Rollover
from .types import Account

# every concrete Node / Quote type, so `node` can return any of them
TYPES: list[type] = [
    Account,
    Order,
    Position,
    Transaction,
    BankAccount,
    Deposit,
    Withdrawal,
    Statement,
    Rollover,
    StockQuote,
]

__all__ = [
    "TYPES",
    "Account",
    "BankAccount",
    "Deposit",
    "Order",
    "Position",
    "Rollover",
    "StockQuote",
    "Statement",
    "Transaction",
    "Withdrawal",
]
