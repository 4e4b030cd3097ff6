"""Tokens and partners: /accounts/create_user_oauth_token, /partners, commission totals."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends

from .access import Caller, caller_dependency, parse_date
from .catalog import API, APP_ID, APP_SECRET, LOGIN, MERCHANT_LOGIN, PASSWORD
from .errors import invalid, not_found, unauthorized
from .models import TokenRequest

if TYPE_CHECKING:
    from .sandbox import FinanceItSandbox


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def accounts_router(sandbox: FinanceItSandbox) -> APIRouter:
    router = APIRouter(prefix=API)
    partner_caller = Depends(caller_dependency(sandbox, allow_anonymous=False))

    @router.post("/accounts/create_user_oauth_token")
    async def create_user_oauth_token(body: TokenRequest) -> dict[str, Any]:
        """An access token for the login's user, or for an anonymous user.

        Reference-silent choices: the answer is 200 with exactly the sample's
        fields (no expiry is announced; a token lives `financeit_token_ttl`
        seconds and is then answered 401); a missing login or password is 422;
        refused app or user credentials are 401; an anonymous token has
        `user_id` null and `user_type` "AnonymousUser".
        """
        if not body.anonymous_user:
            missing = [f for f in ("login", "password") if not getattr(body, f)]
            if missing:
                raise invalid(*(f"{f} is required unless anonymous_user is true" for f in missing))
        if not (_same(body.app_id, APP_ID) and _same(body.app_secret, APP_SECRET)):
            raise unauthorized("Invalid app_id or app_secret")
        if body.anonymous_user:
            token = sandbox.sessions.issue(anonymous=True, user_id=None)
            return {"access_token": token, "user_id": None, "user_type": "AnonymousUser"}
        if _same(body.login, LOGIN) and _same(body.password, PASSWORD):
            user_id = sandbox.store.user_id
        elif _same(body.login, MERCHANT_LOGIN) and _same(body.password, PASSWORD):
            user_id = sandbox.store.merchant_user_id
        else:
            raise unauthorized("Invalid login or password")
        token = sandbox.sessions.issue(anonymous=False, user_id=user_id)
        return {"access_token": token, "user_id": user_id, "user_type": "Partner"}

    @router.get("/partners")
    async def list_partners(caller: Caller = partner_caller) -> list[dict[str, Any]]:
        """The user's partners: the broker and its locations, or a merchant itself.

        Reference-silent: the list is not paginated (the reference gives no
        parameters) and includes the user's own partner first.
        """
        return [caller.store.partners[pid] for pid in caller.visible_partner_ids()]

    @router.get("/partners/{id}")
    async def get_partner(id: int, caller: Caller = partner_caller) -> dict[str, Any]:
        """One partner. A partner that is not the user's is 404, as if it did not exist."""
        partner = caller.partner(id)
        if partner is None:
            raise not_found("Partner")
        return partner

    @router.get("/partners/{id}/commission_totals")
    async def commission_totals(
        id: int,
        earned_start_date: str | None = None,
        earned_end_date: str | None = None,
        caller: Caller = partner_caller,
    ) -> dict[str, str]:
        """Commission earned (funded loans created in the date range) and outstanding.

        Reference-silent choices: the path (`/partners/{id}/commission_totals`),
        a commission of 2.5% of the principal, "earned" counting disbursed and
        closed loans by creation date, "outstanding" counting loans ready for
        funding whatever their date, and a broker's totals summing its
        locations. An end date before the start date is 422.
        """
        start = parse_date("earned_start_date", earned_start_date)
        end = parse_date("earned_end_date", earned_end_date)
        if start is not None and end is not None and end < start:
            raise invalid("earned_end_date must not be before earned_start_date")
        if caller.partner(id) is None:
            raise not_found("Partner")
        return caller.store.commission_totals(id, start, end)

    return router
