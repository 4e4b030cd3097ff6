"""Who may call a root field: declared on the field itself, checked by `schema.authz`.

Every root field states its access in its metadata, next to its description:

    @strawberry.field(description=..., metadata=access(LOANS_READ, filtered_at_source=True))

    declared                        caller has                   answer
    access(scope)                   "*" or the scope             resolved (borrowers: isolated)
    access(scope)                   neither                      FORBIDDEN on that field alone
    access(STAFF_ONLY)              staff (or anonymous) + "*"   resolved; anyone else FORBIDDEN
    nothing (a new field)           as STAFF_ONLY: deny by default

STAFF_ONLY marks a provider-wide operation (the Finos webhooks, which receive every
customer's events: no one's own): a borrower is refused it whatever their scopes,
"*" included; "*" never turns a borrower into staff. "Staff" is a staff caller or the
anonymous caller of auth mode `none` (the sandbox default, which is every scope).

`filtered_at_source=True` says the field's resolver itself keeps a borrower to their
own records (so pages, cursors and NOT_FOUND messages are exactly those of a missing
record); `schema.authz_guard` then checks only what is nested below it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .context import Caller
from .errors import GatewayError

ALL = "*"
STAFF_ONLY = "<staff only>"  # not a scope a token can hold: see check_access
OPERATOR_KINDS = frozenset({"staff", "anonymous"})
ACCESS_KEY = "fingate.access"

APPLICATIONS_READ = "applications:read"
APPLICATIONS_WRITE = "applications:write"
LOANS_READ = "loans:read"
LOANS_WRITE = "loans:write"
TRADING_READ = "trading:read"
TRADING_WRITE = "trading:write"
FUNDS_WRITE = "funds:write"
KYC_WRITE = "kyc:write"
PEOPLE_READ = "people:read"
PEOPLE_WRITE = "people:write"
QUOTES_READ = "quotes:read"

KNOWN_SCOPES = frozenset(
    {
        APPLICATIONS_READ,
        APPLICATIONS_WRITE,
        LOANS_READ,
        LOANS_WRITE,
        TRADING_READ,
        TRADING_WRITE,
        FUNDS_WRITE,
        KYC_WRITE,
        PEOPLE_READ,
        PEOPLE_WRITE,
        QUOTES_READ,
    }
)


class Forbidden(GatewayError):
    code = "FORBIDDEN"


@dataclass(frozen=True)
class Access:
    """A root field's rule: the scope it needs, and whether it isolates at its source."""

    scope: str
    filtered_at_source: bool = False


DENY_BY_DEFAULT = Access(STAFF_ONLY)


def access(scope: str, *, filtered_at_source: bool = False) -> dict[str, Any]:
    """`strawberry.field(metadata=access(...))`; combine with `upstream(...)` by `|`."""
    return {ACCESS_KEY: Access(scope, filtered_at_source)}


def declared_access(field: Any) -> Access:
    """A strawberry field's declared access; DENY_BY_DEFAULT when it declares none."""
    metadata: Mapping[str, Any] = getattr(field, "metadata", None) or {}
    found = metadata.get(ACCESS_KEY)
    return found if isinstance(found, Access) else DENY_BY_DEFAULT


def is_staff_only(scope: str) -> bool:
    return scope == STAFF_ONLY


def may(caller: Caller, scope: str) -> bool:
    if is_staff_only(scope):
        return caller.kind in OPERATOR_KINDS and ALL in caller.scopes
    return ALL in caller.scopes or scope in caller.scopes


def check_access(caller: Caller, root_type: str, field_name: str, rule: Access) -> None:
    """Forbidden unless the caller holds the field's scope (or "*"); a staff-only field
    also needs a staff caller, whatever a borrower holds."""
    if may(caller, rule.scope):
        return
    if is_staff_only(rule.scope):
        raise Forbidden(
            f"{root_type}.{field_name} is a provider-wide operation: staff only.",
            field=field_name,
        )
    raise Forbidden(
        f"{root_type}.{field_name} needs the scope {rule.scope!r}.",
        field=field_name,
        scope=rule.scope,
    )


def root_access(schema: Any) -> dict[str, dict[str, Access]]:
    """Per root type ("Query", "Mutation"), each field's declared access: what a review
    or a test reads instead of a table."""
    found: dict[str, dict[str, Access]] = {}
    names = schema.config.name_converter
    for root in ("Query", "Mutation"):
        definition = schema.get_type_by_name(root)
        if definition is None:
            continue
        found[root] = {
            names.get_graphql_name(field): declared_access(field) for field in definition.fields
        }
    return found
