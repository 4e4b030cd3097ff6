"""The served process's garbage-collector settings (gateway/runtime.py)."""

from __future__ import annotations

import gc
import socket
from collections.abc import Iterator

import pytest
import uvicorn

from gateway.runtime import FrozenStartServer, collect_due, tune_collector
from gateway.settings import Settings


@pytest.fixture(autouse=True)
def restored_collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()


def test_the_default_threshold_makes_young_collections_rare() -> None:
    tune_collector(Settings().gc_threshold)
    assert gc.get_threshold() == (50_000, 10, 10)


def test_zero_keeps_pythons_own_threshold() -> None:
    before = gc.get_threshold()
    tune_collector(0)
    assert gc.get_threshold() == before


async def _app(scope: dict[str, object], *_: object) -> None:
    """Never called: lifespan off and no request sent."""


class _Probe(FrozenStartServer):
    """Stops as soon as it is serving, noting what the collector had frozen by then."""

    frozen = -1

    async def main_loop(self) -> None:
        self.frozen = gc.get_freeze_count()


@pytest.mark.parametrize("freeze", [True, False])
async def test_start_up_freezes_what_it_built_only_when_tuned(freeze: bool) -> None:
    gc.unfreeze()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        server = _Probe(uvicorn.Config(_app, lifespan="off", log_level="error"), freeze=freeze)
        await server.serve(sockets=[sock])
    assert (server.frozen > 0) is freeze


class _Young:
    """A tracked object no free list recycles (each one counts as an allocation)."""


def test_the_clock_collects_what_pythons_trigger_would_once_it_is_due() -> None:
    gc.disable()  # as while serving: only collect_due's answers collect
    try:
        gc.collect()  # every count back to 0
        gc.set_threshold(3, 2, 2)
        assert collect_due() is None  # nothing due yet
        seen = []
        for _ in range(13):
            kept = [_Young() for _ in range(5)]  # five more young objects each time
            generation = collect_due()
            assert generation is not None
            seen.append(generation)
            gc.collect(generation)
            del kept
        # as Python's trigger: a generation once the one below has been collected more
        # times than its threshold since its own last collection
        assert seen == [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 2]
    finally:
        gc.enable()


async def test_start_up_hands_collections_to_the_clock_and_shutdown_gives_them_back() -> None:
    class Probe(FrozenStartServer):
        enabled: bool | None = None

        async def main_loop(self) -> None:
            self.enabled = gc.isenabled()

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        config = uvicorn.Config(_app, lifespan="off", log_level="error")
        server = Probe(config, freeze=True, collect_every=5.0)
        await server.serve(sockets=[sock])
    assert server.enabled is False  # while serving: the clock's
    assert gc.isenabled()
