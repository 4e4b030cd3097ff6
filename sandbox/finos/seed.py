"""Deterministic seed data from the shared people, `seed` and `scale`.

The Finos people (people_at) become users with their Finos-cased emails; most
pass KYC. Approved users get one to five accounts (about one in five joint),
positions in the 30-symbol universe, linked bank accounts, settled deposits
and withdrawals, past orders and monthly statements. Every time lies before
EPOCH; ids come from random.Random(f"finos:{seed}").
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..people import Person, people_at
from . import kycflow
from .market import Market
from .seed_managed import seed_managed, seed_statements
from .store import Collection, Position, Record, State
from .trading import half, new_order
from .values import EPOCH_MS, Ids, iso, money

DAY_MS = 86_400_000
CITIES = (
    ("Richmond", "VA", "23220"),
    ("Austin", "TX", "73301"),
    ("Denver", "CO", "80202"),
    ("Seattle", "WA", "98101"),
    ("Boston", "MA", "02108"),
    ("Chicago", "IL", "60601"),
    ("Miami", "FL", "33101"),
    ("Portland", "OR", "97201"),
)
STREETS = ("Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Test St", "Park Blvd", "Lake Rd")
EMPLOYERS = ("Finos Inc", "Acme Corp", "Globex", "Initech", "Umbrella LLC", "Stark Industries")
POSITIONS = ("Software Engineer", "Teacher", "Nurse", "Accountant", "Designer", "Manager")


def _ms(rng: random.Random, low: int, high: int) -> int:
    return rng.randrange(low, max(low + 1, high))


def _add_sorted(target: Collection, records: list[Record], key: Callable[[Record], Any]) -> None:
    for record in sorted(records, key=key):
        target.add(record)


def _kyc_state(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.80:
        return "approved"
    if roll < 0.86:
        return "questions"
    if roll < 0.91:
        return "documents"
    if roll < 0.95:
        return "review"
    return "rejected"


def _ssn(rng: random.Random, state: str) -> str:
    forced = {"questions": "0", "documents": "1", "rejected": "2"}
    last = forced.get(state, str(rng.randrange(3, 10)))
    return f"{rng.randrange(100, 900)}{rng.randrange(10, 100)}{rng.randrange(100, 1000)}{last}"


def _users(state: State, ids: Ids, rng: random.Random, people: list[Person]) -> None:
    for person in sorted(people_at("finos", people), key=lambda p: (p.created_at, p.index)):
        kyc_state = _kyc_state(rng)
        city, region, postal = rng.choice(CITIES)
        created = int(person.created_at.timestamp() * 1000)
        token = ids.token("S-", 20)
        user_id = ids.uuid()
        check = kycflow.new_check(token, kyc_state, created, rng)
        check["user_id"] = user_id
        if kyc_state == "review":
            check["documents"].append({"document_token": ids.token("D-"), "type": "license"})
        state.kyc[token] = check
        email = person.email_at("finos")
        state.users.add(
            {
                "id": user_id,
                "status": kycflow.USER_STATUS[kyc_state],
                "kyc_token": token,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "phone_number": person.phone,
                "email_address": email,
                "address_line_1": f"{rng.randrange(1, 9999)} {rng.choice(STREETS)}",
                "address_line_2": rng.choice((None, None, f"unit {rng.randrange(1, 40)}")),
                "address_city": city,
                "address_state": region,
                "address_postal_code": postal,
                "address_country_code": "US",
                "created_at": created,
            }
        )
        state.users_by_email[email.strip().lower()] = user_id
        state.user_private[user_id] = {
            "ssn_number": _ssn(rng, kyc_state),
            "birth_date": person.date_of_birth.isoformat(),
        }


def _joint_member(user: Record) -> Record:
    keys = (
        "first_name",
        "last_name",
        "phone_number",
        "email_address",
        "address_line_1",
        "address_city",
        "address_state",
        "address_postal_code",
        "address_country_code",
    )
    return {k: user[k] for k in keys}


def seed_state(seed: int, scale: int, people: list[Person], market: Market) -> State:
    del scale  # the people already scale with it; everything else hangs off them
    rng = random.Random(f"finos:{seed}")
    ids = Ids(rng)
    state = State()
    _users(state, ids, rng, people)
    seed_managed(state, ids)
    users = [state.users.by_id[i] for i in state.users.order]
    active = [u for u in users if u["status"] == "active"]
    accounts: list[Record] = []
    banks: list[Record] = []
    for user in active:
        start = user["created_at"]
        user_banks = []
        for n in range(rng.choice((1, 1, 2))):
            user_banks.append(
                {
                    "id": ids.uuid(),
                    "user_id": user["id"],
                    "bank_account_number": str(rng.randrange(10**9, 10**10)),
                    "bank_routing_number": rng.choice(("121042882", "021000021", "026009593")),
                    "default": n == 0,
                    "bank_account_nickname": f"{user['first_name']} {('checking', 'savings')[n]}",
                    "created_at": _ms(rng, start, EPOCH_MS - DAY_MS),
                }
            )
        banks.extend(user_banks)
        for _ in range(rng.choice((1, 2, 3, 3, 4, 5))):
            joint = rng.random() < 0.2
            investment = rng.random() < 0.5
            partner = rng.choice(users) if joint else None
            account: Record = {
                "id": ids.uuid(),
                "user_id": user["id"],
                "account_number": ids.account_number(state.account_numbers),
                "ownership": "joint" if joint else "individual",
                "account_type": "investment" if investment else "cash",
                "martial_status": "married" if joint else rng.choice(("single", "divorced")),
                "country_of_citizenship": "USA",
                "employment_status": rng.choice(("Employed / Self-Employed", "Retired")),
                "employment_position": rng.choice(POSITIONS),
                "employer_name": rng.choice(EMPLOYERS),
                "annual_income": "$100,000 - $199,999" if investment else None,
                "investment_objective": rng.choice(("growth", "income")) if investment else None,
                "investment_experience": "limited" if investment else None,
                "net_liquid_worth": "$5,000 - $99,999" if investment else None,
                "net_total_worth": "$100,000 - $199,999" if investment else None,
                "risk_tolerance": rng.choice(("conservative", "moderate", "aggressive"))
                if investment
                else None,
                "is_director": False,
                "director_of": None,
                "joint_member": _joint_member(partner) if partner else None,
                "created_at": _ms(rng, start, EPOCH_MS - 30 * DAY_MS)
                if start < EPOCH_MS - 31 * DAY_MS
                else _ms(rng, start, EPOCH_MS - 1000),
            }
            state.account_numbers[account["account_number"]] = account["id"]
            accounts.append(account)
            state.cash[account["id"]] = Decimal(rng.randrange(0, 5_000_000)) / 100
            state.settings[account["id"]] = {
                "id": account["id"],
                "portfolio_id": None,
                "managed": False,
                "min_cash_percent": "1.0",
                "max_cash_percent": "5.0",
            }
            symbols = rng.sample(sorted(market.instruments), rng.randrange(0, 7))
            for symbol in symbols:
                ins = market.instruments[symbol]
                quantity = Decimal(rng.randrange(1, 200))
                if rng.random() < 0.2:
                    quantity += Decimal(rng.randrange(1, 10_000)) / 10_000
                state.positions[account["id"]][ins.asset_id] = Position(
                    ins.asset_id,
                    symbol,
                    quantity,
                    (market.price(symbol) * Decimal(str(rng.uniform(0.6, 1.3)))).quantize(
                        Decimal("0.01")
                    ),
                )
    _add_sorted(state.bank_accounts, banks, lambda r: int(r["created_at"]))
    for bank in state.bank_accounts.by_id.values():
        state.banks_of_user[bank["user_id"]].append(bank["id"])
    _add_sorted(state.accounts, accounts, lambda r: int(r["created_at"]))
    for ident in state.accounts.order:
        state.accounts_of_user[state.accounts.by_id[ident]["user_id"]].append(ident)
    _activity(state, ids, rng, market)
    seed_statements(state, ids, rng)
    return state


def _activity(state: State, ids: Ids, rng: random.Random, market: Market) -> None:
    deposits: list[Record] = []
    withdrawals: list[Record] = []
    orders: list[tuple[int, Record]] = []
    symbols = sorted(market.instruments)
    for account in state.accounts.by_id.values():
        banks = state.banks_of_user[account["user_id"]]
        begin = int(account["created_at"])
        for kind, count in (("deposit", rng.randrange(1, 4)), ("withdrawal", rng.randrange(0, 2))):
            for _ in range(count):
                created = _ms(rng, begin, EPOCH_MS - DAY_MS)
                record = {
                    "id": ids.uuid(),
                    "account_id": account["id"],
                    "bank_account_id": rng.choice(banks),
                    "amount": money(Decimal(rng.randrange(5_000, 2_500_000)) / 100),
                    "created_at": created,
                    "completed_at": created + DAY_MS,
                    "status": "complete",
                }
                (deposits if kind == "deposit" else withdrawals).append(record)
        for _ in range(rng.choice((1, 1, 2))):
            ins = market.instruments[rng.choice(symbols)]
            price = market.price(ins.symbol)
            type_ = rng.choice(("market", "market", "limit", "limit", "stop", "stop_limit"))
            side = rng.choice(("buy", "buy", "sell"))
            status = rng.choices(("filled", "canceled", "new", "rejected"), (55, 15, 25, 5))[0]
            if type_ == "market" and status == "new":
                status = "filled"
            away = Decimal("0.9") if side == "buy" else Decimal("1.1")
            limit = stop = None
            if type_ in ("limit", "stop_limit"):
                limit = (price * (away if status == "new" else 2 - away)).quantize(Decimal("0.01"))
            if type_ in ("stop", "stop_limit"):
                stop = (price * (2 - away if status == "new" else away)).quantize(Decimal("0.01"))
            created = _ms(rng, begin, EPOCH_MS - 3600_000)
            quantity = Decimal(rng.randrange(1, 50))
            order = new_order(
                ids.uuid(),
                ins,
                account_id=account["id"],
                quantity=quantity,
                side=side,
                type_=type_,
                limit_price=limit,
                stop_price=stop,
                submitted_ms=created,
            )
            order["status"] = status
            if status == "filled":
                order["filled_quantity"] = order["quantity"]
                order["filled_at"] = iso(created + 10_000)
                order["filled_average_price"] = money(price)
            elif status == "canceled":
                order["filled_quantity"] = str(half(quantity)) if rng.random() < 0.3 else "0"
                order["canceled_at"] = iso(created + rng.randrange(60_000, DAY_MS))
            elif status == "rejected":
                order["failed_at"] = iso(created + 1000)
            orders.append((created, order))
    _add_sorted(state.deposits, deposits, lambda r: int(r["created_at"]))
    _add_sorted(state.withdrawals, withdrawals, lambda r: int(r["created_at"]))
    for created, order in sorted(orders, key=lambda pair: pair[0]):
        state.orders.add(order)
        state.order_keys[order["id"]] = created
    funding: list[tuple[int, str, str]] = [
        (int(r["created_at"]), r["id"], r["account_id"])
        for r in (*state.deposits.by_id.values(), *state.withdrawals.by_id.values())
    ]
    funding.extend(
        (state.order_keys[o["id"]], o["id"], o["account_id"])
        for o in state.orders.by_id.values()
        if o["status"] == "filled"
    )
    for _, ident, account_id in sorted(funding):
        state.funding_of_account[account_id].append(ident)
    for ident in state.orders.order:
        state.orders_of_account[state.orders.by_id[ident]["account_id"]].append(ident)
