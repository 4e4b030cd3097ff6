"""What every route works with: the state, the sandbox clock, ids and events.

Time: seed data lies before EPOCH; anything the API creates is stamped
EPOCH + (sandbox clock seconds since the last reset), so tests move time with
`sandbox.advance`. Transitions that take time (order fills, deposits settling,
KYC review) are scheduled on that clock and applied before each request.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable, Hashable
from typing import Any

from ..config import SandboxConfig
from ..people import Person
from ..provider import Clock
from .auth import API_KEY, signing_key
from .delivery import WebhookSender
from .idempotency import IdempotencyStore
from .market import Market
from .seed import seed_state
from .store import Record, State
from .values import EPOCH_MS, Ids


class Scheduler:
    """Callbacks due at a sandbox-clock time, run in due order."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = itertools.count()

    def at(self, due: float, action: Callable[[], None]) -> None:
        heapq.heappush(self._heap, (due, next(self._seq), action))

    def run_due(self, now: float) -> None:
        while self._heap and self._heap[0][0] <= now:
            _, _, action = heapq.heappop(self._heap)
            action()


class Backend:
    def __init__(self, config: SandboxConfig, clock: Clock) -> None:
        self.config = config
        self.clock = clock
        self.webhooks = WebhookSender(signing_key(API_KEY), config.webhook_timeout)
        self.idempotency = IdempotencyStore()
        self.state = State()
        self.market = Market(config.seed)
        self.scheduler = Scheduler()
        self.ids = Ids(random.Random(f"finos:{config.seed}:api"))
        self._t0 = clock.now()
        self._pristine: tuple[Hashable, State] | None = None

    def reset(self, people: list[Person]) -> None:
        """Reseed. The seed data is built once per seed and people, then copied."""
        key = (self.config.seed, self.config.scale, tuple((p.index, p.email) for p in people))
        if self._pristine is None or self._pristine[0] != key:
            self.market = Market(self.config.seed)
            state = seed_state(self.config.seed, self.config.scale, people, self.market)
            self._pristine = (key, state)
        self.state = self._pristine[1].copy()
        self.scheduler = Scheduler()
        self.idempotency.clear()
        self.ids = Ids(random.Random(f"finos:{self.config.seed}:api"))
        self._t0 = self.clock.now()

    def now(self) -> float:
        return self.clock.now()

    def now_ms(self) -> int:
        return EPOCH_MS + int((self.clock.now() - self._t0) * 1000)

    def after(self, seconds: float, action: Callable[[], None]) -> None:
        self.scheduler.at(self.clock.now() + seconds, action)

    def tick(self) -> None:
        self.scheduler.run_due(self.clock.now())

    def emit(self, event_type: str, data: Record) -> None:
        """Send `event_type` with `data` (the object as GET answers it) to subscribed hooks."""
        hooks = [self.state.webhooks.by_id[i] for i in self.state.webhooks.order]
        event: dict[str, Any] = {
            "id": self.ids.uuid(),
            "type": event_type,
            "created_at": self.now_ms(),
            "data": data,
        }
        self.webhooks.send(hooks, event)
