"""Finos users written: the calls createUser and updateUser send
(schema.brokerage.mutations_people wires them to the mutations).

createUser POSTs with the provider key as Finos's Idempotency-Key, so its
reconcile re-sends the same request and Finos replays the first answer; the
short create answer (id, status, kyc_token) is completed with the public part
of the person sent. updateUser (PUT, no key) reconciles by reading the user:
applied if it shows every visible change (an SSN or a birth date cannot be
seen: then the PUT, which sets and never adds, is sent again). Both forget the
cached people index (a new or changed name or email).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from pydantic import SecretStr

from .. import finos
from ..checks import Checks, digits
from ..request import Scope
from .people import forget_index
from .validation import person
from .writes import (
    PERSON_FIELDS,
    PersonFields,
    dump,
    merged,
    naming_ids,
    parse,
    person_details,
    public_person,
)

# PUT /v1/users/{id} field -> updateUser input path
USER_FIELDS = {**PERSON_FIELDS, "user_id": "userId"}


class AddressPatch(Protocol):
    """Address fields to change (None: left as it is)."""

    @property
    def line1(self) -> str | None: ...
    @property
    def line2(self) -> str | None: ...
    @property
    def city(self) -> str | None: ...
    @property
    def region(self) -> str | None: ...
    @property
    def postal_code(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...


class UserPatch(Protocol):
    """The changes updateUser asks for (None: left as it is)."""

    @property
    def first_name(self) -> str | None: ...
    @property
    def last_name(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def date_of_birth(self) -> date | None: ...
    @property
    def ssn(self) -> str | None: ...
    @property
    def address(self) -> AddressPatch | None: ...


def check_new_user(checks: Checks, new: PersonFields) -> None:
    person(checks, "", new)


async def send_create_user(scope: Scope, new: PersonFields, key: str | None) -> finos.User:
    """`POST /v1/users` under the provider key; the answer completed with what was sent."""
    details = person_details(new)
    user = await scope.providers.finos.create_user(details, idempotency_key=key)
    forget_index(scope)
    return parse(finos.User, merged(public_person(details), dump(user)))


def user_changes(patch: UserPatch) -> dict[str, Any]:
    """The PUT /v1/users/{id} arguments the input gives (None: left as it is), the SSN aside."""
    a = patch.address
    return {
        "first_name": patch.first_name.strip() if patch.first_name else None,
        "last_name": patch.last_name.strip() if patch.last_name else None,
        "email_address": patch.email.strip() if patch.email else None,
        "phone_number": digits(patch.phone) if patch.phone else None,
        "birth_date": patch.date_of_birth,
        "address_line_1": a.line1 if a else None,
        "address_line_2": a.line2 if a else None,
        "address_city": a.city if a else None,
        "address_state": a.region.upper() if a and a.region else None,
        "address_postal_code": a.postal_code if a else None,
        "address_country_code": a.country.upper() if a and a.country else None,
    }


def check_user_patch(checks: Checks, patch: UserPatch) -> None:
    """The person's rules for the fields given, and at least one change."""
    person(checks, "", patch, partial=True)
    checks.changes([*user_changes(patch).values(), patch.ssn])


async def send_update_user(scope: Scope, user_id: str, patch: UserPatch) -> finos.User:
    """`PUT /v1/users/{id}` (Finos takes no key); a 404 on the user is a refusal of userId."""
    client = scope.providers.finos
    changes = user_changes(patch)
    ssn = SecretStr(digits(patch.ssn)) if patch.ssn else None
    user = await naming_ids(
        lambda: client.update_user(user_id, ssn_number=ssn, **changes),
        {user_id: "user_id"},
        "user_id",
    )
    forget_index(scope)
    return user


async def update_user_reconciled(scope: Scope, user_id: str, patch: UserPatch) -> finos.User | None:
    """The user as it is now, if it shows every change (an SSN cannot be seen: re-send)."""
    user = await scope.providers.finos.get_user(user_id)
    shown = dump(user)
    changes = user_changes(patch)
    visible = {k: v for k, v in changes.items() if v is not None and k != "birth_date"}
    if patch.ssn or patch.date_of_birth or any(shown.get(k) != v for k, v in visible.items()):
        return None  # not provably applied: the PUT is sent again (it sets, never adds)
    return user
