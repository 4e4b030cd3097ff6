"""Managed accounts: asset classes and portfolios.

    POST /v1/asset_classes         201 (the HTTP Request line says PUT: PUT answers the same)
    GET  /v1/asset_classes         200 a page of asset classes
    GET  /v1/asset_classes/{id}    200
    PUT  /v1/asset_classes/{id}    200 (name, primary, secondary)
    POST /v1/portfolios            201
    GET  /v1/portfolios            200 a page of portfolios
    GET  /v1/portfolios/{id}       200
    PUT  /v1/portfolios/{id}       200 (name, allocations)
    PUT  /v1/portfolios            200 the reference's form: the body names the portfolio by
                                   `id`, or else by `name`

Seeded with the reference's nine default asset classes and three default
portfolios (conservative, moderate, aggressive). The GETs are the plain REST
counterparts the reference leaves out. An asset class id is its name in lower
case with non-letters as dashes ("U.S. Stocks" -> "us-stocks"); a taken id is a
409. Allocations name existing asset classes (else 404), once each, with
weights adding up to 100 (else 400).
"""

from __future__ import annotations

import re
from decimal import Decimal

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from .backend import Backend
from .errors import FinosError, invalid, invalid_field, not_found
from .models import Allocation, AssetClassIn, AssetClassUpdate, PortfolioIn, PortfolioUpdate
from .pagination import Page, PageParams, paginate
from .store import Collection, Record
from .values import plain


def slug(name: str) -> str:
    compact = re.sub(r"[^a-z0-9\s-]", "", name.lower())
    return re.sub(r"[\s-]+", "-", compact).strip("-")


def router(backend: Backend) -> APIRouter:
    api = APIRouter()

    def listing(collection: Collection, request: Request, params: PageParams) -> JSONResponse:
        page = paginate(
            request,
            params,
            collection.order,
            collection.by_id.__getitem__,
            positions=collection.positions(),
        )
        return JSONResponse(page)

    def allocations(items: list[Allocation]) -> list[Record]:
        seen: set[str] = set()
        for item in items:
            if backend.state.asset_classes.get(item.asset_class_id) is None:
                raise not_found("asset class", item.asset_class_id)
            if item.asset_class_id in seen:
                raise invalid_field(f"allocations names {item.asset_class_id} twice")
            seen.add(item.asset_class_id)
        total = sum((item.weight for item in items), Decimal(0))
        if total != 100:
            raise invalid_field(f"allocations weights must add up to 100, not {plain(total)}")
        return [{"asset_class_id": i.asset_class_id, "weight": str(i.weight)} for i in items]

    async def create_asset_class(body: AssetClassIn) -> JSONResponse:
        """Served as POST (the curl) and PUT (the HTTP Request line) on the collection."""
        ident = slug(body.name)
        if not ident:
            raise invalid_field("name must contain letters or digits")
        if backend.state.asset_classes.get(ident) is not None:
            raise FinosError(409, "invalid_request", f"asset class {ident} already exists")
        record: Record = {"id": ident, "name": body.name, "primary": body.primary}
        record["secondary"] = list(body.secondary)
        backend.state.asset_classes.add(record)
        return JSONResponse(record, 201)

    api.add_api_route("/v1/asset_classes", create_asset_class, methods=["POST"], status_code=201)
    api.add_api_route("/v1/asset_classes", create_asset_class, methods=["PUT"], status_code=201)

    @api.get("/v1/asset_classes")
    async def list_asset_classes(request: Request, params: Page) -> JSONResponse:
        """Not in the reference: the plain list the gateway caches as reference data."""
        return listing(backend.state.asset_classes, request, params)

    @api.get("/v1/asset_classes/{asset_class_id}")
    async def retrieve_asset_class(asset_class_id: str) -> JSONResponse:
        """Not in the reference: the plain retrieve."""
        return JSONResponse(backend.state.asset_classes.fetch(asset_class_id, "asset class"))

    @api.put("/v1/asset_classes/{asset_class_id}")
    async def update_asset_class(asset_class_id: str, body: AssetClassUpdate) -> JSONResponse:
        record = backend.state.asset_classes.fetch(asset_class_id, "asset class")
        for key, value in body.model_dump(exclude_unset=True).items():
            if value is not None:
                record[key] = value
        return JSONResponse(record)

    @api.post("/v1/portfolios", status_code=201)
    async def create_portfolio(body: PortfolioIn) -> JSONResponse:
        record: Record = {
            "id": backend.ids.uuid(),
            "name": body.name,
            "allocations": allocations(body.allocations),
        }
        backend.state.portfolios.add(record)
        return JSONResponse(record, 201)

    @api.get("/v1/portfolios")
    async def list_portfolios(request: Request, params: Page) -> JSONResponse:
        """Not in the reference: the plain list the gateway caches as reference data."""
        return listing(backend.state.portfolios, request, params)

    @api.get("/v1/portfolios/{portfolio_id}")
    async def retrieve_portfolio(portfolio_id: str) -> JSONResponse:
        """Not in the reference: the plain retrieve."""
        return JSONResponse(backend.state.portfolios.fetch(portfolio_id, "portfolio"))

    def update(record: Record, body: PortfolioUpdate) -> JSONResponse:
        if body.allocations is not None:
            record["allocations"] = allocations(body.allocations)
        if body.name is not None:
            record["name"] = body.name
        return JSONResponse(record)

    @api.put("/v1/portfolios/{portfolio_id}")
    async def update_portfolio(portfolio_id: str, body: PortfolioUpdate) -> JSONResponse:
        return update(backend.state.portfolios.fetch(portfolio_id, "portfolio"), body)

    @api.put("/v1/portfolios")
    async def update_portfolio_by_body(body: PortfolioUpdate) -> JSONResponse:
        """The reference's PUT /v1/portfolios/: the body names the portfolio by id, else by name."""
        portfolios = backend.state.portfolios
        if body.id is not None:
            return update(portfolios.fetch(body.id, "portfolio"), body)
        if body.name is None:
            raise invalid("id or name is required")
        for record in portfolios.by_id.values():
            if record["name"] == body.name:
                return update(record, body)
        raise not_found("portfolio", body.name)

    return api
