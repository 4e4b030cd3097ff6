"""Every MoloClient method against the sandbox: typed records, request counts, error mapping."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime
from decimal import Decimal

import pytest

from resolvers import (
    FieldError,
    MemoryTokenStore,
    MoloConfig,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderValidationError,
)
from resolvers.molo import (
    AddressInput,
    Applicant,
    ApplicantInput,
    ApplicantPatch,
    ApplicantUpdate,
    Application,
    ApplicationInput,
    ApplicationPatch,
    MaxLoanInput,
    MoloClient,
)
from sandbox.molo import MoloSandbox
from tests.support import SandboxControl

ADDRESS = AddressInput(building_number="123", street="Fake Street", postal="NW1 1AL", town="London")
NEW = ApplicationInput(
    mortgage_type="new_purchase",
    borrower_type="individual_borrower",
    desired_loan_amount=Decimal("130000"),
    loan_term=6,
    property_value=Decimal("200000"),
    monthly_rent=Decimal("2000"),
    reference_id="ref-1",
)
EXAMPLE = MaxLoanInput(
    mortgage_type="new_purchase",
    borrower_type="individual_borrower",
    taxable_income=Decimal("70000"),
    property_value=Decimal("230000"),
    estimated_rent_per_month=Decimal("2000"),
    is_ex_local=True,
)


def person(application: int, **fields: object) -> ApplicantInput:
    values: dict[str, object] = {
        "application": application,
        "is_lead": True,
        "taxable_income": Decimal("100000"),
        "email": "jan.sparksfeld@example.com",
        "title": "mx",
        "first_name": "Jan",
        "last_name": "Sparksfeld",
        "date_of_birth": date(1980, 2, 12),
        "mobile": "+441615676878",
        "address": ADDRESS,
        "is_privacy_policy_accepted": True,
    }
    values.update(fields)
    return ApplicantInput.model_validate(values)


@pytest.fixture
async def client(sandbox: SandboxControl) -> AsyncIterator[MoloClient]:
    molo = MoloClient.create(
        MoloConfig(),
        sandbox.url("molo"),
        token_store=MemoryTokenStore(),
    )
    try:
        yield molo
    finally:
        await molo.aclose()


def provider(sandbox: SandboxControl) -> MoloSandbox:
    molo = sandbox.sandbox.providers["molo"]
    assert isinstance(molo, MoloSandbox)
    return molo


async def test_list_applications_returns_every_application_in_one_request(
    sandbox: SandboxControl, client: MoloClient
) -> None:
    rows = await client.list_applications()
    assert {r.id for r in rows} == set(provider(sandbox).store.applications)
    assert all(isinstance(r.created_at, datetime) for r in rows)
    assert sandbox.calls("molo", "GET /api/v1/applications/") == 1


async def test_iter_applications_walks_the_plain_list_up_to_a_cap(
    sandbox: SandboxControl, client: MoloClient
) -> None:
    capped = [a.id async for a in client.iter_applications(cap=10)]
    every = [a.id async for a in client.iter_applications()]
    assert len(capped) == 10 and capped == every[:10]
    assert len(every) == len(set(every)) == len(provider(sandbox).store.applications)
    assert sandbox.calls("molo", "GET /api/v1/applications/") == 2


async def test_create_get_and_patch_an_application(
    sandbox: SandboxControl, client: MoloClient
) -> None:
    created = await client.create_application(NEW)
    application = await client.get_application(created.id)
    assert isinstance(application, Application)
    assert application.status == "stored"
    assert application.desired_loan_amount == Decimal("130000.00")
    assert application.property_value == Decimal("200000")
    assert application.applicants == []

    patched = await client.update_application(created.id, ApplicationPatch(loan_term=7))
    assert patched.loan_term == 7
    assert patched.reference_id == "ref-1"  # fields not set are not sent
    assert sandbox.calls("molo", "PATCH /api/v1/applications/{pk}/") == 1


async def test_application_validation_errors_carry_field_messages(client: MoloClient) -> None:
    bad = NEW.model_copy(update={"loan_term": 0, "desired_loan_amount": Decimal("1.234")})
    with pytest.raises(ProviderValidationError) as caught:
        await client.create_application(bad)
    assert caught.value.status == 400
    assert set(caught.value.field_errors) == {
        FieldError("loan_term", "Ensure this value is greater than or equal to 1."),
        FieldError("desired_loan_amount", "Ensure that there are no more than 2 decimal places."),
    }


async def test_an_unknown_application_is_not_found(client: MoloClient) -> None:
    with pytest.raises(ProviderNotFound) as caught:
        await client.get_application(1)
    assert caught.value.message == "Not found."


async def test_a_decision_in_principle_updates_the_application(client: MoloClient) -> None:
    created = await client.create_application(NEW)
    await client.create_applicant(person(created.id))
    dip = await client.request_decision_in_principle(created.id)
    assert dip.decision == "valid"
    application = await client.get_application(created.id)
    assert application.status == "valid" and application.dip_pdf


async def test_a_decision_without_consent_or_a_lead_is_a_validation_error(
    client: MoloClient,
) -> None:
    created = await client.create_application(NEW)
    with pytest.raises(ProviderValidationError) as no_lead:
        await client.request_decision_in_principle(created.id)
    assert no_lead.value.field_errors == (
        FieldError(None, "A decision in principle needs a lead applicant."),
    )
    with pytest.raises(ProviderValidationError) as no_consent:
        await client.request_decision_in_principle(created.id, allow_soft_credit_search=False)
    assert [e.field for e in no_consent.value.field_errors] == ["allow_soft_credit_search"]


async def test_the_max_loan_is_a_decimal(client: MoloClient) -> None:
    assert (await client.calculate_max_loan(EXAMPLE)).max_loan == Decimal("172500")


MAX_LOAN_REFUSALS = [
    ({"property_value": Decimal("4000000.01")}, "property_value"),
    ({"estimated_rent_per_month": Decimal("0")}, "estimated_rent_per_month"),
    ({"taxable_income": Decimal("29999")}, "taxable_income"),
]


async def test_max_loan_range_failures_name_the_field(client: MoloClient) -> None:
    for update, field in MAX_LOAN_REFUSALS:
        with pytest.raises(ProviderValidationError) as caught:
            await client.calculate_max_loan(EXAMPLE.model_copy(update=update))
        assert [e.field for e in caught.value.field_errors] == [field]
        assert caught.value.field_errors[0].message.startswith("Ensure this value is")
        assert field in caught.value.message


async def test_applicants_are_created_read_patched_replaced_and_deleted(
    sandbox: SandboxControl, client: MoloClient
) -> None:
    created = await client.create_application(NEW)
    lead = await client.create_applicant(person(created.id))
    other = await client.create_applicant(
        person(created.id, is_lead=False, email="Other@Example.com")
    )
    read = await client.get_applicant(lead.id)
    assert isinstance(read, Applicant)
    assert read.is_lead and read.taxable_income == Decimal("100000.00")
    assert read.date_of_birth == date(1980, 2, 12)
    assert read.address is not None and read.address.town == "London"

    patched = await client.update_applicant(
        other.id, ApplicantPatch(address=AddressInput(town="Leeds"), middle_name="H")
    )
    assert patched.address is not None
    assert (patched.address.town, patched.address.street) == ("Leeds", "Fake Street")
    assert patched.middle_name == "H" and patched.email == "Other@Example.com"

    whole = ApplicantUpdate.model_validate(
        person(created.id, title="dr").model_dump(
            exclude={"application", "is_privacy_policy_accepted"}
        )
    )
    replaced = await client.replace_applicant(lead.id, whole)
    assert replaced.title == "dr"

    await client.delete_applicant(other.id)
    with pytest.raises(ProviderNotFound):
        await client.get_applicant(other.id)
    assert (await client.get_application(created.id)).applicants == [lead.id]
    assert sandbox.calls("molo", "DELETE /api/v1/applicants/{pk}/") == 1
    assert sandbox.calls("molo", "PUT /api/v1/applicants/{pk}/") == 1


APPLICANT_REFUSALS: list[tuple[dict[str, object], FieldError]] = [
    ({}, FieldError("is_lead", "This application already has a lead applicant.")),
    (
        {"mobile": "07700900123"},
        FieldError("mobile", "Enter a valid mobile number in the form +441615676878."),
    ),
    (
        {"taxable_income": Decimal("29999.99")},
        FieldError("taxable_income", "Ensure this value is greater than or equal to 30000."),
    ),
    (
        {"address": AddressInput(street="Fake Street", town="London")},
        FieldError("address.postal", "This field is required."),
    ),
]


async def test_applicant_refusals_map_to_validation_errors_with_field_names(
    client: MoloClient,
) -> None:
    created = await client.create_application(NEW)
    await client.create_applicant(person(created.id))
    for fields, expected in APPLICANT_REFUSALS:
        with pytest.raises(ProviderValidationError) as caught:
            await client.create_applicant(person(created.id, **fields))
        assert expected in caught.value.field_errors
        assert caught.value.status == 400


async def test_deleting_the_lead_of_a_shared_application_is_a_non_field_error(
    client: MoloClient,
) -> None:
    created = await client.create_application(NEW)
    lead = await client.create_applicant(person(created.id))
    await client.create_applicant(person(created.id, is_lead=False))
    with pytest.raises(ProviderValidationError) as caught:
        await client.delete_applicant(lead.id)
    assert caught.value.field_errors == (
        FieldError(
            None, "The lead applicant cannot be deleted while the application has other applicants."
        ),
    )


async def test_the_rate_limit_maps_to_rate_limited_with_retry_after(
    sandbox: SandboxControl, client: MoloClient
) -> None:
    await client.list_applications()
    sandbox.set_rate_limit("molo", 1)  # per OAuth client, whatever its current token
    sandbox.expire_tokens("molo")
    with pytest.raises(ProviderRateLimited) as caught:
        await client.list_applications()
    assert caught.value.retry_after is not None and caught.value.retry_after >= 1
    assert caught.value.message == "Too many requests"
    assert sandbox.calls("molo", "POST /oauth/token/") == 2  # the refresh spent the budget


def test_parse_error_reads_every_drf_and_oauth_shape(client: MoloClient) -> None:
    assert client.parse_error({"detail": "Not found."}) == ("Not found.", ())
    assert client.parse_error({"error": "invalid_grant", "error_description": "Gone."}) == (
        "invalid_grant: Gone.",
        (),
    )
    assert client.parse_error({"error": "invalid_client"}) == ("invalid_client", ())
    assert client.parse_error({"a": ["x", "y"], "address": {"town": ["z"]}}) == (
        "a: x; a: y; address.town: z",
        (FieldError("a", "x"), FieldError("a", "y"), FieldError("address.town", "z")),
    )
    assert client.parse_error(["Nope."]) == ("Nope.", (FieldError(None, "Nope."),))


async def test_the_credential_scope_is_derived_and_differs_by_provider_url(
    client: MoloClient,
) -> None:
    other = MoloClient.create(
        MoloConfig(),
        "http://elsewhere.invalid/molo",
        token_store=MemoryTokenStore(),
    )
    try:
        assert client.credential_scope != other.credential_scope
        assert "sandbox-molo" not in client.credential_scope
    finally:
        await other.aclose()
