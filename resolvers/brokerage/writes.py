"""What every Finos write shares: records as stored data (no secrets), provider field
names mapped to input paths, the person and address bodies, refusals pinned to input
fields (a 404 on an id the input named, a message that leads with a field).

The bodies read any object with the input's attributes (`PersonFields`,
`AddressFields`: the schema's inputs are such objects), never a GraphQL type."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, SecretStr

from resolvers import finos
from resolvers.checks import digits
from resolvers.errors import FieldError, ProviderNotFound, ProviderValidationError

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class AddressFields(Protocol):
    """A postal address as the client gave it."""

    @property
    def line1(self) -> str: ...
    @property
    def line2(self) -> str | None: ...
    @property
    def city(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def postal_code(self) -> str: ...
    @property
    def country(self) -> str: ...


class PersonFields(Protocol):
    """A person as the client gave them (createUser, openAccount's joint member...)."""

    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def date_of_birth(self) -> date: ...
    @property
    def ssn(self) -> str: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def address(self) -> AddressFields: ...


# PersonDetails / PUT /v1/users field -> GraphQL input path (relative to the person)
PERSON_FIELDS: dict[str, str] = {
    "first_name": "firstName",
    "last_name": "lastName",
    "email_address": "email",
    "phone_number": "phone",
    "birth_date": "dateOfBirth",
    "ssn_number": "ssn",
    "address_line_1": "address.line1",
    "address_line_2": "address.line2",
    "address_city": "address.city",
    "address_state": "address.region",
    "address_postal_code": "address.postalCode",
    "address_country_code": "address.country",
}
# the person fields an answer may echo: never the SSN, never the birth date
PUBLIC_PERSON = tuple(f for f in PERSON_FIELDS if f not in ("ssn_number", "birth_date"))


def nested_fields(provider_prefix: str, input_prefix: str) -> dict[str, str]:
    """PERSON_FIELDS of a nested person ("joint_member.ssn_number" -> "jointMember.ssn")."""
    return {f"{provider_prefix}.{k}": f"{input_prefix}.{v}" for k, v in PERSON_FIELDS.items()}


SECRET_KEYS = frozenset({"ssn_number"})


def _without_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_secrets(v) for k, v in value.items() if k not in SECRET_KEYS}
    if isinstance(value, list):
        return [_without_secrets(v) for v in value]
    return value


def dump(record: BaseModel) -> dict[str, Any]:
    """A provider record as the JSON-able data the idempotency store keeps: SecretStr
    fields come out masked, and an SSN a provider might echo (as an extra field, at
    any depth) is dropped."""
    data: dict[str, Any] = _without_secrets(record.model_dump(mode="json", by_alias=True))
    return data


def parse(model: type[M], data: Mapping[str, Any]) -> M:
    return model.model_validate(dict(data))


def address_json(address: AddressFields) -> dict[str, str | None]:
    return {
        "address_line_1": address.line1.strip(),
        "address_line_2": address.line2,
        "address_city": address.city.strip(),
        "address_state": address.region.strip().upper(),
        "address_postal_code": address.postal_code.strip(),
        "address_country_code": address.country.strip().upper(),
    }


def person_details(p: PersonFields) -> finos.PersonDetails:
    return finos.PersonDetails(
        first_name=p.first_name.strip(),
        last_name=p.last_name.strip(),
        email_address=p.email.strip(),
        birth_date=p.date_of_birth,
        ssn_number=SecretStr(digits(p.ssn)),
        phone_number=digits(p.phone) if p.phone else None,
        **address_json(p.address),
    )


def public_person(details: finos.PersonDetails) -> dict[str, Any]:
    """What a user or joint member may show of the person sent: no SSN, no birth date."""
    body = details.to_json()
    return {k: body[k] for k in PUBLIC_PERSON if body.get(k) is not None}


async def naming_ids(call: Callable[[], Awaitable[T]], ids: Mapping[str, str], fallback: str) -> T:
    """`call()`, with a 404 about one of `ids` (provider id -> provider field) turned
    into a refusal of that field: a userError on the input id, not a request error."""
    try:
        return await call()
    except ProviderNotFound as exc:
        field = next((f for i, f in ids.items() if i and i in exc.message), fallback)
        raise ProviderValidationError(
            exc.provider,
            exc.message,
            status=exc.status,
            field_errors=(FieldError(field, f"{exc.message}: check the id"),),
        ) from exc


def merged(sent: Mapping[str, Any], answer: Mapping[str, Any]) -> dict[str, Any]:
    """A short create answer completed with what was sent: the answer wins where it
    says something (not None)."""
    out = dict(sent)
    out.update({k: v for k, v in answer.items() if v is not None})
    return out


async def naming_leads(call: Callable[[], Awaitable[T]], *names: str) -> T:
    """`call()`, with a refusal whose message leads with one of `names` but that the
    client could not pin to a field ("answers.question_id 9 is not a question")
    pinned to it."""
    try:
        return await call()
    except ProviderValidationError as exc:
        pinned = tuple(
            FieldError(next((n for n in names if fe.message.startswith(n)), None), fe.message)
            if fe.field is None
            else fe
            for fe in exc.field_errors
        )
        if pinned == exc.field_errors:
            raise
        raise type(exc)(exc.provider, exc.message, status=exc.status, field_errors=pinned) from exc
