"""Finos client: accounts, positions, transactions, settings, bank accounts, deposits
and withdrawals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from resolvers.errors import FieldError, ProviderNotFound, ProviderValidationError
from resolvers.finos import FinosClient
from tests.resolvers import test_finos_helpers as helpers
from tests.resolvers.test_finos_helpers import funded, person, profile
from tests.support import SandboxControl

# the shared fixtures, under their own names so pytest finds them here
cache = helpers.cache
finos = helpers.finos
timer = helpers.timer


async def test_create_an_individual_account_and_read_it_back(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    user = await finos.create_user(person(10))
    created = await finos.create_account(user.id, profile(), idempotency_key="acct-10")
    assert created.ownership == "individual" and created.account_type == "cash"
    assert created.user_id == user.id and created.account_number
    account = await finos.get_account(created.id)
    assert account.employer_name == "Finos Inc"
    assert account.available_cash == Decimal("0")
    assert [a.id async for a in finos.iter_accounts(user.id)] == [created.id]
    assert [a.id async for a in finos.iter_all_accounts(user_id=user.id)] == [created.id]
    assert sandbox.calls("finos", "POST /v1/users/{user_id}/accounts") == 1
    assert sandbox.calls("finos", "GET /v1/accounts") == 1


async def test_list_all_accounts_walks_every_account_of_the_key(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    total = len(helpers.finos_state(sandbox).accounts)
    ids = [a.id async for a in finos.iter_all_accounts()]
    assert len(ids) == len(set(ids)) == total
    assert sandbox.calls("finos", "GET /v1/accounts") == -(-total // 100)
    first = await finos.list_all_accounts(limit=3, order="asc")
    assert len(first.items) == 3 and first.next_cursor == first.items[-1].id


async def test_create_a_joint_account_with_its_member(finos: FinosClient) -> None:
    user = await finos.create_user(person(11))
    created = await finos.create_joint_account(user.id, profile(), person(12))
    assert created.ownership == "joint"
    account = await finos.get_account(created.id)
    assert account.joint_member is not None
    assert account.joint_member.email_address == "test.person12@example.com"


async def test_an_account_without_its_required_fields_is_refused(finos: FinosClient) -> None:
    user = await finos.create_user(person(13))
    bad = profile().model_copy(update={"employer_name": None})
    with pytest.raises(ProviderValidationError) as caught:
        await finos.create_account(user.id, bad)
    assert caught.value.message == "employer_name is required"
    assert caught.value.field_errors[0].field == "employer_name"


async def test_update_account_turns_cash_into_investment(finos: FinosClient) -> None:
    user = await finos.create_user(person(14))
    created = await finos.create_account(user.id, profile())
    updated = await finos.update_account(
        created.id, account_type="investment", risk_tolerance="aggressive"
    )
    assert updated.account_type == "investment"
    assert (await finos.get_account(created.id)).risk_tolerance == "aggressive"


async def test_positions_and_transactions_of_a_seeded_account(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    found = await funded(sandbox, finos)
    positions = [p async for p in finos.iter_positions(found.account.id, limit=2)]
    assert positions and len({p.asset_id for p in positions}) == len(positions)
    assert all(isinstance(p.quantity, Decimal) and p.symbol for p in positions)
    transactions = [t async for t in finos.iter_transactions(found.account.id, limit=5)]
    assert len({t.id for t in transactions}) == len(transactions)
    assert {t.type for t in transactions} <= {"deposit", "withdrawal", "order", "trade"}
    capped = [t async for t in finos.iter_transactions(found.account.id, limit=1, cap=2)]
    assert [t.id for t in capped] == [t.id for t in transactions[:2]]


async def test_account_settings_make_an_account_managed(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    found = await funded(sandbox, finos)
    portfolio = (await finos.all_portfolios())[0]
    settings = await finos.update_account_settings(
        found.account.id,
        managed=True,
        portfolio_id=portfolio.id,
        min_cash_percent="1",
        max_cash_percent=Decimal("5"),
    )
    assert settings.managed is True and settings.portfolio_id == portfolio.id
    assert settings.max_cash_percent == Decimal("5")
    read = await finos.get_account_settings(found.account.id)
    assert (read.managed, read.portfolio_id) == (True, portfolio.id)


async def test_settings_with_an_unknown_portfolio_are_refused(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    found = await funded(sandbox, finos)
    with pytest.raises(ProviderNotFound) as caught:
        await finos.update_account_settings(found.account.id, portfolio_id="no-such-portfolio")
    assert caught.value.message == "portfolio no-such-portfolio not found"


async def test_bank_accounts_are_linked_listed_updated_and_deleted(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    user = await finos.create_user(person(15))
    bank = await finos.create_bank_account(
        user.id,
        bank_account_number="4327843043",
        bank_routing_number="121042882",
        bank_account_nickname="Joe checking",
        idempotency_key="bank-15",
    )
    assert bank.user_id == user.id and bank.bank_account_nickname == "Joe checking"
    updated = await finos.update_bank_account(
        bank.id, default=True, bank_account_nickname="Joe WF Checking"
    )
    assert updated.default is True
    assert (await finos.get_bank_account(bank.id)).bank_account_nickname == "Joe WF Checking"
    assert [b.id async for b in finos.iter_bank_accounts(user.id)] == [bank.id]
    assert sandbox.calls("finos", "POST /v1/users/{user_id}/bank_accounts") == 1
    deleted = await finos.delete_bank_account(bank.id)
    assert deleted.deleted is True and deleted.id == bank.id
    with pytest.raises(ProviderNotFound):
        await finos.get_bank_account(bank.id)


async def test_a_bank_account_with_a_bad_routing_number_is_refused(finos: FinosClient) -> None:
    user = await finos.create_user(person(16))
    with pytest.raises(ProviderValidationError) as caught:
        await finos.create_bank_account(
            user.id,
            bank_account_number="4327843043",
            bank_routing_number="12",
            bank_account_nickname="x",
        )
    assert caught.value.field_errors[0].field == "bank_routing_number"


async def test_a_deposit_and_a_withdrawal_are_created_and_read_back(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    found = await funded(sandbox, finos)
    deposit = await finos.create_deposit(
        account_id=found.account.id,
        bank_account_id=found.bank.id,
        amount=Decimal("202.00"),
        idempotency_key="dep-1",
    )
    assert deposit.status == "pending"
    fetched = await finos.get_deposit(deposit.id)
    assert fetched.amount == Decimal("202.00") and fetched.bank_account_id == found.bank.id
    withdrawal = await finos.create_withdrawal(
        account_id=found.account.id, bank_account_id=found.bank.id, amount="10.50"
    )
    assert (await finos.get_withdrawal(withdrawal.id)).amount == Decimal("10.50")
    assert sandbox.calls("finos", "POST /v1/deposits") == 1
    assert sandbox.calls("finos", "POST /v1/withdrawal") == 1
    deposits = [d.id async for d in finos.iter_deposits(account_id=found.account.id, limit=2)]
    assert deposits[0] == deposit.id and len(set(deposits)) == len(deposits)
    withdrawals = await finos.list_withdrawals(account_id=found.account.id, limit=1)
    assert [w.id for w in withdrawals.items] == [withdrawal.id]
    assert [w.id async for w in finos.iter_withdrawals(cap=1)] == [withdrawal.id]


async def test_a_withdrawal_above_the_cash_fails_and_a_negative_deposit_is_refused(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    found = await funded(sandbox, finos)
    cash = found.account.available_cash or Decimal(0)
    with pytest.raises(ProviderValidationError) as failed:
        await finos.create_withdrawal(
            account_id=found.account.id, bank_account_id=found.bank.id, amount=cash + 1
        )
    assert failed.value.status == 402
    with pytest.raises(ProviderValidationError) as refused:
        await finos.create_deposit(
            account_id=found.account.id, bank_account_id=found.bank.id, amount="-5"
        )
    assert refused.value.status == 400
    assert refused.value.field_errors == (FieldError("amount", "amount must be greater than 0"),)
