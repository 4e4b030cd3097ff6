"""Molo's applicant writes: addApplicant, updateApplicant (PATCH), replaceApplicant
(PUT), removeApplicant.

The field rules are resolvers.mortgages.validation_molo_applicants; the "one and
only one lead applicant" rule (checked with reads just before the write), the
calls and the reconciles are resolvers.mortgages.molo_applicants.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

import strawberry

from resolvers.checks import Checks
from resolvers.mortgages import molo_applicants as ma
from resolvers.mortgages import validation_molo_applicants as va
from resolvers.mortgages.molo_fields import APPLICANT_FIELDS

from ..context import Info
from ..ids import to_global_id
from ..writes import WriteSpec, run_write
from . import inputs_molo_applicants as mi
from .applicants import MortgageApplicant
from .payloads import (
    AddApplicantPayload,
    RemoveApplicantPayload,
    ReplaceApplicantPayload,
    UpdateApplicantPayload,
)
from .types import Application

P = TypeVar("P")


def applicant_of(record: ma.OnApplication) -> MortgageApplicant:
    return MortgageApplicant.from_molo(record.applicant, record.application.created_at)


class AddApplicant(WriteSpec[AddApplicantPayload]):
    mutation = "addApplicant"
    record = ma.OnApplication
    field_map = APPLICANT_FIELDS
    input: mi.AddApplicantInput

    def check(self, checks: Checks) -> None:
        va.new_applicant(checks, self.input)

    async def send(self, provider_key: str | None) -> ma.OnApplication:
        context, data = self.info.context, self.input
        return await ma.add_applicant(context, data.application_id, data, provider_key)

    async def reconcile(self, provider_key: str) -> ma.OnApplication | None:
        context, data = self.info.context, self.input
        return await ma.applicant_added(context, data.application_id, data, provider_key)

    def payload(self, record: ma.OnApplication) -> AddApplicantPayload:
        return AddApplicantPayload(
            applicant=applicant_of(record), application=Application.from_molo(record.application)
        )


class _ChangeApplicant(WriteSpec[P]):
    """updateApplicant and replaceApplicant: reconciled by reading the applicant back."""

    record = ma.OnApplication
    field_map = APPLICANT_FIELDS
    replace: ClassVar[bool]
    input: Any

    async def send(self, provider_key: str | None) -> ma.OnApplication:
        context, data = self.info.context, self.input
        return await ma.change_applicant(context, data.applicant_id, data, replace=self.replace)

    async def reconcile(self, provider_key: str) -> ma.OnApplication | None:
        context, data = self.info.context, self.input
        return await ma.applicant_changed(context, data.applicant_id, data)


class UpdateApplicant(_ChangeApplicant[UpdateApplicantPayload]):
    mutation = "updateApplicant"
    replace = False

    def check(self, checks: Checks) -> None:
        va.applicant_change(checks, self.input)

    def payload(self, record: ma.OnApplication) -> UpdateApplicantPayload:
        return UpdateApplicantPayload(applicant=applicant_of(record), user_errors=[])


class ReplaceApplicant(_ChangeApplicant[ReplaceApplicantPayload]):
    mutation = "replaceApplicant"
    replace = True

    def check(self, checks: Checks) -> None:
        va.applicant_replacement(checks, self.input)

    def payload(self, record: ma.OnApplication) -> ReplaceApplicantPayload:
        return ReplaceApplicantPayload(applicant=applicant_of(record), user_errors=[])


class RemoveApplicant(WriteSpec[RemoveApplicantPayload]):
    mutation = "removeApplicant"
    record = ma.Removal
    input: mi.RemoveApplicantInput

    def check(self, checks: Checks) -> None:
        va.applicant_removal(checks, self.input)

    async def send(self, provider_key: str | None) -> ma.Removal:
        return await ma.remove_applicant(self.info.context, self.input.applicant_id, provider_key)

    async def reconcile(self, provider_key: str) -> ma.Removal | None:
        context = self.info.context
        return await ma.applicant_removed(context, self.input.applicant_id, provider_key)

    def payload(self, record: ma.Removal) -> RemoveApplicantPayload:
        application = record.application
        return RemoveApplicantPayload(
            removed_applicant_id=strawberry.ID(
                to_global_id("Borrower", "molo", str(record.removed))
            ),
            application=None if application is None else Application.from_molo(application),
        )


async def add_applicant(info: Info, input: mi.AddApplicantInput) -> AddApplicantPayload:
    return await run_write(info, AddApplicant(info, input))


async def update_applicant(info: Info, input: mi.UpdateApplicantInput) -> UpdateApplicantPayload:
    return await run_write(info, UpdateApplicant(info, input))


async def replace_applicant(info: Info, input: mi.ReplaceApplicantInput) -> ReplaceApplicantPayload:
    return await run_write(info, ReplaceApplicant(info, input))


async def remove_applicant(info: Info, input: mi.RemoveApplicantInput) -> RemoveApplicantPayload:
    return await run_write(info, RemoveApplicant(info, input))
