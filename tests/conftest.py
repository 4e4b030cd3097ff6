from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandbox import ManualClock, Sandbox, SandboxConfig, create_sandbox_app
from tests.support import SandboxControl, serve_on_loopback

SEED = 42


@pytest.fixture(scope="session")
def _sandbox_server() -> Iterator[SandboxControl]:
    clock = ManualClock()
    sandbox = Sandbox(
        SandboxConfig(seed=SEED, scale=1, molo_access_token_ttl=300, financeit_token_ttl=600),
        clock=clock,
    )
    with serve_on_loopback(create_sandbox_app(sandbox)) as url:
        control = SandboxControl(url, sandbox, clock)
        try:
            yield control
        finally:
            control.http.close()


@pytest.fixture
def sandbox(_sandbox_server: SandboxControl) -> SandboxControl:
    """The loopback sandbox, freshly reseeded: no stats, no faults, default rate limits."""
    _sandbox_server.reset()
    return _sandbox_server
