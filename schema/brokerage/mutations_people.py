"""Users: createUser and updateUser.

createUser POSTs with the provider key as Finos's Idempotency-Key, so its
reconcile re-sends the same request and Finos replays the first answer.
updateUser (PUT) reconciles by reading the user. Both invalidate the cached
people index (a new or changed name or email).
"""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from resolvers import finos
from resolvers.brokerage.validation import person
from resolvers.brokerage.writes import (
    PERSON_FIELDS,
    dump,
    merged,
    naming_ids,
    parse,
    person_details,
    public_person,
)
from resolvers.checks import Checks, digits

from ..context import Info
from ..writes import UserError, Write, run_write, user_errors
from .inputs import (
    CreateUserInput,
    UpdateUserInput,
)
from .payloads import (
    CreateUserPayload,
    UpdateUserPayload,
)
from .people import PEOPLE_INDEX, borrower_of


async def create_user(info: Info, data: CreateUserInput) -> CreateUserPayload:
    client = info.context.providers.finos

    def validate() -> list[UserError]:
        checks = Checks()
        person(checks, "", data)
        return user_errors(checks.problems)

    async def perform(key: str | None) -> dict[str, Any]:
        details = person_details(data)
        user = await client.create_user(details, idempotency_key=key)
        info.context.providers.cache.invalidate(PEOPLE_INDEX)
        return merged(public_person(details), dump(user))

    def build(stored: dict[str, Any]) -> CreateUserPayload:
        user = parse(finos.User, stored)
        return CreateUserPayload(
            user=borrower_of(user), status=user.status, kyc_token=user.kyc_token, user_errors=[]
        )

    def refused(errors: list[UserError]) -> CreateUserPayload:
        return CreateUserPayload(user=None, status=None, kyc_token=None, user_errors=errors)

    write = Write("createUser", data, validate, perform, build, refused, PERSON_FIELDS, perform)
    return await run_write(info, write)


def _user_changes(data: UpdateUserInput) -> dict[str, Any]:
    """The PUT /v1/users/{id} arguments the input gives (None: left as it is)."""
    a = data.address
    return {
        "first_name": data.first_name.strip() if data.first_name else None,
        "last_name": data.last_name.strip() if data.last_name else None,
        "email_address": data.email.strip() if data.email else None,
        "phone_number": digits(data.phone) if data.phone else None,
        "birth_date": data.date_of_birth,
        "address_line_1": a.line1 if a else None,
        "address_line_2": a.line2 if a else None,
        "address_city": a.city if a else None,
        "address_state": a.region.upper() if a and a.region else None,
        "address_postal_code": a.postal_code if a else None,
        "address_country_code": a.country.upper() if a and a.country else None,
    }


async def update_user(info: Info, data: UpdateUserInput) -> UpdateUserPayload:
    client = info.context.providers.finos
    checks = Checks()
    user_id = checks.global_id("userId", data.user_id, "Borrower", "a Finos user (Borrower)")
    changes = _user_changes(data)

    def validate() -> list[UserError]:
        person(checks, "", data, partial=True)
        checks.changes([*changes.values(), data.ssn])
        return user_errors(checks.problems)

    async def perform(_key: str | None) -> dict[str, Any]:  # a PUT: Finos takes no key
        assert user_id is not None
        ssn = SecretStr(digits(data.ssn)) if data.ssn else None
        user = await naming_ids(
            lambda: client.update_user(user_id, ssn_number=ssn, **changes),
            {user_id: "user_id"},
            "user_id",
        )
        info.context.providers.cache.invalidate(PEOPLE_INDEX)
        return dump(user)

    async def reconcile(_key: str) -> dict[str, Any] | None:
        """The user as it is now, if it shows every change (an SSN cannot be seen: re-send)."""
        assert user_id is not None
        user = await client.get_user(user_id)
        shown = dump(user)
        visible = {k: v for k, v in changes.items() if v is not None and k != "birth_date"}
        if data.ssn or data.date_of_birth or any(shown.get(k) != v for k, v in visible.items()):
            return None  # not provably applied: the PUT is sent again (it sets, never adds)
        return shown

    def build(stored: dict[str, Any]) -> UpdateUserPayload:
        user = parse(finos.User, stored)
        return UpdateUserPayload(user=borrower_of(user), status=user.status, user_errors=[])

    def refused(errors: list[UserError]) -> UpdateUserPayload:
        return UpdateUserPayload(user=None, status=None, user_errors=errors)

    fields = {**PERSON_FIELDS, "user_id": "userId"}
    write = Write("updateUser", data, validate, perform, build, refused, fields, reconcile)
    return await run_write(info, write)
