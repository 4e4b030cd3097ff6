"""Masked errors and redacted logs; mode `none` only with the embedded sandboxes."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from gateway import Settings, create_app
from gateway.security.errors import InsecureConfiguration
from gateway.security.redaction import RedactingFilter, redact
from tests.gateway.test_security_support import PROVIDERS, running_gateway
from tests.support import SandboxControl

SECRETS = (
    "sk_live_9f8e7d6c5b4a",
    "123-45-6789",
    "000123456789",
    "hunter2-client-secret",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
)


def test_an_unexpected_error_is_masked_with_a_request_id_in_body_header_and_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO)

    async def broken(symbol: str) -> Any:
        raise RuntimeError(
            f"upstream said: client_secret={SECRETS[3]} key {SECRETS[0]} ssn {SECRETS[1]} "
            f"account_number={SECRETS[2]} token {SECRETS[4]} for {symbol}"
        )

    with running_gateway(tmp_path) as gw:
        assert gw.http.get("/readyz").status_code == 200  # the lifespan has run
        monkeypatch.setattr(gw.app.state.providers.finos, "get_quote", broken)
        answer = gw.gql(
            '{ stockQuote(symbol: "AAPL") { symbol } }',
            headers={"Authorization": f"Bearer {SECRETS[4]}"},
        )
    error = answer.json()["errors"][0]
    assert error["message"] == "Internal server error"
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    request_id = error["extensions"]["requestId"]
    assert answer.headers["x-request-id"] == request_id
    for secret in (*SECRETS, "Traceback", "RuntimeError", "upstream said"):
        assert secret not in answer.text
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged, "the request id is in the log"
    assert "RuntimeError" in caplog.text  # the traceback is logged, redacted
    for secret in SECRETS:
        assert secret not in caplog.text


def test_the_filter_redacts_headers_keys_secrets_and_personal_numbers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger("fingate.test.redaction")
    caplog.handler.addFilter(RedactingFilter())
    caplog.set_level(logging.INFO)
    logger.info("headers %s", {"Authorization": "Basic dXNlcjpodW50ZXIy", "x-api-key": "k-123"})
    logger.info("POST /oauth/token/ client_secret=%s&refresh_token=%s", "s3cr3t", "rt-abc")
    logger.info(
        'body {"ssn": "%s", "routing_number": "021000021", "accountNumber": "%s"}',
        "078-05-1120",
        "9876543210",
    )
    logger.info("sin 046 454 286 and bearer %s", "Bearer abcdefghijklmnop")
    logger.info("count %d of %s", 3, "loans")
    text = caplog.text
    for secret in (
        "dXNlcjpodW50ZXIy",
        "k-123",
        "s3cr3t",
        "rt-abc",
        "078-05-1120",
        "021000021",
        "9876543210",
        "046 454 286",
        "abcdefghijklmnop",
    ):
        assert secret not in text, secret
    assert "count 3 of loans" in text
    assert text.count("[REDACTED]") >= 9


def test_create_app_installs_the_filter_on_the_root_handlers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    create_app(Settings(data_dir=tmp_path))
    assert any(isinstance(f, RedactingFilter) for f in caplog.handler.filters)
    logging.getLogger("fingate.anything").warning("key %s", "sk_sandbox_finos")
    assert "sk_sandbox_finos" not in caplog.text


def test_ordinary_log_lines_are_left_alone() -> None:
    line = "fingate ready; providers at finmo=http://127.0.0.1:8000/sandbox/finmo status=200"
    assert redact(line) == line


def real_providers(sandbox: SandboxControl) -> dict[str, Any]:
    return {name: {"base_url": sandbox.url(name)} for name in PROVIDERS}


def test_mode_none_refuses_to_start_with_a_real_provider(
    tmp_path: Path, sandbox: SandboxControl
) -> None:
    settings = Settings(data_dir=tmp_path, finos={"base_url": sandbox.url("finos")})
    with pytest.raises(InsecureConfiguration, match="finos"):
        create_app(settings)


def test_mode_none_with_real_providers_needs_the_insecure_flag_and_warns(
    tmp_path: Path, sandbox: SandboxControl, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(
        data_dir=tmp_path, security={"allow_insecure": True}, **real_providers(sandbox)
    )
    create_app(settings)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("INSECURE" in r.getMessage() for r in warnings)


def test_mode_none_with_the_embedded_sandboxes_starts_quietly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    create_app(Settings(data_dir=tmp_path))
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_production_refuses_the_unauthenticated_sandbox_controls(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    keyed = {"mode": "api-key", "api_keys": [{"id": "k", "sha256": "0" * 64, "kind": "staff"}]}
    with pytest.raises(InsecureConfiguration, match="SANDBOX_ENABLED=false"):
        create_app(Settings(data_dir=tmp_path, environment="production", security=keyed))
    create_app(
        Settings(data_dir=tmp_path, environment="production", sandbox_enabled=False, security=keyed)
    )
    create_app(
        Settings(data_dir=tmp_path, environment="production", security={"allow_insecure": True})
    )
    assert any("INSECURE" in r.getMessage() for r in caplog.records)


def test_production_refuses_to_start_without_client_authentication(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A production gateway with mode none, even with no provider configured yet, would
    answer anyone: it does not start unless that is asked for in so many words."""
    real = {"sandbox_enabled": False, "environment": "production"}
    with pytest.raises(InsecureConfiguration, match="no client authentication"):
        create_app(Settings(data_dir=tmp_path, **real))
    assert not caplog.records or not any("INSECURE" in r.getMessage() for r in caplog.records)
    create_app(Settings(data_dir=tmp_path, **real, security={"allow_insecure": True}))
    assert any("client authentication off" in r.getMessage() for r in caplog.records)


def test_jwt_mode_without_issuer_or_keys_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ISSUER"):
        create_app(Settings(data_dir=tmp_path, security={"mode": "jwt"}))
    with pytest.raises(ValueError, match="JWKS_URL"):
        create_app(
            Settings(
                data_dir=tmp_path,
                security={"mode": "jwt", "jwt": {"issuer": "https://i", "audience": "a"}},
            )
        )


def test_uvicorn_access_lines_are_redacted_and_still_format() -> None:
    from uvicorn.logging import AccessFormatter

    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/graphql?query=%7B%7D&token=eyJa.eyJb.c", "1.1", 200),
        None,
    )
    RedactingFilter().filter(record)
    line = AccessFormatter("%(message)s", use_colors=False).format(record)
    assert line == '127.0.0.1:5000 - "GET /graphql?query=%7B%7D&token=[REDACTED] HTTP/1.1" 200'
