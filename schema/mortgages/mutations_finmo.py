"""Finmo's createApplication (the detail writes are in mutations_finmo_details).

The rules are resolvers.mortgages.validation_finmo; the call sent and how an
unanswered one is found again (a watermark) are resolvers.mortgages.finmo_writes.
"""

from __future__ import annotations

from resolvers import finmo
from resolvers.checks import Checks
from resolvers.mortgages import finmo_writes, validation_finmo
from resolvers.mortgages.finmo_fields import CREATE_FIELDS

from ..context import Info
from ..writes import run_write
from .inputs_finmo import CreateApplicationInput
from .payloads import CreateApplicationPayload
from .types import Application
from .writes import FinmoWrite


class CreateApplication(FinmoWrite[CreateApplicationPayload]):
    """POST /applications; an unanswered one is found by its watermark."""

    mutation = "createApplication"
    record = finmo.Application
    field_map = CREATE_FIELDS
    input: CreateApplicationInput

    def check(self, checks: Checks) -> None:
        validation_finmo.new_application(checks, self.input)

    async def send(self, provider_key: str | None) -> finmo.Application:
        return await finmo_writes.create_application(self.info.context, self.input, provider_key)

    async def reconcile(self, provider_key: str) -> finmo.Application | None:
        return await finmo_writes.created_application(self.info.context, self.input, provider_key)

    def payload(self, record: finmo.Application) -> CreateApplicationPayload:
        return CreateApplicationPayload(application=Application.from_finmo(record))


async def create_application(info: Info, input: CreateApplicationInput) -> CreateApplicationPayload:
    return await run_write(info, CreateApplication(info, input))
