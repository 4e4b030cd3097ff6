"""Finos brokerage accounts and what hangs off them.

Every list below an account is one Finos cursor page per distinct account per
request (there is no endpoint that lists several accounts' rows at once),
through per-request loaders, so a page of accounts asking for positions costs
one positions call per account and never more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import strawberry

from resolvers import finos
from resolvers.brokerage import loaders
from resolvers.brokerage.paging import page_args, sort_key, window
from resolvers.people import normalize_email

from ..authz_owner import caller_email, is_borrower
from ..common import PROVIDER_CURRENCY, Address, Money, Node, Provider
from ..context import Info
from ..ids import to_global_id
from ..node import each_by_id
from ..relay import Connection
from .enums import (
    AccountOwnership,
    AccountStatus,
    AccountType,
    OrderScope,
    OrderStatus,
    account_ownership,
    account_status,
    account_type,
    order_filter,
)
from .funding import BankAccount, Deposit, Transaction, Withdrawal
from .managed import AccountSettings, Statement
from .orders import Order, Position
from .owners import account_record_visible
from .people import address_of, borrower_by_user_id, borrower_of

if TYPE_CHECKING:
    from ..borrower import Borrower

USD = PROVIDER_CURRENCY[Provider.FINOS]
FINOS = Provider.FINOS.value
BorrowerRef = Annotated["Borrower", strawberry.lazy("schema.borrower")]


def _own_kyc_token(root: AccountHolder, info: Info) -> str | None:
    """Shown to the holder themselves (and staff): the other holder of a joint account
    sees null, and could not use it anyway (schema.authz_refs checks every kycToken)."""
    if not is_borrower(info) or caller_email(info) == normalize_email(root.email_address):
        return root.token
    return None


@strawberry.type(
    description="An account holder as the account embeds them (owner or joint member)."
)
class AccountHolder:
    user_id: strawberry.ID | None
    status: str | None = strawberry.field(description="The holder's KYC status at Finos.")
    token: strawberry.Private[str | None]
    kyc_token: str | None = strawberry.field(resolver=_own_kyc_token)
    first_name: str | None
    last_name: str | None
    email_address: str | None
    phone_number: str | None
    address: Address | None
    created_at: datetime | None

    @classmethod
    def from_finos(cls, h: finos.AccountHolder) -> AccountHolder:
        return cls(
            user_id=strawberry.ID(h.id) if h.id else None,
            status=h.status,
            token=h.kyc_token,
            first_name=h.first_name,
            last_name=h.last_name,
            email_address=h.email_address,
            phone_number=h.phone_number,
            address=address_of(h),
            created_at=h.created_at,
        )


@strawberry.type(description="A Finos brokerage account.")
class Account(Node):
    CO_PARTY_PARENT: ClassVar[bool] = True  # its owner may be the other holder of a joint account
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finos": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """One Finos read per distinct id, through the request's loader (shared with fields)."""
        return await each_by_id(ids, lambda i: loaders.account(info.context, i), cls.from_finos)

    async def visible_to(self, info: Info) -> bool:
        return account_record_visible(info, self.record)

    provider: Provider
    provider_id: strawberry.ID
    record: strawberry.Private[finos.Account]
    account_number: str | None
    ownership: AccountOwnership
    provider_ownership: str | None
    account_type: AccountType
    provider_account_type: str | None
    status: AccountStatus
    provider_status: str | None = strawberry.field(description="The owner's KYC status.")
    martial_status: str | None = strawberry.field(description="Sic: the provider's spelling.")
    country_of_citizenship: str | None
    employment_status: str | None
    employment_position: str | None
    employer_name: str | None
    annual_income: str | None
    investment_objective: str | None
    investment_experience: str | None
    net_liquid_worth: str | None
    net_total_worth: str | None
    risk_tolerance: str | None
    is_director: bool | None
    director_of: str | None
    available_cash: Money | None = strawberry.field(description="Also known as buying power.")
    portfolio_market_value: Money | None
    managed: bool | None
    holder: AccountHolder | None = strawberry.field(
        description="The owner as the account embeds it."
    )
    joint_member: AccountHolder | None
    created_at: datetime | None

    @classmethod
    def from_finos(cls, a: finos.Account) -> Account:
        owner = a.owner
        return cls(
            id=strawberry.ID(to_global_id("Account", FINOS, a.id)),
            provider=Provider.FINOS,
            provider_id=strawberry.ID(a.id),
            record=a,
            account_number=a.account_number,
            ownership=account_ownership(a.ownership),
            provider_ownership=a.ownership,
            account_type=account_type(a.account_type),
            provider_account_type=a.account_type,
            status=account_status(owner.status if owner else None),
            provider_status=owner.status if owner else None,
            martial_status=a.martial_status,
            country_of_citizenship=a.country_of_citizenship,
            employment_status=a.employment_status,
            employment_position=a.employment_position,
            employer_name=a.employer_name,
            annual_income=a.annual_income,
            investment_objective=a.investment_objective,
            investment_experience=a.investment_experience,
            net_liquid_worth=a.net_liquid_worth,
            net_total_worth=a.net_total_worth,
            risk_tolerance=a.risk_tolerance,
            is_director=a.is_director,
            director_of=a.director_of,
            available_cash=Money.of(a.available_cash, USD),
            portfolio_market_value=Money.of(a.portfolio_market_value, USD),
            managed=a.managed,
            holder=AccountHolder.from_finos(owner) if owner else None,
            joint_member=AccountHolder.from_finos(a.joint_member) if a.joint_member else None,
            created_at=a.created_at,
        )

    @property
    def user_id(self) -> str | None:
        owner = self.record.owner
        return self.record.user_id or (owner.id if owner else None)

    @strawberry.field(description="Same as availableCash: what the account can spend.")
    def buying_power(self) -> Money | None:
        return self.available_cash

    @strawberry.field(description="Available cash plus the market value of the holdings.")
    def equity(self) -> Money | None:
        cash, held = self.record.available_cash, self.record.portfolio_market_value
        if cash is None and held is None:
            return None
        return Money.of((cash or 0) + (held or 0), USD)

    @strawberry.field(description="The Finos user who owns the account.")
    async def owner(self, info: Info) -> BorrowerRef | None:
        embedded = self.record.owner
        if embedded is not None and embedded.id and embedded.email_address:
            return borrower_of(embedded)  # the account already carries it: no call
        return await borrower_by_user_id(info, self.user_id)

    @strawberry.field(description="Open positions (cursor list, one call per page).")
    async def positions(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Position] | None:
        args = page_args(first, after)
        account_id = str(self.provider_id)
        page = await loaders.positions(info.context, (account_id, *args.key))
        rows = window(page, args, lambda p: sort_key(None, p.asset_id), lambda p: p.asset_id)
        return Connection.of(rows, lambda p: Position.from_finos(account_id, p))

    @strawberry.field(description="Deposits, withdrawals and trades, newest first.")
    async def transactions(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Transaction] | None:
        args = page_args(first, after)
        account_id = str(self.provider_id)
        page = await loaders.transactions(info.context, (account_id, *args.key))
        rows = window(page, args, lambda t: sort_key(t.created_at, t.id), lambda t: t.id)
        return Connection.of(rows, lambda t: Transaction.from_finos(account_id, t))

    @strawberry.field(description="Trade orders of this account, newest first (all by default).")
    async def orders(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: OrderStatus | None = None,
        scope: OrderScope = OrderScope.ALL,
    ) -> Connection[Order] | None:
        args = page_args(first, after)
        key = (str(self.provider_id), order_filter(status, scope), *args.key)
        page = await loaders.orders_of_account(info.context, key)
        rows = window(page, args, lambda o: sort_key(o.submitted_at, o.id), lambda o: o.id)
        return Connection.of(rows, Order.from_finos)

    @strawberry.field(description="The owner's linked bank accounts.")
    async def bank_accounts(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[BankAccount] | None:
        args = page_args(first, after)
        user_id = self.user_id
        page = (
            await loaders.bank_accounts_of_user(info.context, (user_id, *args.key))
            if user_id
            else None
        )
        rows = window(page, args, lambda b: sort_key(b.created_at, b.id), lambda b: b.id)
        return Connection.of(rows, BankAccount.from_finos)

    @strawberry.field(description="ACH deposits into this account, newest first.")
    async def deposits(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Deposit] | None:
        args = page_args(first, after)
        page = await loaders.deposits(info.context, (str(self.provider_id), *args.key))
        rows = window(page, args, lambda d: sort_key(d.created_at, d.id), lambda d: d.id)
        return Connection.of(rows, Deposit.from_finos)

    @strawberry.field(description="ACH withdrawals from this account, newest first.")
    async def withdrawals(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Withdrawal] | None:
        args = page_args(first, after)
        page = await loaders.withdrawals(info.context, (str(self.provider_id), *args.key))
        rows = window(page, args, lambda w: sort_key(w.created_at, w.id), lambda w: w.id)
        return Connection.of(rows, Withdrawal.from_finos)

    @strawberry.field(
        description="Monthly statements whose period ends between the dates (the provider's "
        "defaults: from 90 days ago to the end of this month)."
    )
    async def statements(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        start_date: date | None = None,
        end_date: date | None = None,
    ) -> Connection[Statement] | None:
        args = page_args(first, after)
        key = (str(self.provider_id), start_date, end_date, *args.key)
        page = await loaders.statements(info.context, key)
        rows = window(page, args, lambda s: sort_key(s.created_at, s.id), lambda s: s.id)
        return Connection.of(rows, Statement.from_finos)

    @strawberry.field(description="Investment management settings.")
    async def settings(self, info: Info) -> AccountSettings | None:
        found = await loaders.settings(info.context, str(self.provider_id))
        return None if found is None else AccountSettings.from_finos(found)
