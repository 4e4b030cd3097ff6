"""Webhook routes.

    POST   /v1/webhooks        201 the webhook
    GET    /v1/webhooks/{id}   200
    PUT    /v1/webhooks/{id}   200 (name, active, config, events)
    GET    /v1/webhooks        200 a page of webhooks
    DELETE /v1/webhooks/{id}   200 {"id", "object": "webhook", "deleted": true}

The reference documents create, retrieve, update and list; DELETE is the
plain REST addition, shaped like its bank account delete. `events` are
patterns matched with shell-style wildcards ("*", "usertransition.*"); the
table calls them required but also "Defaults to *", so a missing list means
["*"]. Event names follow the reference's one example, `usertransition.*`:
usertransition.<user status>, kyctransition.<state>, ordertransition.<status>,
deposittransition.<status>, withdrawaltransition.<status>. Each delivery is a
POST of {"id", "type", "created_at", "data": <the object>} (delivery.py).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from .backend import Backend
from .models import WebhookIn, WebhookUpdate
from .pagination import Page, paginate
from .store import Record


def router(backend: Backend) -> APIRouter:
    api = APIRouter()

    @api.post("/v1/webhooks", status_code=201)
    async def create_webhook(body: WebhookIn) -> JSONResponse:
        """events default to ["*"] when missing (the reference: "Defaults to *")."""
        record: Record = {
            "id": backend.ids.uuid(),
            "name": body.name,
            "active": True,
            "config": body.config.model_dump(),
            "events": list(body.events),
            "created_at": backend.now_ms(),
        }
        backend.state.webhooks.add(record)
        return JSONResponse(record, 201)

    @api.get("/v1/webhooks")
    async def list_webhooks(request: Request, params: Page) -> JSONResponse:
        hooks = backend.state.webhooks
        page = paginate(
            request, params, hooks.order, hooks.by_id.__getitem__, positions=hooks.positions()
        )
        return JSONResponse(page)

    @api.get("/v1/webhooks/{webhook_id}")
    async def retrieve_webhook(webhook_id: str) -> JSONResponse:
        return JSONResponse(backend.state.webhooks.fetch(webhook_id, "webhook"))

    @api.put("/v1/webhooks/{webhook_id}")
    async def update_webhook(webhook_id: str, body: WebhookUpdate) -> JSONResponse:
        record = backend.state.webhooks.fetch(webhook_id, "webhook")
        if body.name is not None:
            record["name"] = body.name
        if body.active is not None:
            record["active"] = body.active
        if body.config is not None:
            record["config"] = body.config.model_dump()
        if body.events is not None:
            record["events"] = list(body.events)
        return JSONResponse(record)

    @api.delete("/v1/webhooks/{webhook_id}")
    async def delete_webhook(webhook_id: str) -> JSONResponse:
        """Not in the reference: the plain REST delete, shaped like its bank account delete."""
        backend.state.webhooks.fetch(webhook_id, "webhook")
        backend.state.webhooks.remove(webhook_id)
        return JSONResponse({"id": webhook_id, "object": "webhook", "deleted": True})

    return api
