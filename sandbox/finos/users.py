"""User routes.

    POST /v1/users                 201 {"id", "user_id", "status", "kyc_token"}
    GET  /v1/users/{id}            200 the user
    PUT  /v1/users/{id}            200 the user
    GET  /v1/users                 200 a page of users, newest first
    GET  /v1/users/search          200 a page of users matching the filters

Silent in the reference, so the plain choices: creating a user runs a KYC check
(kyc.py's rules) and its status follows it; the create answer carries the
example's `id` and the table's `user_id` (same value); an email already
registered (compared case-insensitively) is a 409; `created_at` (ms) is added;
the SSN and birth date are never shown. "Search users" is only a heading in
the early cut: both the list and /search filter by `email_address`
(case-insensitive, exact), `status`, `first_name`, `last_name`, and /search also
by `q` (a substring of name or email).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from . import kycflow
from .backend import Backend
from .errors import FinosError
from .kyc import start_check
from .models import PersonIn, UserUpdate
from .pagination import Page, PageParams, paginate
from .store import Record

PUBLIC = (
    "first_name",
    "last_name",
    "phone_number",
    "email_address",
    "address_line_1",
    "address_line_2",
    "address_city",
    "address_state",
    "address_postal_code",
    "address_country_code",
)


def router(backend: Backend) -> APIRouter:
    api = APIRouter()

    def taken(email: str, user_id: str | None = None) -> None:
        owner = backend.state.users_by_email.get(email.strip().lower())
        if owner is not None and owner != user_id:
            raise FinosError(409, "invalid_request", "email_address is already registered")

    def listing(
        request: Request, params: PageParams, filters: dict[str, str | None], q: str | None
    ) -> JSONResponse:
        state = backend.state
        users = state.users
        ids: list[str] = users.order
        positions = users.positions()
        wanted = {k: v.strip().lower() for k, v in filters.items() if v}
        if wanted or q:
            needle = (q or "").strip().lower()
            if set(wanted) == {"email_address"} and not needle:
                found = state.users_by_email.get(wanted["email_address"])
                ids = [found] if found else []
            else:
                ids = [
                    i
                    for i in users.order
                    if all(str(users.by_id[i][k] or "").lower() == v for k, v in wanted.items())
                    and (
                        not needle
                        or any(
                            needle in str(users.by_id[i][k]).lower()
                            for k in ("first_name", "last_name", "email_address")
                        )
                    )
                ]
        extra: dict[str, Any] = {k: v for k, v in filters.items() if v}
        if q:
            extra["q"] = q
        page = paginate(
            request, params, ids, users.by_id.__getitem__, positions=positions, extra=extra
        )
        return JSONResponse(page)

    @api.post("/v1/users", status_code=201)
    async def create_user(body: PersonIn) -> JSONResponse:
        """Runs the KYC check (kycflow rules); 409 when the email is taken (reference silent)."""
        state = backend.state
        taken(body.email_address)
        user_id = backend.ids.uuid()
        check = start_check(backend, body, user_id)
        user: Record = {"id": user_id, "status": kycflow.USER_STATUS[check["state"]]}
        user["kyc_token"] = check["token"]
        user.update({k: getattr(body, k) for k in PUBLIC})
        user["created_at"] = backend.now_ms()
        state.users.add(user)
        state.users_by_email[body.email_address.lower()] = user_id
        state.user_private[user_id] = {
            "ssn_number": body.ssn_number,
            "birth_date": body.birth_date,
        }
        backend.emit(f"usertransition.{user['status']}", user)
        answer = {
            "id": user_id,
            "user_id": user_id,
            "status": user["status"],
            "kyc_token": check["token"],
        }
        return JSONResponse(answer, 201)

    @api.get("/v1/users/search")
    async def search_users(
        request: Request,
        params: Page,
        q: str | None = None,
        email_address: str | None = None,
        status: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
    ) -> JSONResponse:
        filters = {
            "email_address": email_address,
            "status": status,
            "first_name": first_name,
            "last_name": last_name,
        }
        return listing(request, params, filters, q)

    @api.get("/v1/users/{user_id}")
    async def retrieve_user(user_id: str) -> JSONResponse:
        return JSONResponse(backend.state.users.fetch(user_id, "user"))

    @api.put("/v1/users/{user_id}")
    async def update_user(user_id: str, body: UserUpdate) -> JSONResponse:
        """Only the fields sent change; the KYC check is not run again."""
        state = backend.state
        user = state.users.fetch(user_id, "user")
        changes = body.model_dump(exclude_unset=True)
        if changes.get("email_address"):
            taken(changes["email_address"], user_id)
            state.users_by_email.pop(user["email_address"].strip().lower(), None)
            state.users_by_email[changes["email_address"].lower()] = user_id
        for key in ("ssn_number", "birth_date"):
            if changes.get(key):
                state.user_private[user_id][key] = changes.pop(key)
        nullable = ("phone_number", "address_line_2")
        user.update(
            {k: v for k, v in changes.items() if k in PUBLIC and (v is not None or k in nullable)}
        )
        return JSONResponse(user)

    @api.get("/v1/users")
    async def list_users(
        request: Request,
        params: Page,
        email_address: str | None = None,
        status: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
    ) -> JSONResponse:
        filters = {
            "email_address": email_address,
            "status": status,
            "first_name": first_name,
            "last_name": last_name,
        }
        return listing(request, params, filters, None)

    return api
