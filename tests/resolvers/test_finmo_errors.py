"""FinmoClient errors: Finmo's error bodies mapped onto the one error tree, no secrets."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from decimal import Decimal

import pytest
from pydantic import SecretStr

from resolvers import (
    CacheConfig,
    FieldError,
    FinmoConfig,
    ProviderAuthError,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderUnavailable,
    ProviderValidationError,
    make_ref_cache,
)
from resolvers.finmo import AssetInput, FinmoClient, NewApplicant
from tests.support import SandboxControl

SECRET = "finmo-secret-token-that-must-not-leak"
BROKERAGE = "sandbox-finmo-brokerage"


@pytest.fixture
async def finmo(sandbox: SandboxControl) -> AsyncIterator[FinmoClient]:
    config = FinmoConfig(token=SecretStr(BROKERAGE))
    client = FinmoClient.create(config, sandbox.url("finmo"), cache=make_ref_cache(CacheConfig()))
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture
async def stranger(sandbox: SandboxControl) -> AsyncIterator[FinmoClient]:
    config = FinmoConfig(token=SecretStr(SECRET))
    client = FinmoClient.create(config, sandbox.url("finmo"), cache=make_ref_cache(CacheConfig()))
    try:
        yield client
    finally:
        await client.aclose()


def assert_no_secret(*texts: object) -> None:
    for text in texts:
        for secret in (SECRET, BROKERAGE):
            assert secret not in str(text)


async def test_a_refused_token_is_an_auth_error_without_the_token(stranger: FinmoClient) -> None:
    with pytest.raises(ProviderAuthError) as caught:
        await stranger.teams()
    error = caught.value
    assert (error.status, error.code, error.provider) == (401, "UNAUTHENTICATED_UPSTREAM", "finmo")
    assert error.message.startswith("Unauthorized: a valid API token is required")
    assert_no_secret(str(error), repr(error), error.message, repr(stranger))


async def test_a_missing_record_is_not_found(finmo: FinmoClient) -> None:
    with pytest.raises(ProviderNotFound) as caught:
        await finmo.application("no-such-application")
    assert (caught.value.status, caught.value.message) == (404, "Application not found")


async def test_a_refused_application_carries_its_field_errors(finmo: FinmoClient) -> None:
    team = (await finmo.teams())[0]
    brokers = await finmo.brokers(team.id)
    applicant = NewApplicant(
        first_name="Jane", last_name="Doe", email="jane-at-example", phone_number="12"
    )
    with pytest.raises(ProviderValidationError) as caught:
        await finmo.create_application(
            team.id, [brokers[0].id, "nobody"], applicant=applicant, goal="purchase"
        )
    error = caught.value
    assert (error.status, error.code, error.message) == (
        400,
        "PROVIDER_VALIDATION",
        "Validation failed",
    )
    assert error.field_errors == (
        FieldError("applicant.email", "must be a valid email address"),
        FieldError("applicant.phoneNumber", "must be a ten-digit North American phone number"),
    )
    with pytest.raises(ProviderValidationError) as caught:
        await finmo.create_application(team.id, [brokers[0].id, "nobody"], applicant_id="x")
    assert caught.value.field_errors == (
        FieldError("teamMembers[1]", "is not a broker of this team"),
        FieldError("applicantId", "is not a borrower of this team"),
    )


async def test_a_negative_amount_is_a_validation_error_on_its_field(finmo: FinmoClient) -> None:
    app_id = (await finmo.applications())[0].id
    with pytest.raises(ProviderValidationError) as caught:
        await finmo.add_asset(app_id, AssetInput(type="rrsp", value=Decimal("-10")))
    assert caught.value.field_errors == (FieldError("value", "Input should be greater than 0"),)


async def test_the_rate_limit_is_rate_limited_with_retry_after(
    sandbox: SandboxControl, finmo: FinmoClient
) -> None:
    sandbox.set_rate_limit("finmo", 1)
    await finmo.applications()
    with pytest.raises(ProviderRateLimited) as caught:
        await finmo.applications()
    assert caught.value.status == 429 and caught.value.retry_after is not None
    assert caught.value.retry_after >= 1
    assert caught.value.message == "Too many requests"


async def test_a_write_that_fails_upstream_is_sent_once(
    sandbox: SandboxControl, finmo: FinmoClient
) -> None:
    team = (await finmo.teams())[0]
    broker = (await finmo.brokers(team.id))[0]
    borrower = (await finmo.team_borrowers(team.id))[0]
    sandbox.fault(provider="finmo", status=503, route="POST /api/v1/applications")
    with pytest.raises(ProviderUnavailable) as caught:
        await finmo.create_application(team.id, [broker.id], applicant_id=borrower.user_id)
    assert (caught.value.status, caught.value.message) == (503, "Injected fault")
    assert sandbox.calls("finmo", "POST /api/v1/applications") == 1


async def test_a_failed_reference_load_is_not_cached(
    sandbox: SandboxControl, finmo: FinmoClient
) -> None:
    sandbox.fault(provider="finmo", status=500, route="GET /api/v1/teams")
    with pytest.raises(ProviderUnavailable):
        await finmo.teams()
    sandbox.clear_faults()
    assert len(await finmo.teams()) == 5
    assert sandbox.calls("finmo", "GET /api/v1/teams") == 2


async def test_no_secret_reaches_an_exception_or_a_log_record(
    caplog: pytest.LogCaptureFixture, finmo: FinmoClient, stranger: FinmoClient
) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[ProviderError] = []
    teams = await finmo.teams()
    await finmo.applications(teams[0].id)
    for call in (
        stranger.teams(),
        stranger.create_application(teams[0].id, ["x"], applicant_id="y"),
        finmo.application("missing"),
        finmo.create_application(teams[0].id, ["x"], applicant_id="y"),
    ):
        with pytest.raises(ProviderError) as caught:
            await call
        errors.append(caught.value)
    assert len(caplog.records) > 0, "httpx logs each request at DEBUG/INFO"
    for record in caplog.records:
        assert_no_secret(record.getMessage(), record.args, record.__dict__)
    for error in errors:
        assert_no_secret(str(error), repr(error), error.field_errors, error.__cause__)
    assert_no_secret(repr(finmo), repr(stranger), finmo.credential_scope)


def test_parse_error_reads_finmo_bodies_and_tolerates_others() -> None:
    client = FinmoClient.__new__(FinmoClient)
    body = {"message": "Validation failed", "errors": [{"field": "goal", "message": "bad"}]}
    assert client.parse_error(body) == ("Validation failed", (FieldError("goal", "bad"),))
    assert client.parse_error({"message": "Team not found", "errors": []}) == (
        "Team not found",
        (),
    )
    assert client.parse_error(["unexpected"]) == (None, ())
    assert client.parse_error({"errors": [{"message": "whole request"}, "junk"]}) == (
        None,
        (FieldError(None, "whole request"),),
    )
