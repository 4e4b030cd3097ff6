"""Every reference in a mutation's input, checked for a borrower caller before it runs.

Input fields declare what they name and whose it must be (schema.refs: a Node
type's own rule, or the owner rule declared with a provider value); this module
reads those declarations off the GraphQL input types and applies them:

    kind                    a borrower may name it when                       else
    Application, Borrower,  it is a global id of a record they may see         NOT_FOUND
    Account, Order, Loan,   (schema.authz_owner, through node loading); not
    BankAccount             a global id at all is NOT_FOUND too
    Team, Broker, Partner,  always: reference data                             -
    PromoProgram, Portfolio
    KycCheck (kycToken)     it is the KYC token of one of their Finos users    NOT_FOUND
    Lead (leadId)           it is the lead of one of their own loans          NOT_FOUND
    Person (email)          it is their email (a co-applicant on their own     FORBIDDEN
                            application: CoApplicantEmailRef, co_party)
    Webhook                 never (provider-wide: staff only, schema.authz)    NOT_FOUND
    Opaque (JSON)           no key names a record (id, ids, token, lead), and  FORBIDDEN
                            an email key holds their email

NOT_FOUND carries the message of an id that does not exist. `check_references`
runs every check before the mutation's resolver, so a refused write reaches no
provider (the checks only read, through the request's dataloaders).
`undeclared` lists the input fields that look like references but declare
nothing: tests/schema/test_authz_refs.py fails on any.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLScalarType,
)

from resolvers.people import normalize_email

from .access import Forbidden
from .authz_owner import caller_email
from .common import Node
from .context import Info
from .errors import NotFound
from .ids import InvalidId, from_global_id
from .node import resolve_node, resolves
from .refs import Declaration, NotRef, Opaque, Ref

# the gateway's own key for one client intent: never a provider record
EXEMPT_FIELDS = frozenset({"idempotency_key"})
# a name part that says "this names something": user_id, kyc_token, lead_id, emails...
REFERENCE_WORDS = frozenset({"id", "ids", "token", "tokens", "number"})
# in a JSON object passed as is: a key with one of these words names a record
JSON_REFERENCE_WORDS = frozenset({"id", "ids", "token", "tokens", "lead", "leads", "ref"})


def _words(name: str) -> list[str]:
    """userId, user_id -> ["user", "id"]."""
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower().split("_")


def not_found(value: object) -> NotFound:
    return NotFound(f"No object has the id {value!r}.")


# declarations ----------------------------------------------------------------------------


def _declared(hint: object) -> Declaration | None:
    """The schema.refs marker anywhere in a type hint (Optional, list, Annotated)."""
    if typing.get_origin(hint) is typing.Annotated:
        for item in typing.get_args(hint)[1:]:
            if isinstance(item, Ref | Opaque | NotRef):
                return item
    for arg in typing.get_args(hint):
        found = _declared(arg)
        if found is not None:
            return found
    return None


@functools.cache
def declarations(input_type: GraphQLInputObjectType) -> Mapping[str, Declaration | None]:
    """GraphQL field name -> its declaration (None: declares nothing)."""
    definition = input_type.extensions.get("strawberry-definition")
    origin = getattr(definition, "origin", None)
    hints = typing.get_type_hints(origin, include_extras=True) if origin else {}
    found: dict[str, Declaration | None] = {}
    for name, field in input_type.fields.items():
        python = getattr(field.extensions.get("strawberry-definition"), "python_name", name)
        found[name] = _declared(hints.get(python))
    return found


def _named(type_: GraphQLInputType) -> GraphQLNamedType:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return typing.cast("GraphQLNamedType", type_)


def _python_name(input_type: GraphQLInputObjectType, name: str) -> str:
    field = input_type.fields[name]
    return str(getattr(field.extensions.get("strawberry-definition"), "python_name", name))


def looks_like_reference(input_type: GraphQLInputObjectType, name: str) -> bool:
    """A field that can name a record: an ID or JSON, or named like one (userId, kycToken,
    leadId, an email...), whatever its type."""
    python = _python_name(input_type, name)
    if python in EXEMPT_FIELDS:
        return False
    named = _named(input_type.fields[name].type)
    if isinstance(named, GraphQLScalarType) and named.name in ("ID", "JSON"):
        return True
    return "email" in python.lower() or _words(python)[-1] in REFERENCE_WORDS


def input_types(field: GraphQLField) -> Iterator[GraphQLInputObjectType]:
    """Every input object type a root field's arguments can hold, each once."""
    seen: set[str] = set()
    pending = [_named(arg.type) for arg in field.args.values()]
    while pending:
        named = pending.pop()
        if not isinstance(named, GraphQLInputObjectType) or named.name in seen:
            continue
        seen.add(named.name)
        yield named
        pending.extend(_named(f.type) for f in named.fields.values())


def undeclared(field: GraphQLField) -> list[str]:
    """`Type.field` for each input field that looks like a reference but declares nothing."""
    return [
        f"{t.name}.{name}"
        for t in input_types(field)
        for name in t.fields
        if looks_like_reference(t, name) and declarations(t)[name] is None
    ]


# values ------------------------------------------------------------------------------------


def references(
    type_: GraphQLInputType, value: Any, path: str = ""
) -> Iterator[tuple[str, Ref | Opaque, Any]]:
    """(input path, declaration, value) for every declared value given, at any depth."""
    if value is None:
        return
    if isinstance(type_, GraphQLNonNull):
        yield from references(type_.of_type, value, path)
    elif isinstance(type_, GraphQLList):
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            yield from references(type_.of_type, item, f"{path}.{index}")
    elif isinstance(type_, GraphQLInputObjectType) and isinstance(value, Mapping):
        declared = declarations(type_)
        for name, field in type_.fields.items():
            if name not in value:
                continue
            at = f"{path}.{name}" if path else name
            if isinstance(_named(field.type), GraphQLInputObjectType):
                yield from references(field.type, value[name], at)
                continue
            declaration = declared[name]
            if isinstance(declaration, Ref | Opaque):
                yield from _leaves(declaration, value[name], at)


def _leaves(
    declaration: Ref | Opaque, value: Any, path: str
) -> Iterator[tuple[str, Ref | Opaque, Any]]:
    if isinstance(value, list) and isinstance(declaration, Ref):
        for index, item in enumerate(value):
            yield from _leaves(declaration, item, f"{path}.{index}")
    elif value is not None:
        yield path, declaration, value


# rules -------------------------------------------------------------------------------------


async def _owned(info: Info, declaration: Ref, value: Any) -> bool:
    """A provider value: its declared rule. A global id: its type's own rule (reference
    data: anyone; a record: only one the caller may see, read as `node(id)` would)."""
    if declaration.owned is not None:
        return await declaration.owned(info, value)
    try:
        gid = from_global_id(str(value))
    except InvalidId:
        return False  # not an id this API issued: nothing the caller may name
    node_type = Node.type_named(gid.type_name)
    if node_type is not None and node_type.PUBLIC:
        return True
    if not resolves(gid.type_name, gid.provider):
        return False
    return await resolve_node(info, str(value)) is not None


def _check_email(info: Info, mutation: str, value: Any, path: str) -> None:
    if not isinstance(value, str) or normalize_email(value) != caller_email(info):
        raise Forbidden(
            f"{mutation} names {value!r}: a borrower may act only for their own email.",
            field=path,
        )


def _check_opaque(info: Info, mutation: str, value: Any, path: str) -> None:
    """A JSON value: an email key holds the caller's email, no key names a record."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            at = f"{path}.{key}"
            if "email" in str(key).lower():
                _check_email(info, mutation, item, at)
            elif JSON_REFERENCE_WORDS & set(_words(str(key))):
                raise Forbidden(
                    f"{at} may not name a record: use the input's own fields.", field=at
                )
            else:
                _check_opaque(info, mutation, item, at)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_opaque(info, mutation, item, f"{path}.{index}")


async def check_references(
    info: Info, mutation: str, field: GraphQLField, arguments: Mapping[str, Any]
) -> None:
    """NOT_FOUND or FORBIDDEN for the first reference a borrower may not name."""
    for name, argument in field.args.items():
        for path, declaration, value in references(argument.type, arguments.get(name)):
            if isinstance(declaration, Opaque):
                _check_opaque(info, mutation, value, path)
            elif declaration.kind == "Person":
                if not declaration.co_party:
                    _check_email(info, mutation, value, path)
            elif not await _owned(info, declaration, value):
                raise not_found(value)


__all__ = [
    "check_references",
    "declarations",
    "input_types",
    "looks_like_reference",
    "references",
    "undeclared",
]
