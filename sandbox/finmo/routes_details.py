"""Assets, incomes, liabilities, properties and mortgage information of an application.

The reference says these can be added but shows no payloads. The sandbox's
plain REST choice: GET /api/v1/applications/{applicationId}/<kind> lists them
(oldest first, plain array) and POST adds one (201 with the record); the
mortgage information is one object per application, read with GET and
replaced with PUT (POST does the same, for clients that only POST). Amounts
are CAD; every record carries `currency: "CAD"`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends

from .errors import invalid
from .models import MortgageInformation, NewAsset, NewIncome, NewLiability, NewProperty
from .routes_applications import visible_application
from .store import CURRENCY, FinmoStore, Record, Viewer


def detail_routes(
    store: Callable[[], FinmoStore], viewer: Callable[..., Viewer], now: Callable[[], str]
) -> APIRouter:
    router = APIRouter(prefix="/api/v1/applications/{applicationId}")
    auth = Depends(viewer)

    def listing(kind: str, app_id: str, who: Viewer) -> list[Record]:
        data = store()
        visible_application(data, who, app_id)
        return list(data.details[app_id][kind])

    def adding(kind: str, app_id: str, who: Viewer, fields: dict[str, Any]) -> Record:
        """Applicant-owned records default to the primary applicant; another
        `applicantId` must be an applicant of this application (else 400)."""
        data = store()
        application = visible_application(data, who, app_id)
        if "applicantId" in fields:
            applicants = [a["userId"] for a in application["applicants"]]
            if fields["applicantId"] is None:
                fields["applicantId"] = applicants[0]
            elif fields["applicantId"] not in applicants:
                raise invalid("applicantId", "is not an applicant of this application")
        created = now()
        record = data.add_detail(kind, app_id, fields, created)
        application["updatedAt"] = created
        return record

    @router.get("/assets")
    async def list_assets(applicationId: str, who: Viewer = auth) -> list[Record]:
        """{id, applicationId, applicantId, type, description, value, currency, createdAt}."""
        return listing("assets", applicationId, who)

    @router.post("/assets", status_code=201)
    async def add_asset(applicationId: str, body: NewAsset, who: Viewer = auth) -> Record:
        return adding("assets", applicationId, who, body.model_dump())

    @router.get("/incomes")
    async def list_incomes(applicationId: str, who: Viewer = auth) -> list[Record]:
        """{id, applicationId, applicantId, type, employerName, amount, period, currency,
        createdAt}."""
        return listing("incomes", applicationId, who)

    @router.post("/incomes", status_code=201)
    async def add_income(applicationId: str, body: NewIncome, who: Viewer = auth) -> Record:
        return adding("incomes", applicationId, who, body.model_dump())

    @router.get("/liabilities")
    async def list_liabilities(applicationId: str, who: Viewer = auth) -> list[Record]:
        """{id, applicationId, applicantId, type, lender, balance, monthlyPayment,
        creditLimit, currency, createdAt}."""
        return listing("liabilities", applicationId, who)

    @router.post("/liabilities", status_code=201)
    async def add_liability(applicationId: str, body: NewLiability, who: Viewer = auth) -> Record:
        return adding("liabilities", applicationId, who, body.model_dump())

    @router.get("/properties")
    async def list_properties(applicationId: str, who: Viewer = auth) -> list[Record]:
        """{id, applicationId, address {street, city, province, postalCode}, propertyType,
        occupancy, value, isSubjectProperty, currency, createdAt}."""
        return listing("properties", applicationId, who)

    @router.post("/properties", status_code=201)
    async def add_property(applicationId: str, body: NewProperty, who: Viewer = auth) -> Record:
        return adding("properties", applicationId, who, body.model_dump())

    @router.get("/mortgage-information")
    async def get_mortgage(applicationId: str, who: Viewer = auth) -> Record:
        """Always an object: fields not set yet are null (`updatedAt` null: never set)."""
        data = store()
        visible_application(data, who, applicationId)
        return data.mortgage_of(applicationId)

    async def set_mortgage(
        applicationId: str, body: MortgageInformation, who: Viewer = auth
    ) -> Record:
        """Replace the mortgage information. `downPayment` must be below `purchasePrice`."""
        data = store()
        application = visible_application(data, who, applicationId)
        if body.downPayment is not None and body.purchasePrice is not None:
            if body.downPayment >= body.purchasePrice:
                raise invalid("downPayment", "must be less than purchasePrice")
        updated = now()
        record = {"applicationId": applicationId, **body.model_dump(mode="json")}
        record |= {"currency": CURRENCY, "updatedAt": updated}
        data.mortgages[applicationId] = record
        application["updatedAt"] = updated
        return record

    router.add_api_route("/mortgage-information", set_mortgage, methods=["PUT", "POST"])
    return router
