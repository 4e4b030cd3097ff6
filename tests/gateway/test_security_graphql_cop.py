"""graphql-cop's 13 checks (github.com/dolevf/graphql-cop, 1.14: the 12 of 1.15 and
field_duplication), each sending the request graphql-cop sends and judging the answer
as graphql-cop does (`flagged`), so CI keeps production at 13/13 without the tool.

Production runs as deployed: mode api-key, no embedded sandbox, the test sandbox as its
providers (so every refusal is also checked to reach no provider). Development is
checked where its answer differs by design: introspection, suggestions, GraphiQL and
GET queries are on there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.gateway.test_security_support import PROVIDERS, Gateway, running_gateway, sha256_hex
from tests.support import SandboxControl

KEY = "fgk_test_graphql_cop_key"
# graphql-cop's own headers (config.py), plus the credential a real audit is given.
HEADERS = {"User-Agent": "graphql-cop/1.14", "X-API-Key": KEY}
API_KEYS = [{"id": "cop", "sha256": sha256_hex(KEY), "kind": "staff", "scopes": ["*"]}]
GRAPHIQL_MARKS = ("graphiql.min.css", "GraphQL Playground", "GraphiQL", "graphql-playground")


@pytest.fixture(scope="module")
def production(
    tmp_path_factory: pytest.TempPathFactory, _sandbox_server: SandboxControl
) -> Iterator[Gateway]:
    with running_gateway(
        tmp_path_factory.mktemp("cop-prod"),
        _sandbox_server,
        environment="production",
        mode="api-key",
        api_keys=API_KEYS,
    ) as gw:
        yield gw


@pytest.fixture(scope="module")
def development(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    with running_gateway(tmp_path_factory.mktemp("cop-dev")) as gw:
        yield gw


# The two ways graphql-cop sends (lib/utils.py: graph_query, and request as `send`).


def graph_query(gw: Gateway, payload: str, *, batch: bool = False) -> httpx.Response:
    body: Any = [{"query": payload}] * 10 if batch else {"query": payload, "operationName": "cop"}
    return gw.http.post("/graphql", json=body, headers=HEADERS)


def send(gw: Gateway, method: str = "GET", **kwargs: Any) -> httpx.Response:
    return gw.http.request(method, "/graphql", headers=HEADERS, **kwargs)


def json_of(answer: httpx.Response) -> Any:
    try:
        return answer.json()
    except ValueError:
        return None


def dig(value: Any, *path: str | int) -> Any:
    """value[path...], or None where graphql-cop's `try` would have failed."""
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def upstream(sandbox: SandboxControl) -> int:
    return sum(sandbox.calls(p) for p in PROVIDERS)


def codes(body: Any) -> list[str]:
    return [e["extensions"]["code"] for e in dig(body, "errors") or []]


def messages(body: Any) -> str:
    return " | ".join(e["message"] for e in dig(body, "errors") or [])


# --- the checks, in graphql-cop's order (lib/tests/__init__.py) ---


def field_suggestions(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = graph_query(gw, "query cop { __schema { directive } }")
    return answer, "Did you mean" in (dig(json_of(answer), "errors", 0, "message") or "")


def test_field_suggestions_finds_no_did_you_mean_in_production(
    production: Gateway, sandbox: SandboxControl
) -> None:
    answer, flagged = field_suggestions(production)
    assert not flagged
    assert "GRAPHQL_VALIDATION_FAILED" in codes(answer.json())
    assert "Did you mean" not in answer.text
    assert upstream(sandbox) == 0


def test_field_suggestions_are_given_in_development_by_design(development: Gateway) -> None:
    answer, flagged = field_suggestions(development)
    assert flagged
    assert "Did you mean 'directives'?" in answer.json()["errors"][0]["message"]


def introspection(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = graph_query(gw, "query cop { __schema { types { name fields { name } } } }")
    return answer, bool(dig(json_of(answer), "data", "__schema", "types"))


def test_introspection_is_refused_in_production(
    production: Gateway, sandbox: SandboxControl
) -> None:
    answer, flagged = introspection(production)
    assert not flagged
    body = answer.json()
    assert body["data"] is None
    assert set(codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "introspection has been disabled" in messages(body)
    assert upstream(sandbox) == 0


def test_introspection_answers_in_development_by_design(development: Gateway) -> None:
    answer, flagged = introspection(development)
    assert flagged
    names = {t["name"] for t in answer.json()["data"]["__schema"]["types"]}
    assert {"Query", "Loan"} <= names


def detect_graphiql(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = gw.http.get("/graphql", headers={**HEADERS, "Accept": "text/html"})
    return answer, any(mark in answer.text for mark in GRAPHIQL_MARKS)


def test_detect_graphiql_finds_no_ide_in_production(production: Gateway) -> None:
    answer, flagged = detect_graphiql(production)
    assert not flagged
    assert answer.status_code == 404


def test_detect_graphiql_finds_the_ide_in_development_by_design(development: Gateway) -> None:
    answer, flagged = detect_graphiql(development)
    assert flagged
    assert answer.status_code == 200


def get_method_support(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = send(gw, params={"query": "query cop {__typename}"})
    return answer, bool(dig(json_of(answer), "data", "__typename"))


def test_get_method_support_is_refused_in_production_with_a_coded_405(
    production: Gateway, sandbox: SandboxControl
) -> None:
    answer, flagged = get_method_support(production)
    assert not flagged
    assert answer.status_code == 405
    assert answer.headers["allow"] == "POST"
    assert codes(answer.json()) == ["METHOD_NOT_ALLOWED"]
    assert "POST" in answer.json()["errors"][0]["message"]
    assert upstream(sandbox) == 0


def test_get_method_support_stays_on_in_development_by_design(development: Gateway) -> None:
    answer, flagged = get_method_support(development)
    assert flagged
    assert answer.json() == {"data": {"__typename": "Query"}}


def alias_overloading(gw: Gateway) -> tuple[httpx.Response, bool]:
    aliases = "".join(f"alias{i}:__typename \n" for i in range(101))
    answer = graph_query(gw, "query cop { " + aliases + " }")
    return answer, bool(dig(json_of(answer), "data", "alias100"))


@pytest.mark.parametrize("environment", ["production", "development"])
def test_alias_overloading_is_refused_before_any_upstream_call(
    request: pytest.FixtureRequest, sandbox: SandboxControl, environment: str
) -> None:
    answer, flagged = alias_overloading(request.getfixturevalue(environment))
    assert not flagged
    body = answer.json()
    assert body["data"] is None
    assert set(codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "101 aliases" in messages(body)
    assert upstream(sandbox) == 0


def batch_query(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = graph_query(gw, "query cop { __typename }", batch=True)
    body = json_of(answer)
    return answer, isinstance(body, list | dict | str) and len(body) >= 10


@pytest.mark.parametrize("environment", ["production", "development"])
def test_batch_query_of_ten_operations_is_refused(
    request: pytest.FixtureRequest, sandbox: SandboxControl, environment: str
) -> None:
    answer, flagged = batch_query(request.getfixturevalue(environment))
    assert not flagged
    assert answer.status_code == 400
    assert upstream(sandbox) == 0


def field_duplication(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = graph_query(gw, "query cop { " + "__typename \n" * 500 + "} ")
    return answer, bool(dig(json_of(answer), "data", "__typename"))


@pytest.mark.parametrize("environment", ["production", "development"])
def test_field_duplication_of_500_fields_is_refused_before_any_upstream_call(
    request: pytest.FixtureRequest, sandbox: SandboxControl, environment: str
) -> None:
    answer, flagged = field_duplication(request.getfixturevalue(environment))
    assert not flagged
    body = answer.json()
    assert body["data"] is None
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "root fields" in body["errors"][0]["message"]
    assert upstream(sandbox) == 0


def trace_mode(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = graph_query(gw, "query cop { __typename }")
    body = json_of(answer)
    return answer, bool(dig(body, "errors", 0, "extensions", "tracing")) or (
        "'extensions': {'tracing':" in str(body).lower()
    )


@pytest.mark.parametrize("environment", ["production", "development"])
def test_trace_mode_is_off(request: pytest.FixtureRequest, environment: str) -> None:
    answer, flagged = trace_mode(request.getfixturevalue(environment))
    assert not flagged
    assert answer.json() == {"data": {"__typename": "Query"}}


def directive_overloading(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = graph_query(gw, "query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }")
    return answer, len(dig(json_of(answer), "errors") or []) == 10


@pytest.mark.parametrize("environment", ["production", "development"])
def test_directive_overloading_answers_one_coded_error(
    request: pytest.FixtureRequest, sandbox: SandboxControl, environment: str
) -> None:
    answer, flagged = directive_overloading(request.getfixturevalue(environment))
    assert not flagged
    body = answer.json()
    assert body["data"] is None
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "'@aa' is repeated 10 times" in body["errors"][0]["message"]
    assert upstream(sandbox) == 0


def circular_query_introspection(gw: Gateway) -> tuple[httpx.Response, bool]:
    query = (
        "query cop { __schema { types { fields { type { fields { type { fields "
        "{ type { fields { type { name } } } } } } } } } } }"
    )
    answer = graph_query(gw, query)
    return answer, len(dig(json_of(answer), "data", "__schema", "types") or []) > 25


@pytest.mark.parametrize(
    ("environment", "says"),
    [
        ("production", "introspection has been disabled"),
        ("development", "Maximum introspection depth exceeded"),
    ],
)
def test_circular_query_introspection_is_refused(
    request: pytest.FixtureRequest, environment: str, says: str
) -> None:
    answer, flagged = circular_query_introspection(request.getfixturevalue(environment))
    assert not flagged
    body = answer.json()
    assert body["data"] is None
    assert says in messages(body)
    assert set(codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}


def get_based_mutation(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = send(gw, params={"query": "mutation cop {__typename}"})
    return answer, bool(dig(json_of(answer), "data", "__typename"))


def test_get_based_mutation_is_refused_in_production_with_a_coded_405(
    production: Gateway, sandbox: SandboxControl
) -> None:
    answer, flagged = get_based_mutation(production)
    assert not flagged
    assert answer.status_code == 405
    assert codes(answer.json()) == ["METHOD_NOT_ALLOWED"]
    assert upstream(sandbox) == 0


def test_get_based_mutation_is_refused_in_development(development: Gateway) -> None:
    answer, flagged = get_based_mutation(development)
    assert not flagged
    assert answer.status_code == 400


def post_based_csrf(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = send(gw, "POST", data={"query": "query cop { __typename }"})
    return answer, bool(dig(json_of(answer), "data", "__typename"))


@pytest.mark.parametrize("environment", ["production", "development"])
def test_post_based_csrf_with_a_form_body_is_refused(
    request: pytest.FixtureRequest, sandbox: SandboxControl, environment: str
) -> None:
    answer, flagged = post_based_csrf(request.getfixturevalue(environment))
    assert not flagged
    assert answer.status_code == 400
    assert codes(answer.json()) == ["BAD_REQUEST"]
    assert upstream(sandbox) == 0


def unhandled_error_detection(gw: Gateway) -> tuple[httpx.Response, bool]:
    answer = graph_query(gw, "qwerty cop { abc }")
    body = json_of(answer)
    return answer, bool(dig(body, "errors", 0, "extensions", "exception")) or (
        "'extensions': {'exception':" in str(body).lower()
    )


@pytest.mark.parametrize("environment", ["production", "development"])
def test_unhandled_error_detection_finds_a_coded_syntax_error_and_no_exception(
    request: pytest.FixtureRequest, environment: str
) -> None:
    answer, flagged = unhandled_error_detection(request.getfixturevalue(environment))
    assert not flagged
    body = answer.json()
    assert codes(body) == ["GRAPHQL_PARSE_FAILED"]
    assert body["errors"][0]["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
    assert "Traceback" not in answer.text


CHECKS = [
    field_suggestions,
    introspection,
    detect_graphiql,
    get_method_support,
    alias_overloading,
    batch_query,
    field_duplication,
    trace_mode,
    directive_overloading,
    circular_query_introspection,
    get_based_mutation,
    post_based_csrf,
    unhandled_error_detection,
]


def test_graphql_cop_passes_13_of_13_in_production_and_9_in_development(
    production: Gateway, development: Gateway
) -> None:
    in_production = [check.__name__ for check in CHECKS if check(production)[1]]
    in_development = [check.__name__ for check in CHECKS if check(development)[1]]
    assert len(CHECKS) == 13
    assert in_production == []
    assert in_development == [
        "field_suggestions",
        "introspection",
        "detect_graphiql",
        "get_method_support",
    ]
