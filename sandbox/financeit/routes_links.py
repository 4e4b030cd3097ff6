"""Writes: direct invites, single access links and customized links."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends

from .access import EMAIL_RE, PHONE_RE, Caller, caller_dependency
from .catalog import API, MAX_AMOUNT
from .errors import FinanceItError, invalid, not_found
from .models import CustomizedLinkIn, DirectInviteIn, SingleAccessLinkIn
from .seed import standard_program

if TYPE_CHECKING:
    from .sandbox import FinanceItSandbox


def _invite_errors(body: DirectInviteIn, program: dict[str, Any] | None) -> list[str]:
    errors: list[str] = []
    if program is None:
        errors.append("promo_program_id is not a promo program available for this vertical")
    if body.send_via == "sms" and not body.mobile_number:
        errors.append("mobile_number is required when send_via is sms")
    if body.mobile_number and not PHONE_RE.match(body.mobile_number):
        errors.append("mobile_number must be in the format '123-456-7890'")
    if body.send_via == "email" and not body.email:
        errors.append("email is required when send_via is email")
    if body.email and not EMAIL_RE.match(body.email):
        errors.append("email must be a valid email address")
    if body.message is not None and len(body.message) > 255:
        errors.append("message must be at most 255 characters")
    if body.requested_amount is not None and not 0 < body.requested_amount <= MAX_AMOUNT:
        errors.append(f"requested_amount must be greater than 0 and at most {MAX_AMOUNT}")
    if body.use_max_amortization is False and body.amortization is None:
        errors.append("amortization is required when use_max_amortization is false")
    if (
        body.amortization is not None
        and program is not None
        and body.amortization not in program["amortization_periods"]
    ):
        errors.append("amortization is not offered by the promo program")
    redirect_url = (body.custom_params or {}).get("redirect_url")
    if redirect_url is not None and (not isinstance(redirect_url, str) or len(redirect_url) >= 255):
        errors.append("custom_params.redirect_url must be a string of less than 255 characters")
    return errors


def _custom_params(params: dict[str, Any] | None) -> dict[str, Any]:
    """lead_id keeps its digits only, as the reference says FinanceIt does."""
    custom = dict(params or {})
    if "lead_id" in custom:
        raw = str(custom["lead_id"])
        sign = "-" if raw.startswith("-") else ""
        digits = re.sub(r"\D", "", raw)
        custom["lead_id"] = int(sign + digits) if digits else None
    return custom


def links_router(sandbox: FinanceItSandbox) -> APIRouter:
    router = APIRouter(prefix=API)
    partner_caller = Depends(caller_dependency(sandbox, allow_anonymous=False))

    @router.post("/direct_invites")
    async def send_direct_invite(
        body: DirectInviteIn, caller: Caller = partner_caller
    ) -> dict[str, Any]:
        """Send a Financeit Direct application link (recorded, never sent).

        Answers 200 with `{}` like the reference's sample. Reference-silent
        choices: every failed rule is reported at once (422); requested_amount
        must be in (0, 100000]; amortization, when given, must be one of the
        program's periods; "required if use_max_amortization is false" applies
        only when use_max_amortization is sent as false.
        """
        partner = caller.resolve_partner(body.partner_id, required=True)
        vertical = caller.resolve_vertical(partner, body.vertical_name)
        program: dict[str, Any] | None
        if body.promo_program_id == 0:
            program = standard_program(vertical)
        else:
            program = caller.store.programs.get(body.promo_program_id)
            if program is not None and program["vertical_name"] != vertical:
                program = None
        errors = _invite_errors(body, program)
        if errors:
            raise invalid(*errors)
        record = body.model_dump()
        record.update(vertical_name=vertical, custom_params=_custom_params(body.custom_params))
        record["partner_id"] = int(partner["id"]) if partner else None
        record["application_link"] = caller.store.short_link("direct_invite")
        caller.store.invites.append(record)
        return {}

    @router.post("/single_access_links", status_code=201)
    async def create_single_access_link(
        body: SingleAccessLinkIn, caller: Caller = partner_caller
    ) -> dict[str, Any]:
        """A link giving one employee access to one loan.

        Reference-silent choices: the path, 201 with {"link", "loan_id",
        "email"} (the reference shows no response), an optional employee
        `email` (the summary mentions one, the body schema does not), and 404
        for a loan that is not the user's.
        """
        if body.email is not None and not EMAIL_RE.match(body.email):
            raise invalid("email must be a valid email address")
        if caller.loan(body.loan_id) is None:
            raise not_found("Loan")
        link = caller.store.short_link("single_access_link")
        record = {"link": link, "loan_id": body.loan_id, "email": body.email}
        caller.store.links.append(record)
        return record

    @router.post("/customized_links", status_code=201)
    async def create_customized_link(
        body: CustomizedLinkIn, caller: Caller = partner_caller
    ) -> dict[str, Any]:
        """A link giving a partner employee loan-creation access for one lead.

        Reference-silent choices: the path, 201 with {"link", "partner_id",
        "lead_id", "email"} (the reference shows no response), contacts each
        needing an `email`, and partner_id resolving as for direct invites.
        """
        partner = caller.resolve_partner(body.partner_id, required=True)
        assert partner is not None  # partner callers only
        errors = []
        if body.email is not None and not EMAIL_RE.match(body.email):
            errors.append("email must be a valid email address")
        for index, contact in enumerate(body.contacts or []):
            if not EMAIL_RE.match(str(contact.get("email", ""))):
                errors.append(f"contacts.{index}.email must be a valid email address")
        if errors:
            raise FinanceItError(422, *errors)
        record = {
            "link": caller.store.short_link("customized_link"),
            "partner_id": int(partner["id"]),
            "lead_id": body.lead_id,
            "email": body.email,
        }
        caller.store.links.append(record)
        return record

    return router
