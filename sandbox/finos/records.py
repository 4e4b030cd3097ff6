"""Rollovers and statements.

    POST /v1/rollovers        201 {"id", "status": "initiated"}
    GET  /v1/rollovers/{id}   200 {"id", "status", ...the fields sent}
    GET  /v1/statements       200 a page of an account's statements (account_id required)
    GET  /v1/statements/{id}  200 {"id", "url", ...}

Silent in the reference, so the plain choices: `ira_account_id` names a
brokerage account by id or account number (else 404; the sandbox has no
separate IRA type); `tax_year` is the current year or the one before (the
sandbox's year is EPOCH's); a rollover is `initiated`, then `pending`
ROLLOVER_PENDING_SECONDS later on the sandbox clock (the two statuses the
reference shows). Statements are monthly, one per full month the account was
open, at most twelve; `start_date` (default 90 days ago) and `end_date`
(default the end of this month) filter on the period end, as ISO dates or
datetimes. Statements carry `account_id`, `period_start`, `period_end` and
`created_at` besides the documented `id` and `url`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from .backend import Backend
from .errors import invalid, invalid_field, not_found
from .models import RolloverIn
from .pagination import Page, paginate
from .store import Record

ROLLOVER_PENDING_SECONDS = 60


def _parse_day(name: str, value: str) -> date:
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise invalid(f"{name} must be an ISO date") from None


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def router(backend: Backend) -> APIRouter:
    api = APIRouter()

    @api.post("/v1/rollovers", status_code=201)
    async def create_rollover(body: RolloverIn) -> JSONResponse:
        """ira_account_id is an account id or number; tax_year this year or last (reference
        silent).
        """
        state = backend.state
        account_id = state.account_numbers.get(body.ira_account_id, body.ira_account_id)
        if state.accounts.get(account_id) is None:
            raise not_found("account", body.ira_account_id)
        year = datetime.fromtimestamp(backend.now_ms() / 1000, tz=UTC).year
        try:
            tax_year = int(body.tax_year)
        except ValueError:
            raise invalid_field("tax_year must be a year") from None
        if tax_year not in (year, year - 1):
            raise invalid_field(f"tax_year must be {year} or {year - 1}")
        record: Record = {
            "id": backend.ids.uuid(),
            "status": "initiated",
            **body.model_dump(mode="json"),
            "tax_year": tax_year,
            "created_at": backend.now_ms(),
        }
        state.rollovers.add(record)

        def to_pending() -> None:
            if record["status"] == "initiated":
                record["status"] = "pending"

        backend.after(ROLLOVER_PENDING_SECONDS, to_pending)
        return JSONResponse({"id": record["id"], "status": "initiated"}, 201)

    @api.get("/v1/rollovers/{rollover_id}")
    async def retrieve_rollover(rollover_id: str) -> JSONResponse:
        return JSONResponse(backend.state.rollovers.fetch(rollover_id, "rollover"))

    @api.get("/v1/statements")
    async def list_statements(
        request: Request,
        params: Page,
        account_id: str | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
    ) -> JSONResponse:
        """account_id is required; dates filter on the period end (reference silent on both)."""
        state = backend.state
        if not account_id:
            raise invalid("account_id is required")
        state.accounts.fetch(account_id, "account")
        today = datetime.fromtimestamp(backend.now_ms() / 1000, tz=UTC).date()
        start = _parse_day("start_date", start_date) if start_date else today - timedelta(90)
        if end_date:
            end = _parse_day("end_date", end_date)
        else:
            following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
            end = following - timedelta(days=1)
        low, high = start.isoformat(), end.isoformat()
        ids = [
            i
            for i in state.statements_of_account.get(account_id, [])
            if low <= state.statements.by_id[i]["period_end"] <= high
        ]
        extra = {"account_id": account_id, "start_date": _stamp(start), "end_date": _stamp(end)}
        return JSONResponse(
            paginate(
                request,
                params,
                ids,
                state.statements.by_id.__getitem__,
                positions=state.statements.positions(),
                extra=extra,
            )
        )

    @api.get("/v1/statements/{statement_id}")
    async def retrieve_statement(statement_id: str) -> JSONResponse:
        return JSONResponse(backend.state.statements.fetch(statement_id, "statement"))

    return api
