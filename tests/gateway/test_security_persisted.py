"""Persisted operations: automatic persisted queries in development, an allowlist
manifest enforced in production."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from gateway.security.persisted import PersistedOperations, load_manifest
from tests.gateway.test_security_support import Gateway, running_gateway, sha256_hex

TYPENAME = "{ __typename }"
ALLOWED = "query Teams { teams(first: 1) { edges { cursor } } }"


def apq(digest: str) -> dict[str, object]:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


@pytest.fixture(scope="module")
def development(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    with running_gateway(tmp_path_factory.mktemp("apq")) as gw:
        yield gw


def test_automatic_persisted_queries_register_then_run_by_hash(development: Gateway) -> None:
    digest = sha256_hex(TYPENAME)
    unknown = development.http.post("/graphql", json={"extensions": apq(digest)}).json()
    assert unknown["errors"][0]["message"] == "PersistedQueryNotFound"
    assert unknown["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    registered = development.http.post(
        "/graphql", json={"query": TYPENAME, "extensions": apq(digest)}
    )
    assert registered.json() == {"data": {"__typename": "Query"}}
    by_hash = development.http.post("/graphql", json={"extensions": apq(digest)})
    assert by_hash.json() == {"data": {"__typename": "Query"}}


def test_a_hash_that_does_not_match_its_query_is_refused(development: Gateway) -> None:
    body = development.http.post(
        "/graphql", json={"query": TYPENAME, "extensions": apq("0" * 64)}
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    later = development.http.post("/graphql", json={"extensions": apq("0" * 64)}).json()
    assert later["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    directory = tmp_path_factory.mktemp("allowlist")
    manifest = directory / "operations.json"
    manifest.write_text(json.dumps({"teams-v1": ALLOWED, "typename-v1": TYPENAME}))
    with running_gateway(
        directory, environment="production", persisted_manifest=str(manifest)
    ) as gw:
        yield gw


def test_an_allowlisted_operation_runs_by_its_id(production: Gateway) -> None:
    answer = production.http.post("/graphql", json={"extensions": {"documentId": "typename-v1"}})
    assert answer.json() == {"data": {"__typename": "Query"}}
    by_apq_field = production.http.post("/graphql", json={"extensions": apq("teams-v1")})
    assert "errors" not in by_apq_field.json(), by_apq_field.text
    assert len(by_apq_field.json()["data"]["teams"]["edges"]) == 1


def test_the_exact_text_of_an_allowlisted_operation_runs(production: Gateway) -> None:
    assert production.gql(TYPENAME).json() == {"data": {"__typename": "Query"}}


def test_an_arbitrary_document_is_refused_when_the_allowlist_is_enforced(
    production: Gateway,
) -> None:
    for query in ("{ teams(first: 50) { edges { cursor } } }", "{ __typename  }"):
        body = production.gql(query).json()
        assert body == {
            "data": None,
            "errors": [
                {
                    "message": "Only persisted operations are accepted",
                    "extensions": {"code": "PERSISTED_QUERY_NOT_ALLOWED"},
                }
            ],
        }


def test_an_unknown_id_is_not_found_and_apq_cannot_register_in_production(
    production: Gateway,
) -> None:
    digest = sha256_hex("{ loans { edges { cursor } } }")
    body = production.http.post("/graphql", json={"extensions": apq(digest)}).json()
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    register = production.http.post(
        "/graphql",
        json={"query": "{ loans { edges { cursor } } }", "extensions": apq(digest)},
    ).json()
    assert register["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"


def test_both_manifest_shapes_load(tmp_path: Path) -> None:
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps({"a": TYPENAME}))
    apollo = tmp_path / "apollo.json"
    apollo.write_text(
        json.dumps(
            {
                "format": "apollo-persisted-query-manifest",
                "version": 1,
                "operations": [{"id": "b", "name": "T", "type": "query", "body": TYPENAME}],
            }
        )
    )
    assert load_manifest(plain) == {"a": TYPENAME}
    assert load_manifest(apollo) == {"b": TYPENAME}


def test_without_apq_a_hash_alone_is_not_supported_so_clients_stop_trying() -> None:
    """Apollo's protocol: PersistedQueryNotSupported turns the client's persisted-queries
    link off (NotFound would make it pay two round trips on every operation)."""
    persisted = PersistedOperations(apq=False)
    assert persisted.resolve(TYPENAME, None) == TYPENAME
    refused = persisted.resolve(None, apq(sha256_hex(TYPENAME)))
    assert not isinstance(refused, str) and refused is not None
    assert (refused.message, refused.code) == (
        "PersistedQueryNotSupported",
        "PERSISTED_QUERY_NOT_SUPPORTED",
    )
    # the client's next try, the text with its hash, runs
    assert persisted.resolve(TYPENAME, apq(sha256_hex(TYPENAME))) == TYPENAME


def test_an_enforced_manifest_runs_a_listed_operation_named_by_its_hash_alone() -> None:
    """Apollo Client's persisted-queries link sends the document's SHA-256, not the
    manifest's id: a listed operation runs from its hash, anything else does not."""
    persisted = PersistedOperations(apq=False, manifest={"typename-v1": TYPENAME}, enforce=True)
    assert persisted.resolve(None, apq(sha256_hex(TYPENAME))) == TYPENAME
    assert persisted.resolve(None, apq(sha256_hex(TYPENAME).upper())) == TYPENAME
    assert persisted.resolve(None, {"documentId": "typename-v1"}) == TYPENAME
    other = persisted.resolve(None, apq(sha256_hex("{ loans { edges { cursor } } }")))
    assert not isinstance(other, str) and other is not None
    assert other.code == "PERSISTED_QUERY_NOT_FOUND"
