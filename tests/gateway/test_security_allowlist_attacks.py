"""Attacks on the enforced persisted-operation allowlist (issue 19, "covered the same
way"): only manifest operations run, whatever is smuggled beside an allowed id, in a
batch or through another transport, and a refused operation reaches no provider."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.gateway.test_security_support import Gateway, running_gateway, sha256_hex
from tests.support import SandboxControl

ALLOWED = "query Teams { teams(first: 1) { edges { node { id } } } }"
SMUGGLED = "{ accounts(first: 5) { edges { node { id } } } }"  # Finos, not in the manifest
MANIFEST = {"teams-v1": ALLOWED}


def pq(digest: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def start(
    factory: pytest.TempPathFactory, sandbox: SandboxControl, **security: Any
) -> Iterator[Gateway]:
    directory = factory.mktemp("allowlist")
    manifest = directory / "operations.json"
    manifest.write_text(json.dumps(MANIFEST))
    with running_gateway(
        directory,
        sandbox,
        environment="production",
        persisted_manifest=str(manifest),
        allow_insecure=True,  # mode none against the test sandbox
        **security,
    ) as gw:
        yield gw


@pytest.fixture(scope="module")
def gateway(
    tmp_path_factory: pytest.TempPathFactory, _sandbox_server: SandboxControl
) -> Iterator[Gateway]:
    yield from start(tmp_path_factory, _sandbox_server)


@pytest.fixture(scope="module")
def batching(
    tmp_path_factory: pytest.TempPathFactory, _sandbox_server: SandboxControl
) -> Iterator[Gateway]:
    yield from start(tmp_path_factory, _sandbox_server, limits={"max_batch_operations": 5})


def code(answer: dict[str, Any]) -> str:
    assert answer.get("data") is None, answer
    return str(answer["errors"][0]["extensions"]["code"])


def finos_calls(sandbox: SandboxControl) -> int:
    return sandbox.calls("finos")


def test_the_allowed_operation_runs_by_id(gateway: Gateway, sandbox: SandboxControl) -> None:
    answer = gateway.http.post("/graphql", json={"extensions": pq("teams-v1")}).json()
    assert len(answer["data"]["teams"]["edges"]) == 1
    assert sandbox.calls("finmo") >= 1


@pytest.mark.parametrize(
    "body",
    [
        {"extensions": pq("teams-v2")},
        {"extensions": {"documentId": "TEAMS-V1"}},
        {"extensions": pq(sha256_hex(SMUGGLED))},
        {"extensions": {"persistedQuery": "teams-v1"}},
        {"extensions": {"persistedQuery": {"sha256Hash": ["teams-v1"]}}},
    ],
    ids=["unknown-id", "id-in-another-case", "hash-of-a-new-document", "not-an-object", "a-list"],
)
def test_an_id_that_is_not_in_the_manifest_runs_nothing(
    gateway: Gateway, sandbox: SandboxControl, body: dict[str, Any]
) -> None:
    answer = gateway.http.post("/graphql", json=body).json()
    assert code(answer) in {"PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_ALLOWED"}
    assert sum(sandbox.calls(p) for p in ("finmo", "financeit", "finos", "molo")) == 0


@pytest.mark.parametrize(
    "body",
    [
        {"query": SMUGGLED, "extensions": pq("teams-v1")},
        {"query": SMUGGLED, "extensions": {"documentId": "teams-v1"}},
        {"query": SMUGGLED, "extensions": pq(sha256_hex(ALLOWED))},
        {"query": ALLOWED + "\n" + SMUGGLED.replace("{ accounts", "query Also { accounts")},
        {"query": SMUGGLED, "operationName": "Teams", "extensions": pq("teams-v1")},
        {"query": SMUGGLED},
    ],
    ids=[
        "text-with-an-allowed-id",
        "text-with-an-allowed-document-id",
        "text-with-the-allowed-text-s-hash",
        "allowed-text-plus-another-operation",
        "allowed-operation-name",
        "text-alone",
    ],
)
def test_query_text_smuggled_beside_an_allowed_operation_is_refused(
    gateway: Gateway, sandbox: SandboxControl, body: dict[str, Any]
) -> None:
    answer = gateway.http.post("/graphql", json=body)
    assert code(answer.json()) == "PERSISTED_QUERY_NOT_ALLOWED"
    assert finos_calls(sandbox) == 0


def test_a_batch_is_refused_when_batching_is_off(gateway: Gateway, sandbox: SandboxControl) -> None:
    batch = [{"extensions": pq("teams-v1")}, {"query": SMUGGLED}]
    answer = gateway.http.post("/graphql", json=batch)
    assert answer.status_code == 400
    assert finos_calls(sandbox) == 0 and sandbox.calls("finmo") == 0


def test_each_operation_of_a_batch_is_held_to_the_allowlist(
    batching: Gateway, sandbox: SandboxControl
) -> None:
    batch = [
        {"extensions": pq("teams-v1")},
        {"query": SMUGGLED},
        {"query": SMUGGLED, "extensions": pq("teams-v1")},
        {"query": SMUGGLED, "extensions": pq(sha256_hex(ALLOWED))},
    ]
    answers = batching.http.post("/graphql", json=batch).json()
    assert len(answers) == 4
    assert len(answers[0]["data"]["teams"]["edges"]) == 1
    assert [code(a) for a in answers[1:]] == ["PERSISTED_QUERY_NOT_ALLOWED"] * 3
    assert finos_calls(sandbox) == 0


@pytest.mark.parametrize(
    "accept",
    [
        "multipart/mixed;subscriptionSpec=1.0, application/json",
        "text/event-stream",
        'multipart/mixed; deferSpec="20220824"',
    ],
)
def test_a_streaming_transport_does_not_bypass_the_allowlist(
    gateway: Gateway, sandbox: SandboxControl, accept: str
) -> None:
    answer = gateway.http.post("/graphql", json={"query": SMUGGLED}, headers={"Accept": accept})
    assert SMUGGLED not in answer.text
    assert "PERSISTED_QUERY_NOT_ALLOWED" in answer.text or answer.status_code >= 400
    assert finos_calls(sandbox) == 0
