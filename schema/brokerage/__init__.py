"""The brokerage domain (Finos, USD): accounts, orders, positions, transactions,
bank accounts, ACH transfers, statements and market quotes. Importing the package
defines every Node and Quote type it has (each resolves its own ids:
Node.resolve_nodes)."""

from __future__ import annotations

from .funding import BankAccount, Deposit, Transaction, Withdrawal
from .managed import Statement
from .market import StockQuote
from .orders import Order, Position
from .rollovers import Rollover
from .types import Account

__all__ = [
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
