"""FinanceIt client: one typed method per route of the v3 API.

Reference data (partners, promo programs, subverticals) goes through the
RefCache, scoped by a digest of base URL, app id and login. Loans page with
`page`/`limit`; `iter_loans` walks every page lazily up to a cap. The writes
live in writes.py (FinanceItWrites, the base of this class).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import httpx

from ..auth import TokenAuth
from ..base import build_http_client, scope_of
from ..cache import RefCache
from ..config import FinanceItConfig
from ..errors import FieldError, ProviderBadResponse
from ..pagination import iter_pages
from ..tokens import TokenStore
from .auth import FinanceItTokenSource
from .errors import parse_errors_body
from .records import (
    Calculation,
    CommissionTotals,
    Loan,
    LoanPage,
    LoanRef,
    Partner,
    PromoProgram,
    Subvertical,
    TokenGrant,
)
from .writes import API, FinanceItWrites

TOKEN_PATH = f"{API}/accounts/create_user_oauth_token"


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


class FinanceItClient(FinanceItWrites):
    provider = "financeit"

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        config: FinanceItConfig,
        base_url: str,
        cache: RefCache,
        tokens: FinanceItTokenSource,
    ) -> None:
        super().__init__(http)
        self._config = config
        self._cache = cache
        self.tokens = tokens
        who = "anonymous" if config.anonymous else (config.login or "anonymous")
        self._scope = scope_of("financeit", base_url, config.app_id, who)

    @classmethod
    def create(
        cls,
        config: FinanceItConfig,
        base_url: str,
        *,
        cache: RefCache,
        transport: httpx.AsyncBaseTransport | None = None,
        token_store: TokenStore | None = None,
    ) -> FinanceItClient:
        tokens = FinanceItTokenSource(store=token_store)
        http = build_http_client(base_url, config.http, auth=TokenAuth(tokens), transport=transport)
        client = cls(http, config=config, base_url=base_url, cache=cache, tokens=tokens)
        tokens.bind(client)
        return client

    @property
    def credential_scope(self) -> str:
        return self._scope

    def parse_error(self, body: Any) -> tuple[str | None, tuple[FieldError, ...]]:
        return parse_errors_body(body)

    def _member(self, payload: Any, key: str) -> Any:
        if not isinstance(payload, dict) or key not in payload:
            raise ProviderBadResponse(self.provider, f"expected an object with {key!r}")
        return payload[key]

    # -- accounts -----------------------------------------------------------

    async def create_user_oauth_token(self) -> TokenGrant:
        """A new access token (used by the token source; sent without the Bearer auth)."""
        config = self._config
        body: dict[str, Any] = {
            "app_id": config.app_id,
            "app_secret": config.app_secret.get_secret_value(),
        }
        if config.anonymous:
            body["anonymous_user"] = True
        else:
            body["login"] = config.login
            body["password"] = config.password.get_secret_value() if config.password else None
        payload = await self._send("POST", TOKEN_PATH, json=body, auth=None)
        return self._parse(TokenGrant, payload)

    # -- partners -----------------------------------------------------------

    async def partners(self) -> list[Partner]:
        async def load() -> list[Partner]:
            return self._parse_list(Partner, await self._send("GET", f"{API}/partners"))

        return await self._cache.get_or_load("partners", self._scope, "list", load)

    async def partner(self, partner_id: int) -> Partner:
        async def load() -> Partner:
            return self._parse(Partner, await self._send("GET", f"{API}/partners/{partner_id}"))

        return await self._cache.get_or_load("partners", self._scope, ("id", partner_id), load)

    async def commission_totals(
        self,
        partner_id: int,
        *,
        earned_start_date: date | None = None,
        earned_end_date: date | None = None,
    ) -> CommissionTotals:
        params = {
            "earned_start_date": earned_start_date.isoformat() if earned_start_date else None,
            "earned_end_date": earned_end_date.isoformat() if earned_end_date else None,
        }
        payload = await self._send(
            "GET", f"{API}/partners/{partner_id}/commission_totals", params=params
        )
        return self._parse(CommissionTotals, payload)

    # -- calculator and reference data ---------------------------------------

    async def calculate(
        self,
        requested_amount: Decimal | int | float,
        *,
        vertical_name: str | None = None,
        region_code: str | None = None,
        payment_frequency: str | None = None,
        fee_paid_by: str | None = None,
        insurance: bool | None = None,
        promo_program_id: int | None = None,
        amortization: int | None = None,
        partner_id: int | None = None,
        work_site_quebec: bool | None = None,
    ) -> Calculation:
        params = {
            "requested_amount": str(requested_amount),
            "vertical_name": vertical_name,
            "region_code": region_code,
            "payment_frequency": payment_frequency,
            "fee_paid_by": fee_paid_by,
            "insurance": _yes_no(insurance),
            "promo_program_id": promo_program_id,
            "amortization": amortization,
            "partner_id": partner_id,
            "work_site_quebec": _yes_no(work_site_quebec),
        }
        return self._parse(Calculation, await self._send("GET", f"{API}/calculator", params=params))

    async def promo_programs(
        self,
        *,
        vertical_name: str | None = None,
        partner_id: int | None = None,
        loan_id: int | None = None,
    ) -> list[PromoProgram]:
        params = {"vertical_name": vertical_name, "partner_id": partner_id, "loan_id": loan_id}

        async def load() -> list[PromoProgram]:
            payload = await self._send("GET", f"{API}/promo_programs", params=params)
            return self._parse_list(PromoProgram, self._member(payload, "promo_programs"))

        key = (vertical_name, partner_id, loan_id)
        return await self._cache.get_or_load("promo_programs", self._scope, key, load)

    async def subverticals(
        self, *, vertical_name: str | None = None, partner_id: int | None = None
    ) -> list[Subvertical]:
        params = {"vertical_name": vertical_name, "partner_id": partner_id}

        async def load() -> list[Subvertical]:
            payload = await self._send("GET", f"{API}/subverticals", params=params)
            return self._parse_list(Subvertical, self._member(payload, "subverticals"))

        key = (vertical_name, partner_id)
        return await self._cache.get_or_load("subverticals", self._scope, key, load)

    # -- loans --------------------------------------------------------------

    async def loans_page(
        self,
        *,
        page: int = 1,
        limit: int = 20,
        start: date | None = None,
        end: date | None = None,
        state: str | None = None,
        partner: int | None = None,
    ) -> LoanPage:
        params = {
            "page": page,
            "limit": limit,
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
            "state": state,
            "partner": partner,
        }
        payload = await self._send("GET", f"{API}/loans", params=params)
        return LoanPage(loans=self._parse_list(Loan, payload), page=page, limit=limit)

    def iter_loans(
        self,
        *,
        limit: int = 100,
        cap: int | None = None,
        start: date | None = None,
        end: date | None = None,
        state: str | None = None,
        partner: int | None = None,
    ) -> AsyncIterator[Loan]:
        """Every matching loan, newest first, fetching `limit` per page until a short page."""

        async def fetch(page: int, size: int) -> Sequence[Loan]:
            result = await self.loans_page(
                page=page, limit=size, start=start, end=end, state=state, partner=partner
            )
            return result.loans

        return iter_pages(fetch, limit=limit, cap=cap)

    async def loan(self, loan_id: int) -> Loan:
        return self._parse(Loan, await self._send("GET", f"{API}/loans/{loan_id}"))

    async def loan_id_by_lead_id(self, lead_id: int, *, partner_id: int | None = None) -> int:
        params = {"lead_id": lead_id, "partner_id": partner_id}
        payload = await self._send("GET", f"{API}/loans/id_by_lead_id", params=params)
        return self._parse(LoanRef, payload).id
