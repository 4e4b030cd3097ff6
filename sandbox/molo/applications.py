"""/api/v1/applications/: create, list, get, partial update, DIP and max-loan."""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.responses import JSONResponse

from .common import Backend, authenticate, primary_key, read_body, validate
from .decisions import decide, dip_pdf, max_loan
from .errors import DRFError, not_found
from .models import ApplicationIn, DipIn, MaxLoanIn
from .store import Application

BASE = "/api/v1/applications/"


def _application(backend: Backend, pk: str) -> Application:
    application = backend.store.applications.get(primary_key(pk))
    if application is None:
        raise not_found()
    return application


def add_applications_routes(app: FastAPI, backend: Backend) -> None:

    @app.get(BASE)
    async def list_applications(request: Request) -> JSONResponse:
        """Every application of the partner, newest first, in one plain list.

        The reference shows no pagination and no filters; the sandbox has one
        partner, so the list holds every application (its sample is newest first).
        """
        authenticate(request, backend)
        return JSONResponse([a.summary() for a in backend.store.newest_first()])

    @app.post(BASE)
    async def create_application(request: Request) -> JSONResponse:
        """201 {"id": ...}; the new application is "stored" and created by the partner's account."""
        authenticate(request, backend)
        body = validate(ApplicationIn, await read_body(request))
        store = backend.store
        now = backend.now()
        application = Application(
            id=store.new_application_id(),
            status="stored",
            mortgage_type=body.mortgage_type,
            borrower_type=body.borrower_type,
            created_by=store.account_id,
            created_at=now,
            updated_at=now,
            desired_loan_amount=body.desired_loan_amount,
            loan_term=body.loan_term,
            property_value=body.property_value,
            monthly_rent=body.monthly_rent,
            reference_id=body.reference_id,
        )
        store.add_application(application)
        return JSONResponse({"id": application.id}, 201)

    @app.post(BASE + "calculate_max_loan/")
    async def calculate_max_loan(request: Request) -> JSONResponse:
        """{"max_loan": 172500.0}; the rules are in `decisions.py` (the reference gives none)."""
        authenticate(request, backend)
        body = validate(MaxLoanIn, await read_body(request))
        amount = max_loan(
            borrower_type=body.borrower_type,
            property_value=body.property_value,
            monthly_rent=body.estimated_rent_per_month,
            taxable_income=body.taxable_income,
            is_new_property=body.is_new_property,
            is_hmo=body.is_hmo,
        )
        return JSONResponse({"max_loan": float(amount)})

    @app.get(BASE + "{pk}/")
    async def get_application(request: Request, pk: str) -> JSONResponse:
        authenticate(request, backend)
        return JSONResponse(_application(backend, pk).detail())

    @app.patch(BASE + "{pk}/")
    async def update_application(request: Request, pk: str) -> JSONResponse:
        """200 with the whole application (DRF's UpdateAPIView answer; the reference shows none).

        Fields are validated as on create; `status` and the decision are not
        writable and stay as they are until the next get-dip.
        """
        authenticate(request, backend)
        application = _application(backend, pk)
        data = await read_body(request)
        fields = {name: data[name] for name in ApplicationIn.model_fields if name in data}
        current = {name: getattr(application, name) for name in ApplicationIn.model_fields}
        merged = validate(ApplicationIn, {**current, **fields})
        for name in fields:
            setattr(application, name, getattr(merged, name))
        application.updated_at = backend.now()
        return JSONResponse(application.detail())

    @app.post(BASE + "{pk}/get-dip/")
    async def get_dip(request: Request, pk: str) -> JSONResponse:
        """{"decision": "valid" | "denied_dip" | "denied_dip_kyc"}; the status follows it.

        A decision needs a lead applicant, a property value and a monthly rent
        (400 non_field_errors otherwise: the reference is silent). A valid
        decision fills `dip_pdf`; any other empties it.
        """
        authenticate(request, backend)
        application = _application(backend, pk)
        validate(DipIn, await read_body(request))
        store = backend.store
        lead = store.lead_of(application)
        missing = [
            name
            for name, value in (
                ("a lead applicant", lead),
                ("property_value", application.property_value),
                ("monthly_rent", application.monthly_rent),
            )
            if value is None
        ]
        if missing or lead is None:
            message = f"A decision in principle needs {', '.join(missing)}."
            raise DRFError(400, {"non_field_errors": [message]})
        assert application.property_value is not None and application.monthly_rent is not None
        decision = decide(
            seed=backend.seed,
            emails=[a.email for a in store.applicants_of(application)],
            borrower_type=application.borrower_type,
            desired_loan_amount=application.desired_loan_amount,
            property_value=application.property_value,
            monthly_rent=application.monthly_rent,
            lead_income=lead.taxable_income,
        )
        application.status = decision
        application.dip_pdf = (
            dip_pdf(application.id, application.desired_loan_amount) if decision == "valid" else ""
        )
        application.updated_at = backend.now()
        return JSONResponse({"decision": decision})
