"""Who is calling (from the Bearer token) and which partner and vertical a request means.

Two users can log in: `sandbox-partner`, a multi-location business (broker)
that sees itself and its four locations and must name a `partner_id` where the
reference says brokers must, and `sandbox-merchant`, an individual merchant
(the broker's first location) that sees only itself.

The reference's flow table limits client-credential tokens of brokers (no
loans, partners or single access links). The sandbox has no authorization
endpoint for the authorization-code flow, which the reference leaves to a
separate integration guide, so it grants the login's token the rights of an
authorization-code token: every route. Anonymous tokens get the calculator,
promo programs and subverticals (the routes the reference opens to them) and
403 everywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from fastapi import Request

from .errors import FinanceItError, invalid, unauthorized
from .sessions import Session
from .store import Store

if TYPE_CHECKING:
    from .sandbox import FinanceItSandbox

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\d{3}-\d{3}-\d{4}$")


@dataclass(frozen=True)
class Caller:
    session: Session
    store: Store

    @property
    def anonymous(self) -> bool:
        return self.session.anonymous

    @property
    def home(self) -> dict[str, Any]:
        """The user's own partner: the broker, or the merchant login's location."""
        assert self.session.user_id is not None  # partner callers only
        return self.store.partners[self.store.users[self.session.user_id]]

    @property
    def is_broker(self) -> bool:
        return not self.anonymous and int(self.home["id"]) == self.store.broker_id

    def visible_partner_ids(self) -> list[int]:
        """The broker sees itself and its locations; a merchant sees itself."""
        if self.anonymous:
            return []
        return list(self.store.partners) if self.is_broker else [int(self.home["id"])]

    def partner(self, partner_id: int) -> dict[str, Any] | None:
        """One of the user's partners, or None (absent, or someone else's)."""
        if partner_id not in self.visible_partner_ids():
            return None
        return self.store.partners[partner_id]

    def loan(self, loan_id: int) -> dict[str, Any] | None:
        """One of the user's loans, or None (absent, or someone else's)."""
        loan = self.store.loans.get(loan_id)
        if loan is None or loan["partner_id"] not in self.visible_partner_ids():
            return None
        return loan

    def resolve_partner(
        self, partner_id: int | None, *, required: bool, field: str = "partner_id"
    ) -> dict[str, Any] | None:
        """The partner a request is about; None for anonymous users."""
        if self.anonymous:
            return None
        if partner_id is None:
            if required and self.is_broker:
                raise invalid(
                    f"{field} is required when logged in as a broker or multi-location business"
                    " employee"
                )
            return self.home
        partner = self.partner(partner_id)
        if partner is None:
            raise invalid(f"{field} is not one of your partners")
        return partner

    def resolve_vertical(self, partner: dict[str, Any] | None, vertical_name: str | None) -> str:
        if vertical_name is None:
            if partner is None:
                raise invalid("vertical_name is required for anonymous users")
            verticals: list[str] = partner["verticals"]
            if len(verticals) > 1:
                raise invalid("vertical_name is required for partners with multiple verticals")
            return verticals[0]
        if partner is not None and vertical_name not in partner["verticals"]:
            raise invalid("vertical_name is not a vertical of this partner")
        return vertical_name


def caller_dependency(
    sandbox: FinanceItSandbox, *, allow_anonymous: bool
) -> Callable[[Request], Awaitable[Caller]]:
    async def caller(request: Request) -> Caller:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        session = sandbox.sessions.session_of(token.strip()) if scheme.lower() == "bearer" else None
        if session is None:
            raise unauthorized()
        if session.anonymous and not allow_anonymous:
            raise FinanceItError(403, "This action is not available to anonymous users")
        return Caller(session=session, store=sandbox.store)

    return caller


def parse_date(field: str, value: str | None) -> date | None:
    """A 'YYYY-MM-DD' parameter, or a 422 naming the field."""
    if value is None or value == "":
        return None
    if not DATE_RE.match(value):
        raise invalid(f"{field} must have format 'YYYY-MM-DD'")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise invalid(f"{field} must have format 'YYYY-MM-DD'") from None
