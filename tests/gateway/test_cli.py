"""`fingate serve` and `fingate sandbox` as a user runs them: a real process on loopback."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from gateway.cli import uvicorn_options, worker_count
from gateway.settings import Settings, unknown_variables
from resolvers import HttpConfig

PROVIDERS = ("finmo", "financeit", "finos", "molo")

URL = re.compile(r"http://127\.0\.0\.1:(\d+)")


@contextmanager
def running(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Start `fingate ARGS --port 0` (with `env` added to a FINGATE_-free environment);
    yield its base URL once it has printed it."""
    extra = env or {}
    env = {k: v for k, v in os.environ.items() if not k.startswith("FINGATE_")}
    env["FINGATE_DATA_DIR"] = str(cwd / "data")
    env.update(extra)
    proc = subprocess.Popen(
        [sys.executable, "-m", "gateway.cli", *args, "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # printed after the socket listens: no polling needed
        match = URL.search(line)
        assert match, f"no URL in {line!r}; stderr: {proc.stderr.read() if proc.stderr else ''}"
        yield f"http://127.0.0.1:{match.group(1)}"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            _, stderr = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise
        # uvicorn shuts down gracefully, then re-raises the signal it caught so the exit
        # status tells a supervisor it was terminated: -SIGTERM, not a crash.
        assert proc.returncode in (0, -signal.SIGTERM), stderr[-2000:]
        assert "Application shutdown complete" in stderr


def test_serve_answers_health_readiness_and_every_sandbox_over_real_http(tmp_path: Path) -> None:
    with running("serve", "--seed", "7", cwd=tmp_path) as url, httpx.Client(base_url=url) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        ready = http.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["status"] == "ready"
        assert set(ready.json()["providers"]) == {"finmo", "financeit", "finos", "molo"}
        assert http.get("/sandbox/_stats").json() == {}
        # Each provider answers its own 401 to a request without credentials.
        for path in (
            "/sandbox/finmo/api/v1/teams",
            "/sandbox/financeit/en/api/v3/partners",
            "/sandbox/finos/v1/users",
            "/sandbox/molo/api/v1/applications/",
        ):
            assert http.get(path).status_code == 401, path
        stats = http.get("/sandbox/_stats").json()
        assert set(stats) == {"finmo", "financeit", "finos", "molo"}


def test_sandbox_command_serves_only_the_sandboxes(tmp_path: Path) -> None:
    with running("sandbox", cwd=tmp_path) as url, httpx.Client(base_url=url) as http:
        assert http.get("/finos/v1/users").status_code == 401
        assert http.get("/_stats").json() == {"finos": {"GET /v1/users": 1}}
        assert http.get("/healthz").status_code == 404


def test_the_server_keeps_idle_connections_longer_than_the_provider_clients_do() -> None:
    """Else a pooled client (the gateway calling its own embedded sandboxes, a load
    balancer) can send on a connection the server is closing at that moment."""
    assert uvicorn_options(Settings())["timeout_keep_alive"] > HttpConfig().keepalive_expiry
    assert uvicorn_options(Settings())["timeout_keep_alive"] > 60  # common LB idle timeout


def test_a_misspelt_setting_stops_the_gateway_before_it_serves(tmp_path: Path) -> None:
    """FINGATE_SECURTY__MODE=jwt must not start a gateway with authentication off."""
    done = _fingate(tmp_path, "serve", "--port", "0", FINGATE_SECURTY__MODE="jwt")
    assert done.returncode == 2
    assert done.stdout == ""  # nothing served, no URL printed
    assert "FINGATE_SECURTY__MODE is not a fingate setting" in done.stderr
    assert "did you mean FINGATE_SECURITY__MODE?" in done.stderr
    assert "Traceback" not in done.stderr


def test_every_documented_kind_of_setting_is_known_and_others_are_not() -> None:
    known = {
        "FINGATE_PORT": "1",
        "fingate_log_level": "info",  # names are case-insensitive, as pydantic-settings reads them
        "FINGATE_FINOS__HTTP__POOL_TIMEOUT": "1",
        "FINGATE_SECURITY__LIMITS__MAX_COST": "1",
        "FINGATE_RESILIENCE__RATE_LIMITS__FINOS": "600",
        "FINGATE_SECURITY__API_KEYS": "[]",
        "PATH": "/bin",  # not ours
    }
    assert unknown_variables(known) == []
    wrong = {
        "FINGATE_SECURITY__API_KEYS__SHA256": "x",  # a list's items are not variables
        "FINGATE_FINOS__HTTP__POOL_TIMOUT": "1",
        "FINGATE_NOTHING_LIKE_IT": "1",
    }
    assert unknown_variables(wrong) == [
        "FINGATE_FINOS__HTTP__POOL_TIMOUT is not a fingate setting "
        "(did you mean FINGATE_FINOS__HTTP__POOL_TIMEOUT?)",
        "FINGATE_NOTHING_LIKE_IT is not a fingate setting",
        "FINGATE_SECURITY__API_KEYS__SHA256 is not a fingate setting "
        "(did you mean FINGATE_SECURITY__API_KEYS?)",
    ]


def test_workers_default_to_one_per_core_and_to_one_on_the_embedded_sandboxes() -> None:
    cores = len(os.sched_getaffinity(0))
    real = {f"{p}": {"base_url": f"https://{p}.example"} for p in PROVIDERS}
    assert worker_count(Settings()) == 1  # the embedded sandboxes hold their data in one process
    assert worker_count(Settings(**real)) == cores
    assert worker_count(Settings(sandbox_enabled=False)) == cores
    assert worker_count(Settings(workers=3)) == 3


def _fingate(tmp_path: Path, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FINGATE_")}
    return subprocess.run(
        [sys.executable, "-m", "gateway.cli", *args],
        cwd=tmp_path,
        env={**env, **variables},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_bad_values_are_one_line_each_naming_the_variable_and_what_it_takes(
    tmp_path: Path,
) -> None:
    done = _fingate(
        tmp_path,
        "serve",
        "--port",
        "0",
        FINGATE_SECURITY__MODE="jwx",
        FINGATE_WORKERS="-1",
    )
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "fingate: FINGATE_WORKERS: Input should be greater than or equal to 0 (got '-1')",
        "fingate: FINGATE_SECURITY__MODE: Input should be 'jwt', 'api-key' or 'none' (got 'jwx')",
        "fingate: not started; the settings are listed in README.md, section Settings",
    ]


def test_a_json_setting_that_does_not_parse_is_named(tmp_path: Path) -> None:
    done = _fingate(tmp_path, "serve", "--port", "0", FINGATE_SECURITY__CORS_ORIGINS="abc")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("fingate: FINGATE_SECURITY__CORS_ORIGINS: not valid JSON")


def test_version_and_help_say_what_fingate_is_and_where_the_settings_are(
    tmp_path: Path,
) -> None:
    version = _fingate(tmp_path, "--version")
    assert version.returncode == 0 and re.fullmatch(r"fingate \S+\n", version.stdout)
    shown = _fingate(tmp_path, "--help").stdout
    assert "Finmo, FinanceIt, Finos and Molo" in shown
    assert "README.md, section Settings" in " ".join(shown.split())
    for command in ("serve", "sandbox", "schema"):
        assert command in shown
