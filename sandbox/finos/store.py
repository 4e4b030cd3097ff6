"""The sandbox's state: records by id, in creation order, and the indexes routes need.

Records are the JSON objects the API answers with (plain dicts); what the API
never shows (SSNs, KYC answers, cash balances) lives in separate maps.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from .errors import not_found

Record = dict[str, Any]


class Collection:
    """Records by id, remembered in creation order (oldest first)."""

    def __init__(self) -> None:
        self.by_id: dict[str, Record] = {}
        self.order: list[str] = []
        self._pos: dict[str, int] = {}

    def add(self, record: Record) -> Record:
        ident = str(record["id"])
        self.by_id[ident] = record
        self._pos[ident] = len(self.order)
        self.order.append(ident)
        return record

    def remove(self, ident: str) -> None:
        if self.by_id.pop(ident, None) is not None:
            self.order.remove(ident)
            self._pos = {key: i for i, key in enumerate(self.order)}

    def get(self, ident: str) -> Record | None:
        return self.by_id.get(ident)

    def fetch(self, ident: str, what: str) -> Record:
        """The record, or Finos's 404 naming `what`."""
        record = self.by_id.get(ident)
        if record is None:
            raise not_found(what, ident)
        return record

    def positions(self) -> dict[str, int]:
        return self._pos

    def __len__(self) -> int:
        return len(self.order)

    def copy(self) -> Collection:
        """A copy whose records can change without touching this one's.

        Nested lists and dicts are shared: routes replace them, never change them in place.
        """
        other = Collection()
        other.by_id = {k: v.copy() for k, v in self.by_id.items()}
        other.order = list(self.order)
        other._pos = dict(self._pos)
        return other


def _copy_record(record: Record) -> Record:
    copied = dict(record)
    for key, value in copied.items():
        if isinstance(value, list):
            copied[key] = list(value)
        elif isinstance(value, dict):
            copied[key] = dict(value)
    return copied


def _copy_lists(source: defaultdict[str, list[str]]) -> defaultdict[str, list[str]]:
    return defaultdict(list, {k: list(v) for k, v in source.items()})


@dataclass
class Position:
    asset_id: str
    symbol: str
    quantity: Decimal
    average_price: Decimal


@dataclass
class State:
    users: Collection = field(default_factory=Collection)
    user_private: dict[str, Record] = field(default_factory=dict)  # ssn_number, birth_date
    users_by_email: dict[str, str] = field(default_factory=dict)  # lower-cased email -> id
    kyc: dict[str, Record] = field(default_factory=dict)  # token -> internal KYC check
    accounts: Collection = field(default_factory=Collection)
    account_numbers: dict[str, str] = field(default_factory=dict)  # FOBN... -> id
    accounts_of_user: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    cash: dict[str, Decimal] = field(default_factory=dict)  # account id -> available cash
    positions: defaultdict[str, dict[str, Position]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # account id -> asset id -> position, in opening order
    settings: dict[str, Record] = field(default_factory=dict)
    bank_accounts: Collection = field(default_factory=Collection)
    banks_of_user: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    deposits: Collection = field(default_factory=Collection)
    withdrawals: Collection = field(default_factory=Collection)
    orders: Collection = field(default_factory=Collection)
    order_keys: dict[str, int] = field(default_factory=dict)  # order id -> created ms
    # account id -> ids of its deposits, withdrawals and orders, oldest first
    funding_of_account: defaultdict[str, list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    orders_of_account: defaultdict[str, list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    webhooks: Collection = field(default_factory=Collection)
    asset_classes: Collection = field(default_factory=Collection)
    portfolios: Collection = field(default_factory=Collection)
    rollovers: Collection = field(default_factory=Collection)
    statements: Collection = field(default_factory=Collection)
    statements_of_account: defaultdict[str, list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def copy(self) -> State:
        """A deep enough copy: every record, list and position can change independently."""
        return State(
            users=self.users.copy(),
            user_private={k: dict(v) for k, v in self.user_private.items()},
            users_by_email=dict(self.users_by_email),
            kyc={k: _copy_record(v) for k, v in self.kyc.items()},
            accounts=self.accounts.copy(),
            account_numbers=dict(self.account_numbers),
            accounts_of_user=_copy_lists(self.accounts_of_user),
            cash=dict(self.cash),
            positions=defaultdict(
                dict,
                {
                    account: {asset: replace(p) for asset, p in held.items()}
                    for account, held in self.positions.items()
                },
            ),
            settings={k: dict(v) for k, v in self.settings.items()},
            bank_accounts=self.bank_accounts.copy(),
            banks_of_user=_copy_lists(self.banks_of_user),
            deposits=self.deposits.copy(),
            withdrawals=self.withdrawals.copy(),
            orders=self.orders.copy(),
            order_keys=dict(self.order_keys),
            funding_of_account=_copy_lists(self.funding_of_account),
            orders_of_account=_copy_lists(self.orders_of_account),
            webhooks=self.webhooks.copy(),
            asset_classes=self.asset_classes.copy(),
            portfolios=self.portfolios.copy(),
            rollovers=self.rollovers.copy(),
            statements=self.statements.copy(),
            statements_of_account=_copy_lists(self.statements_of_account),
        )
