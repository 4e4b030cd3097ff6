from __future__ import annotations

from pathlib import Path

import httpx

from gateway import Settings, create_app
from tests.support import bind_loopback, serve_on_loopback


def test_lifespan_opens_one_pooled_client_per_provider_and_closes_them(tmp_path: Path) -> None:
    sock = bind_loopback()
    settings = Settings(port=sock.getsockname()[1], data_dir=tmp_path)
    app = create_app(settings)
    with serve_on_loopback(app, sock) as url:
        assert httpx.get(f"{url}/readyz").json()["status"] == "ready"
        providers = app.state.providers
        clients = [providers.finmo, providers.financeit, providers.finos, providers.molo]
        https = [client._http for client in clients]
        assert len({id(h) for h in https}) == 4
        assert not any(h.is_closed for h in https)
        timeout = https[0].timeout
        assert (timeout.connect, timeout.read, timeout.pool) == (2.0, 10.0, 2.0)
        assert str(https[2].base_url) == f"{url}/sandbox/finos/"
    assert all(h.is_closed for h in https)


def test_readyz_is_503_when_a_provider_points_at_sandboxes_that_are_not_mounted(
    tmp_path: Path,
) -> None:
    sock = bind_loopback()
    settings = Settings(port=sock.getsockname()[1], data_dir=tmp_path, sandbox_enabled=False)
    with serve_on_loopback(create_app(settings), sock) as url:
        ready = httpx.get(f"{url}/readyz")
        assert httpx.get(f"{url}/healthz").status_code == 200
        assert httpx.get(f"{url}/sandbox/_stats").status_code == 404
    assert ready.status_code == 503
    assert ready.json()["providers"]["finos"] == {
        "embedded_sandbox": True,
        "ok": False,
    }


def test_readyz_says_only_what_it_documents(tmp_path: Path) -> None:
    """Exactly these keys and values: nothing from the settings (no URL, no credential)."""
    sock = bind_loopback()
    settings = Settings(port=sock.getsockname()[1], data_dir=tmp_path)
    with serve_on_loopback(create_app(settings), sock) as url:
        body = httpx.get(f"{url}/readyz").json()
    names = ("finmo", "financeit", "finos", "molo")
    assert body == {
        "status": "ready",
        "providers": {n: {"embedded_sandbox": True, "ok": True} for n in names},
        "breakers": dict.fromkeys(names, "closed"),
    }
