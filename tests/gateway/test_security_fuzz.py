"""A bounded schemathesis run over /graphql: every query and mutation field, with
generated arguments, against the sandbox-backed app on loopback. No answer may be
a server error (5xx). Deterministic: derandomized, a few examples per field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from schema import build_schema
from tests.gateway.test_security_support import running_gateway

# fingate's custom scalars, as the literals a client would send
schemathesis.graphql.scalar(
    "Decimal",
    st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(lambda d: nodes.String(str(d))),
)
schemathesis.graphql.scalar("Date", st.dates().map(lambda d: nodes.String(d.isoformat())))
schemathesis.graphql.scalar(
    "DateTime",
    st.datetimes(timezones=st.just(UTC)).map(lambda d: nodes.String(d.isoformat())),
)
schemathesis.graphql.scalar("JSON", st.text(max_size=20).map(nodes.String))

SCHEMA = schemathesis.graphql.from_file(build_schema().as_str())
MAX_EXAMPLES = 3


@pytest.fixture(scope="module")
def gateway_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_gateway(tmp_path_factory.mktemp("fuzz")) as gateway:
        yield gateway.url


@SCHEMA.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,  # the same examples on every run
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_generated_operations_never_get_a_server_error(case: Any, gateway_url: str) -> None:
    response = case.call(base_url=f"{gateway_url}/graphql")
    assert response.status_code < 500, response.text[:500]
    assert "Traceback" not in response.text
