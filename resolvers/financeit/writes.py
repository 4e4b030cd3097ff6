"""FinanceIt's writes: direct invites and the two link routes.

A write is sent once: nothing here retries, and TokenAuth re-sends only a
request that was refused with 401 (so it was not carried out).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..base import ProviderClient, given
from .records import CustomizedLink, DirectInvite, SingleAccessLink

API = "/en/api/v3"


class FinanceItWrites(ProviderClient):
    async def send_direct_invite(
        self,
        *,
        promo_program_id: int,
        send_via: str,
        partner_id: int | None = None,
        vertical_name: str | None = None,
        mobile_number: str | None = None,
        email: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        language: str | None = None,
        requested_amount: Decimal | int | float | None = None,
        amortization: int | None = None,
        use_max_amortization: bool | None = None,
        payment_frequency: str | None = None,
        message: str | None = None,
        custom_params: dict[str, Any] | None = None,
    ) -> DirectInvite:
        body = {
            "promo_program_id": promo_program_id,
            "send_via": send_via,
            "partner_id": partner_id,
            "vertical_name": vertical_name,
            "mobile_number": mobile_number,
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "language": language,
            "requested_amount": None if requested_amount is None else float(requested_amount),
            "amortization": amortization,
            "use_max_amortization": use_max_amortization,
            "payment_frequency": payment_frequency,
            "message": message,
            "custom_params": custom_params,
        }
        payload = await self._send("POST", f"{API}/direct_invites", json=given(**body))
        return self._parse(DirectInvite, payload or {})

    async def create_single_access_link(
        self, loan_id: int, *, email: str | None = None
    ) -> SingleAccessLink:
        body = given(loan_id=loan_id, email=email)
        payload = await self._send("POST", f"{API}/single_access_links", json=body)
        return self._parse(SingleAccessLink, payload)

    async def create_customized_link(
        self,
        lead_id: int,
        *,
        partner_id: int | None = None,
        email: str | None = None,
        custom_params: dict[str, Any] | None = None,
        borrower: dict[str, Any] | None = None,
        contacts: list[dict[str, Any]] | None = None,
    ) -> CustomizedLink:
        body = given(
            lead_id=lead_id,
            partner_id=partner_id,
            email=email,
            custom_params=custom_params,
            borrower=borrower,
            contacts=contacts,
        )
        payload = await self._send("POST", f"{API}/customized_links", json=body)
        return self._parse(CustomizedLink, payload)
