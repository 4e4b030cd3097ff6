"""The graphql-http audit suite (the npm package's 61 audits of the GraphQL-over-HTTP
spec) against the real gateway on loopback, in development and in production.

Set-up: `npm ci` in tests/gateway/http_audit (node and npm are on every machine the
project supports; the lock pins graphql-http) when its packages are missing or older
than the lock.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gateway.test_security_support import running_gateway

AUDIT = Path(__file__).parent / "http_audit"
# graphql-http's own query for these two asks `__type(name:)`: introspection, which
# production turns off by design (FINGATE_SECURITY__INTROSPECTION).
NEEDS_INTROSPECTION = {
    "MUST allow map {variables} parameter when accepting application/json",
    "SHOULD allow map {variables} parameter when accepting application/graphql-response+json",
}


@pytest.fixture(scope="module")
def audit_suite() -> Path:
    npm = shutil.which("npm")
    assert npm and shutil.which("node"), "node and npm are needed (the project's set-up)"
    installed = AUDIT / "node_modules" / ".package-lock.json"
    lock = AUDIT / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=AUDIT,
            check=True,
            timeout=300,
        )
    return AUDIT


def audit(suite: Path, url: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        ["node", "audit.mjs", url + "/graphql"],
        cwd=suite,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def tally(results: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    return Counter((r["name"].split(" ")[0], r["status"]) for r in results)


def failed(results: list[dict[str, Any]], level: str) -> set[str]:
    return {r["name"] for r in results if r["name"].startswith(level) and r["status"] != "ok"}


@pytest.fixture(scope="module")
def development(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_gateway(tmp_path_factory.mktemp("audit-dev")) as gateway:
        yield gateway.url


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_gateway(tmp_path_factory.mktemp("audit-prod"), environment="production") as gw:
        yield gw.url


def test_every_audit_passes_in_development(audit_suite: Path, development: str) -> None:
    results = audit(audit_suite, development)
    assert len(results) == 61
    assert {r["status"] for r in results} == {"ok"}, [r for r in results if r["status"] != "ok"]
    counts = tally(results)
    assert counts[("MUST", "ok")] == 13 and counts[("SHOULD", "ok")] == 23


def test_production_passes_all_but_what_needs_introspection(
    audit_suite: Path, production: str
) -> None:
    results = audit(audit_suite, production)
    assert failed(results, "MUST") | failed(results, "SHOULD") == NEEDS_INTROSPECTION
    counts = tally(results)
    assert counts[("MUST", "ok")] == 12 and counts[("SHOULD", "ok")] == 22
    # MAY: queries over GET are off in production (FINGATE_SECURITY__GET_QUERIES)
    assert all(r["name"].startswith("MAY") for r in results if r["status"] == "notice")


def test_production_with_introspection_on_passes_every_must_and_should(
    audit_suite: Path, tmp_path: Path
) -> None:
    with running_gateway(tmp_path, environment="production", introspection=True) as gateway:
        results = audit(audit_suite, gateway.url)
    assert not failed(results, "MUST") and not failed(results, "SHOULD")
