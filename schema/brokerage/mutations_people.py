"""Users: the createUser and updateUser mutations, wired to the data layer.

The calls sent and how an unanswered one is settled are
resolvers.brokerage.people_writes; the user record becomes a `Borrower`
(schema.brokerage.people); each mutation is one write spec (schema.writes.WriteSpec).
"""

from __future__ import annotations

from resolvers import finos
from resolvers.brokerage.people_writes import (
    USER_FIELDS,
    check_new_user,
    check_user_patch,
    send_create_user,
    send_update_user,
    update_user_reconciled,
)
from resolvers.brokerage.writes import PERSON_FIELDS
from resolvers.checks import Checks

from ..context import Info
from ..writes import run_write
from .inputs import CreateUserInput, UpdateUserInput
from .payloads import CreateUserPayload, UpdateUserPayload
from .people import borrower_of
from .writes import FinosWrite


class CreateUser(FinosWrite[CreateUserPayload]):
    """POST /v1/users under the provider key; an unanswered one is sent again under the
    same key (Finos replays the first answer)."""

    mutation = "createUser"
    record = finos.User
    field_map = PERSON_FIELDS
    input: CreateUserInput

    def check(self, checks: Checks) -> None:
        check_new_user(checks, self.input)

    async def send(self, provider_key: str | None) -> finos.User:
        return await send_create_user(self.info.context, self.input, provider_key)

    async def reconcile(self, provider_key: str) -> finos.User:
        return await self.send(provider_key)

    def payload(self, record: finos.User) -> CreateUserPayload:
        return CreateUserPayload(
            user=borrower_of(record),
            status=record.status,
            kyc_token=record.kyc_token,
            user_errors=[],
        )


class UpdateUser(FinosWrite[UpdateUserPayload]):
    """PUT /v1/users/{id} (Finos takes no key); an unanswered one is settled by reading
    the user."""

    mutation = "updateUser"
    record = finos.User
    field_map = USER_FIELDS
    input: UpdateUserInput

    def check(self, checks: Checks) -> None:
        self.user_id = checks.global_id(
            "userId", self.input.user_id, "Borrower", "a Finos user (Borrower)"
        )
        check_user_patch(checks, self.input)

    async def send(self, provider_key: str | None) -> finos.User:
        assert self.user_id is not None
        return await send_update_user(self.info.context, self.user_id, self.input)

    async def reconcile(self, provider_key: str) -> finos.User | None:
        assert self.user_id is not None
        return await update_user_reconciled(self.info.context, self.user_id, self.input)

    def payload(self, record: finos.User) -> UpdateUserPayload:
        return UpdateUserPayload(user=borrower_of(record), status=record.status, user_errors=[])


async def create_user(info: Info, data: CreateUserInput) -> CreateUserPayload:
    return await run_write(info, CreateUser(info, data))


async def update_user(info: Info, data: UpdateUserInput) -> UpdateUserPayload:
    return await run_write(info, UpdateUser(info, data))
