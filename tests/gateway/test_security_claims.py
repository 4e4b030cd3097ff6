"""JWT claims are checked by type (issue 19, point 4): a signed token whose claims have
the wrong shape is refused 401 before any provider is called, and a borrower's email
must be verified before it reads that person's records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gateway.security.auth import JwtAuth
from gateway.security.config import JwtConfig
from gateway.security.errors import Unauthenticated
from tests.gateway.test_security_support import (
    AUDIENCE,
    ISSUER,
    Gateway,
    Keys,
    bearer,
    claims,
    running_gateway,
)
from tests.support import SandboxControl

KEYS = Keys(kid="claims")
LOANS = "{ loans(first: 100) { edges { node { id borrower { email } } } } }"
BORROWER: dict[str, Any] = {"roles": None, "scope": "loans:read", "email_verified": True}


@pytest.fixture(scope="module")
def gateway(
    tmp_path_factory: pytest.TempPathFactory, _sandbox_server: SandboxControl
) -> Iterator[Gateway]:
    security: dict[str, Any] = {
        "mode": "jwt",
        "jwt": {"public_key": KEYS.public_pem.decode(), "issuer": ISSUER, "audience": AUDIENCE},
    }
    with running_gateway(tmp_path_factory.mktemp("claims"), _sandbox_server, **security) as gw:
        yield gw


@pytest.fixture(scope="module")
def loan_holder(gateway: Gateway) -> tuple[str, set[str]]:
    """A seeded borrower's email and the ids of their loans, as staff sees them."""
    answer = gateway.gql(LOANS, headers=bearer(KEYS.token(scope="*")))
    loans: dict[str, set[str]] = {}
    for edge in answer.json()["data"]["loans"]["edges"]:
        email = edge["node"]["borrower"]["email"].strip().lower()
        loans.setdefault(email, set()).add(edge["node"]["id"])
    email, ids = max(loans.items(), key=lambda item: len(item[1]))
    return email, ids


def auth(**config: Any) -> JwtAuth:
    return JwtAuth(
        JwtConfig(public_key=KEYS.public_pem.decode(), issuer=ISSUER, audience=AUDIENCE, **config)
    )


def assert_refused(answer: Any, sandbox: SandboxControl) -> None:
    assert answer.status_code == 401, answer.text
    assert answer.json()["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert sum(sandbox.calls(p) for p in ("finmo", "financeit", "finos", "molo")) == 0


@pytest.mark.parametrize(
    "bad",
    [
        {"roles": {"staff": False}},
        {"roles": {"staff": True}},
        {"roles": [["staff"]]},
        {"roles": ["staff", 7]},
        {"roles": 1},
        {"roles": True},
        {"roles": ["staff"], "sub": ""},
        {"roles": ["staff"], "sub": "   "},
        {"roles": ["staff"], "sub": 42},
        {"roles": ["staff"], "sub": ["staff-1"]},
        {"roles": ["staff"], "sub": "staff-1\nINFO forged log line"},
        {"roles": ["staff"], "sub": "s" * 257},
        {"roles": ["staff"], "scope": {"*": True}},
        {"roles": ["staff"], "scope": ["loans:read", None]},
        {"roles": ["staff"], "email": {"address": "ann@example.com"}},
    ],
    ids=lambda bad: repr(bad)[:60],
)
def test_a_signed_token_with_malformed_claims_is_401_before_any_provider_call(
    gateway: Gateway, sandbox: SandboxControl, bad: dict[str, Any]
) -> None:
    token = KEYS.token(**{"scope": "*", **bad})
    assert_refused(gateway.gql(LOANS, headers=bearer(token)), sandbox)


async def test_a_roles_object_never_makes_the_caller_staff() -> None:
    authenticator = auth()
    for roles in ({"staff": False}, {"staff": True}, {"roles": "staff"}):
        token = KEYS.token(roles=roles, email="ann@example.com", email_verified=True)
        with pytest.raises(Unauthenticated, match="'roles' must be a string or a list"):
            await authenticator.authenticate({"authorization": f"Bearer {token}"})


@pytest.mark.parametrize("name", ["sub", "roles", "scope", "email"])
async def test_an_explicit_null_claim_is_malformed_not_absent(name: str) -> None:
    payload = {**claims(email="ann@example.com", email_verified=True), name: None}
    with pytest.raises(Unauthenticated):
        await auth().authenticate({"authorization": f"Bearer {KEYS.sign(payload)}"})


@pytest.mark.parametrize(
    "verified",
    [None, False, "true", 1, "yes"],
    ids=["absent", "false", "the-string-true", "one", "yes"],
)
def test_a_borrower_with_an_unverified_email_is_401_and_reads_no_loans(
    gateway: Gateway,
    sandbox: SandboxControl,
    loan_holder: tuple[str, set[str]],
    verified: object,
) -> None:
    email, _ = loan_holder
    claims = {**BORROWER, "sub": "b-1", "email": email, "email_verified": verified}
    answer = gateway.gql(LOANS, headers=bearer(KEYS.token(**claims)))
    assert_refused(answer, sandbox)
    assert email not in answer.text


def test_a_borrower_with_a_verified_email_reads_exactly_their_loans(
    gateway: Gateway, loan_holder: tuple[str, set[str]]
) -> None:
    email, ids = loan_holder
    token = KEYS.token(**{**BORROWER, "sub": "b-1", "email": email.upper()})
    answer = gateway.gql(LOANS, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    edges = answer.json()["data"]["loans"]["edges"]
    assert ids <= {e["node"]["id"] for e in edges}  # staff saw the first 100 loans only
    assert {e["node"]["borrower"]["email"].strip().lower() for e in edges} == {email}


@pytest.mark.parametrize(
    "email",
    ["", "ann", "@example.com", "ann@", "ann@@example.com", "ann smith@example.com", 7, ["a@b.c"]],
)
async def test_a_borrower_email_that_is_not_an_address_is_refused(email: object) -> None:
    token = KEYS.token(**{**BORROWER, "email": email})
    with pytest.raises(Unauthenticated, match="'email' must be an email address"):
        await auth().authenticate({"authorization": f"Bearer {token}"})


async def test_the_verified_claim_is_configurable() -> None:
    claim = "https://fingate/email_verified"
    token = KEYS.token(**{**BORROWER, "email": "ann@example.com", "email_verified": None})
    with pytest.raises(Unauthenticated, match="not verified"):
        await auth(email_verified_claim=claim).authenticate({"authorization": f"Bearer {token}"})
    named = KEYS.token(**{**BORROWER, "email": "ann@example.com", claim: True})
    caller = await auth(email_verified_claim=claim).authenticate(
        {"authorization": f"Bearer {named}"}
    )
    assert (caller.kind, caller.email) == ("borrower", "ann@example.com")
    unchecked = await auth(email_verified_claim=None).authenticate(
        {"authorization": f"Bearer {token}"}
    )
    assert unchecked.kind == "borrower"


async def test_staff_need_no_verified_email() -> None:
    caller = await auth().authenticate({"authorization": f"Bearer {KEYS.token()}"})
    assert (caller.id, caller.kind, caller.email) == ("staff-1", "staff", None)


def test_the_verified_claim_is_a_setting(tmp_path: Path) -> None:
    from gateway import Settings

    settings = Settings(security={"jwt": {"email_verified_claim": "ev"}}, data_dir=tmp_path)
    assert settings.security.jwt.email_verified_claim == "ev"
