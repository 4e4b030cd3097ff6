"""/api/v1/applicants/: create, get, partial update, update and delete.

"Each application requires one and only one lead applicant": the sandbox keeps
that true at every step. Adding a second lead, un-marking the lead, adding a
first applicant that is not the lead, or deleting the lead while others remain
is a 400. Deleting the last applicant (lead or not) leaves an empty application.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from starlette.responses import JSONResponse, Response

from .common import Backend, authenticate, primary_key, read_body, validate
from .errors import DRFError, invalid, not_found
from .models import ApplicantIn, ApplicantUpdateIn
from .store import Applicant, Application, MoloStore

BASE = "/api/v1/applicants/"
SECOND_LEAD = "This application already has a lead applicant."
NO_LEAD = "Each application needs one lead applicant; add the lead applicant first."
KEEP_LEAD = "The lead applicant cannot be deleted while the application has other applicants."
WRITABLE = tuple(name for name in ApplicantUpdateIn.model_fields)


def _applicant(backend: Backend, pk: str) -> Applicant:
    applicant = backend.store.applicants.get(primary_key(pk))
    if applicant is None:
        raise not_found()
    return applicant


def _check_lead(
    store: MoloStore, application: Application, is_lead: bool, applicant_id: int | None
) -> None:
    others = [a for a in store.applicants_of(application) if a.id != applicant_id]
    has_other_lead = any(a.is_lead for a in others)
    if is_lead and has_other_lead:
        raise invalid("is_lead", SECOND_LEAD)
    if not is_lead and not has_other_lead:
        raise invalid("is_lead", NO_LEAD)


def _current(applicant: Applicant) -> dict[str, Any]:
    values = {name: getattr(applicant, name) for name in WRITABLE}
    values["address"] = dict(applicant.address)
    return values


def _apply(applicant: Applicant, body: ApplicantUpdateIn, names: set[str]) -> None:
    for name in names & set(WRITABLE):
        if name == "address":
            applicant.address = body.address.model_dump()
        else:
            setattr(applicant, name, getattr(body, name))


def add_applicants_routes(app: FastAPI, backend: Backend) -> None:

    @app.post(BASE)
    async def create_applicant(request: Request) -> JSONResponse:
        """201 {"id": ...}. An unknown `application` is DRF's 'Invalid pk' complaint."""
        authenticate(request, backend)
        body = validate(ApplicantIn, await read_body(request))
        store = backend.store
        application = store.applications.get(body.application)
        if application is None:
            message = f'Invalid pk "{body.application}" - object does not exist.'
            raise invalid("application", message)
        _check_lead(store, application, body.is_lead, None)
        applicant = Applicant(
            id=store.new_applicant_id(),
            application=application.id,
            is_lead=body.is_lead,
            taxable_income=body.taxable_income,
            email=body.email,
            title=body.title,
            date_of_birth=body.date_of_birth,
            mobile=body.mobile,
            address=body.address.model_dump(),
            first_name=body.first_name,
            middle_name=body.middle_name,
            last_name=body.last_name,
        )
        store.add_applicant(applicant)
        application.updated_at = backend.now()
        return JSONResponse({"id": applicant.id}, 201)

    @app.get(BASE + "{pk}/")
    async def get_applicant(request: Request, pk: str) -> JSONResponse:
        authenticate(request, backend)
        return JSONResponse(_applicant(backend, pk).detail())

    @app.patch(BASE + "{pk}/")
    async def update_applicant_partially(request: Request, pk: str) -> JSONResponse:
        """200 with the whole applicant (the reference shows no body; DRF answers the record).

        Any subset of the fields; a partial `address` is merged into the current
        one. `application` cannot be changed (it is ignored, as DRF ignores
        read-only fields).
        """
        authenticate(request, backend)
        applicant = _applicant(backend, pk)
        data = await read_body(request)
        fields = {name: data[name] for name in WRITABLE if name in data}
        merged = _current(applicant)
        merged.update(fields)
        if isinstance(fields.get("address"), dict):
            merged["address"] = {**applicant.address, **fields["address"]}
        body = validate(ApplicantUpdateIn, merged)
        store = backend.store
        _check_lead(store, store.applications[applicant.application], body.is_lead, applicant.id)
        _apply(applicant, body, set(fields))
        return JSONResponse(applicant.detail())

    @app.put(BASE + "{pk}/")
    async def update_applicant(request: Request, pk: str) -> JSONResponse:
        """200 with the whole applicant. Every documented field is required except the
        names (left as they are when omitted, as DRF's update does); `application`
        cannot be changed.
        """
        authenticate(request, backend)
        applicant = _applicant(backend, pk)
        body = validate(ApplicantUpdateIn, await read_body(request))
        store = backend.store
        _check_lead(store, store.applications[applicant.application], body.is_lead, applicant.id)
        _apply(applicant, body, set(body.model_fields_set))
        return JSONResponse(applicant.detail())

    @app.delete(BASE + "{pk}/")
    async def delete_applicant(request: Request, pk: str) -> Response:
        """204. The lead of an application that has other applicants cannot go (400)."""
        authenticate(request, backend)
        applicant = _applicant(backend, pk)
        store = backend.store
        application = store.applications[applicant.application]
        if applicant.is_lead and len(application.applicants) > 1:
            raise DRFError(400, {"non_field_errors": [KEEP_LEAD]})
        store.remove_applicant(applicant)
        application.updated_at = backend.now()
        return Response(status_code=204)
