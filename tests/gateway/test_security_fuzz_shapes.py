"""A seeded fuzz run of request shapes over /graphql (issue 19, point 3): bare JSON
values, lists, bytes that are not UTF-8, truncated and deeply nested JSON, fields of
the wrong type, integers of every size, queries with typos, other content types and
the borrower query that asks for profiles by two paths. Not one answer may be a 5xx;
every answer is JSON, and every error in it carries `extensions.code`.

Deterministic: the same seed sends the same requests in the same order."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.gateway.test_security_support import Gateway, running_gateway, sha256_hex
from tests.support import SandboxControl

SEED = 19
REQUESTS = 300
STAFF_KEY = "fgk_test_fuzz_staff"
BORROWER_KEY = "fgk_test_fuzz_borrower"
TWO_PATHS = """{
  borrowers(first: 5) { edges { node { email profiles { id provider } } } }
  applications(first: 5) { edges { node { applicants { borrower { profiles { id } } } } } }
}"""
QUERIES = (
    "{ teams(first: 3) { edges { node { id name } } } }",
    "query($n: Int) { teams(first: $n) { edges { node { id name } } } }",
    "query($s: String!) { stockQuote(symbol: $s) { symbol } }",
    "query Named { promoPrograms(first: 2) { edges { node { id } } } }",
    '{ node(id: "QXBwbGljYXRpb246ZmlubW86eA==") { id } }',
    'mutation { placeOrder(input: {accountId: "x", symbol: "AAPL", quantity: "1", '
    "side: BUY, type: MARKET}) { userErrors { code } } }",
    TWO_PATHS,
)
INTS = (0, -1, 2**31 - 1, 2**31, -(2**31) - 1, 2**53, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 10**30)


@dataclass(frozen=True)
class Shot:
    kind: str
    body: bytes
    headers: dict[str, str]


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


def _value(rng: random.Random, depth: int = 0) -> object:
    pick = rng.randrange(8 if depth < 3 else 5)
    if pick == 0:
        return rng.choice(INTS) * rng.choice((1, -1))
    if pick == 1:
        return rng.choice((None, True, False, 1.5, 1e300, ""))
    if pick == 2:
        return "".join(
            rng.choice('{}[]$!:"\\ abcAZ09\u00e9\u2028') for _ in range(rng.randrange(12))
        )
    if pick == 3:
        return rng.choice(("{ __typename }", "query { x }", "{", "mutation { __typename }"))
    if pick == 4:
        return rng.randrange(-1000, 1000)
    if pick == 5:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {k: _value(rng, depth + 1) for k in rng.sample(("query", "variables", "n", "a"), 2)}


def _typo(rng: random.Random, query: str) -> str:
    chars = list(query)
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(chars))
        action = rng.randrange(3)
        if action == 0:
            del chars[at]
        elif action == 1:
            chars.insert(at, rng.choice('abz{}()$:!@"0'))
        else:
            chars[at] = rng.choice("aeiouxyz")
    return "".join(chars)


def shots(seed: int = SEED, count: int = REQUESTS) -> list[Shot]:
    """The requests of one run: `count` of them, chosen by `seed`."""
    rng = random.Random(seed)
    staff = {"content-type": "application/json", "X-API-Key": STAFF_KEY}
    borrower = {**staff, "X-API-Key": BORROWER_KEY}
    makers: list[tuple[str, Callable[[], Shot]]] = [
        ("bare value", lambda: Shot("bare value", _json(_value(rng, 3)), staff)),
        ("list", lambda: Shot("list", _json([_value(rng, 2) for _ in range(3)]), staff)),
        (
            "not utf-8",
            lambda: Shot("not utf-8", bytes(rng.randrange(256) for _ in range(24)), staff),
        ),
        (
            "truncated",
            lambda: Shot("truncated", _json({"query": rng.choice(QUERIES)})[:-3], staff),
        ),
        (
            "deep",
            lambda: Shot("deep", b'{"query": ' + b"[" * 2000 + b"]" * 2000 + b"}", staff),
        ),
        (
            "wrong types",
            lambda: Shot(
                "wrong types",
                _json({k: _value(rng) for k in ("query", "variables", "operationName")}),
                staff,
            ),
        ),
        (
            "int variable",
            lambda: Shot(
                "int variable",
                _json({"query": QUERIES[1], "variables": {"n": rng.choice(INTS)}}),
                staff,
            ),
        ),
        (
            "typo",
            lambda: Shot("typo", _json({"query": _typo(rng, rng.choice(QUERIES))}), staff),
        ),
        (
            "content type",
            lambda: Shot(
                "content type",
                _json({"query": rng.choice(QUERIES)}),
                {
                    **staff,
                    "content-type": rng.choice(("text/plain", "application/graphql", "", "x/y")),
                    "Apollo-Require-Preflight": "1",
                },
            ),
        ),
        ("two paths", lambda: Shot("two paths", _json({"query": TWO_PATHS}), borrower)),
        (
            "valid",
            lambda: Shot(
                "valid",
                _json({"query": rng.choice(QUERIES), "variables": {"n": 2, "s": "AAPL"}}),
                staff,
            ),
        ),
    ]
    return [rng.choice(makers)[1]() for _ in range(count)]


def problems(status: int, content_type: str, text: str) -> list[str]:
    """What is wrong with one answer (empty: nothing)."""
    found: list[str] = []
    if status >= 500:
        found.append(f"status {status}")
    if not content_type.startswith("application/json"):
        return [*found, f"not JSON: {content_type} {text[:80]!r}"]
    body = json.loads(text)
    answers = body if isinstance(body, list) else [body]
    for answer in answers:
        errors = answer.get("errors") if isinstance(answer, dict) else None
        if status != 200 and not errors:
            found.append(f"status {status} without errors")
        for error in errors or []:
            if not (error.get("extensions") or {}).get("code"):
                found.append(f"error without a code: {error.get('message')!r}")
        if "Traceback" in text:
            found.append("a traceback")
    return found


def fire(gw: Gateway, run: list[Shot]) -> list[tuple[Shot, int, list[str]]]:
    """Each shot's status (0: no answer) and problems."""
    results = []
    for shot in run:
        try:
            answer = gw.http.post("/graphql", content=shot.body, headers=shot.headers)
        except httpx.TransportError as exc:  # the server dropped the connection
            results.append((shot, 0, [f"no answer: {type(exc).__name__}"]))
            continue
        found = problems(answer.status_code, answer.headers.get("content-type", ""), answer.text)
        results.append((shot, answer.status_code, found))
    return results


def borrower_email(gw: Gateway) -> str:
    """A borrower on a Finmo application with a co-applicant (whom they may not see)."""
    answer = gw.gql(
        "{ applications(first: 20) { edges { node { provider borrowers { email } } } } }",
        headers={"X-API-Key": STAFF_KEY},
    ).json()
    assert answer.get("data"), answer
    for edge in answer["data"]["applications"]["edges"]:
        emails = [b["email"] for b in edge["node"]["borrowers"] or [] if b["email"]]
        if edge["node"]["provider"] == "FINMO" and len(emails) > 1:
            return str(emails[0]).strip().lower()
    raise LookupError("no shared Finmo application in the seed")


def keys(email: str | None) -> list[dict[str, Any]]:
    staff = {"id": "fuzz-staff", "sha256": sha256_hex(STAFF_KEY), "scopes": ["*"]}
    if email is None:
        return [staff]
    borrower = {
        "id": "fuzz-borrower",
        "sha256": sha256_hex(BORROWER_KEY),
        "kind": "borrower",
        "email": email,
        "scopes": ["people:read", "applications:read"],
    }
    return [staff, borrower]


@pytest.fixture(scope="module")
def fuzzed(
    tmp_path_factory: pytest.TempPathFactory, _sandbox_server: SandboxControl
) -> Iterator[Gateway]:
    common: dict[str, Any] = {"environment": "production", "mode": "api-key"}
    with running_gateway(
        tmp_path_factory.mktemp("fuzz-find"), _sandbox_server, api_keys=keys(None), **common
    ) as finder:
        email = borrower_email(finder)
    with running_gateway(
        tmp_path_factory.mktemp("fuzz"), _sandbox_server, api_keys=keys(email), **common
    ) as gw:
        yield gw


def test_the_run_is_the_same_for_the_same_seed() -> None:
    assert shots() == shots()
    assert shots() != shots(SEED + 1)
    kinds = {shot.kind for shot in shots()}
    assert len(kinds) == 11  # every shape is sent


def test_no_request_shape_gets_a_server_error_or_an_uncoded_error(fuzzed: Gateway) -> None:
    results = fire(fuzzed, shots())
    failures = [(shot.kind, status, found) for shot, status, found in results if found]
    assert len(results) == REQUESTS
    assert failures == []
