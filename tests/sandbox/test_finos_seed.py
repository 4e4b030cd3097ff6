"""Finos sandbox: seed data is deterministic, sized by scale and lies before EPOCH."""

from __future__ import annotations

from sandbox.finos.market import Market
from sandbox.finos.seed import seed_state
from sandbox.finos.values import EPOCH_MS
from sandbox.people import make_people
from tests.sandbox.test_finos_support import provider
from tests.support import SandboxControl


def test_the_same_seed_gives_the_same_records_and_another_seed_other_ones() -> None:
    first = seed_state(42, 1, make_people(42, 1), Market(42))
    again = seed_state(42, 1, make_people(42, 1), Market(42))
    other = seed_state(7, 1, make_people(7, 1), Market(7))
    assert first.users.order == again.users.order
    assert first.orders.by_id == again.orders.by_id
    assert first.cash == again.cash
    assert set(first.users.order).isdisjoint(other.users.order)


def test_scale_multiplies_the_records() -> None:
    one = seed_state(42, 1, make_people(42, 1), Market(42))
    three = seed_state(42, 3, make_people(42, 3), Market(42))
    assert 200 <= len(one.accounts) <= 400 and 200 <= len(one.orders) <= 500
    assert len(three.users) > 2.5 * len(one.users)
    assert len(three.accounts) > 2.5 * len(one.accounts)


def test_seed_records_lie_before_epoch_and_span_the_symbol_universe() -> None:
    state = seed_state(42, 1, make_people(42, 1), Market(42))
    stamps = [u["created_at"] for u in state.users.by_id.values()]
    stamps += [a["created_at"] for a in state.accounts.by_id.values()]
    stamps += [d["created_at"] for d in state.deposits.by_id.values()]
    stamps += list(state.order_keys.values())
    assert max(stamps) < EPOCH_MS
    assert len({o["symbol"] for o in state.orders.by_id.values()}) >= 25
    statuses = {o["status"] for o in state.orders.by_id.values()}
    assert statuses == {"filled", "canceled", "new", "rejected"}
    kyc = {u["status"] for u in state.users.by_id.values()}
    assert kyc == {"active", "action_required", "pending_review", "rejected"}


async def test_reset_drops_what_the_api_created(sandbox: SandboxControl) -> None:
    backend = provider(sandbox).backend
    seeded = len(backend.state.orders)
    first_id = backend.state.orders.order[0]
    backend.state.orders.by_id[first_id]["status"] = "changed"
    backend.state.orders.add({"id": "extra", "status": "new"})
    sandbox.reset()
    assert len(backend.state.orders) == seeded
    assert backend.state.orders.by_id[first_id]["status"] != "changed"
