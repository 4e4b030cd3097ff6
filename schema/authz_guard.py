"""Data isolation for borrower callers, applied to every field by `Authorization`.

Root lists and by-id root fields filter at their source (so pages, cursors and
NOT_FOUND messages stay exactly those of a missing record: FILTERED_AT_SOURCE);
this guard is the generic net behind them, for every other field, nested or not:

- a field whose value is someone else's record (schema.authz_owner) answers
  NOT_FOUND, with the message `node(id)` gives for an id that does not exist;
  a co-party is the exception: `Application.borrowers` (a co-applicant on the
  caller's own application), `Account.owner` (the other holder of a joint
  account) and `Loan.borrower` are people on a record the caller may see;
- a list or connection drops others' records (reached only through a
  co-party's links, e.g. a co-applicant's other applications: such a page may
  come out shorter than `first`, its cursors stay valid);
- a mutation is refused with NOT_FOUND before it runs when its `input` names,
  by global id in any `...Id` / `...Ids` field, a record the caller may not see;
- a mutation that names a person by email (createUser, createApplication,
  sendDirectInvite...) is refused with FORBIDDEN when the email is not the
  caller's: a borrower acts for themselves. Adding a co-applicant to one's own
  application (CO_PARTY_MUTATIONS) is the exception.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import Any, cast

from graphql import GraphQLResolveInfo

from .authz import Forbidden
from .authz_owner import is_personal, type_name, visible
from .borrower import normalize_email
from .context import Info
from .errors import NotFound
from .ids import InvalidId, from_global_id
from .relay import Connection

CO_PARTY_PARENTS = frozenset({"Application", "Account", "Loan"})
# Mutations whose input may name another person: a co-applicant on the caller's own
# application (which check_input_ids has already shown to be the caller's).
CO_PARTY_MUTATIONS = frozenset({"addApplicant", "updateApplicant", "replaceApplicant"})

# Query root fields that filter for borrowers where they read (schema.authz_owner
# rules, same NOT_FOUND as a missing id): checking their value again would only
# repeat reads. A root field not named here (a new one) is checked by this guard.
FILTERED_AT_SOURCE = frozenset(
    {
        "node",
        "nodes",
        "borrowers",
        "borrower",
        "applications",
        "application",
        "loans",
        "loan",
        "loanByLeadId",
        "accounts",
        "account",
        "orders",
        "order",
        "rollover",
    }
)


def not_found(global_id: object) -> NotFound:
    return NotFound(f"No object has the id {global_id!r}.")


def _strings_under(value: Any, wanted: Callable[[str], bool], key: str = "") -> Iterator[str]:
    """Every string under a key `wanted` accepts, at any depth of an input object."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            yield from _strings_under(v, wanted, str(k))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings_under(item, wanted, key)
    elif isinstance(value, str) and wanted(key):
        yield value


def _is_id_key(key: str) -> bool:
    return key.endswith(("Id", "Ids")) or key == "id"


def _is_email_key(key: str) -> bool:
    return "email" in key.lower()


def check_input_emails(info: Info, mutation: str, arguments: Mapping[str, Any]) -> None:
    """FORBIDDEN when a borrower's mutation names someone else by email."""
    if mutation in CO_PARTY_MUTATIONS:
        return
    own = normalize_email(info.context.caller.email)
    for email in _strings_under(dict(arguments), _is_email_key):
        if normalize_email(email) != own:
            raise Forbidden(
                f"{mutation} names {email!r}: a borrower may act only for their own email.",
                field="email",
            )


async def check_input_ids(info: Info, arguments: Mapping[str, Any]) -> None:
    """NOT_FOUND for the first global id in the arguments the caller may not see."""
    from .node import node_loaders, resolve_node

    loadable = node_loaders()
    for value in _strings_under(dict(arguments), _is_id_key):
        try:
            gid = from_global_id(value)
        except InvalidId:
            continue  # not a global id (a provider's own id): the mutation checks it
        if (gid.type_name, gid.provider) not in loadable:
            continue
        if await resolve_node(info, value) is None:
            raise not_found(value)


async def _checked(value: Any, info: Info, parent: Any) -> Any:
    if inspect.isawaitable(value):
        value = await value
    if isinstance(value, Connection):
        edges = [e for e in value.edges if await visible(info, e.node)]
        if len(edges) != len(value.edges):
            value = Connection(edges=edges, page_info=value.page_info)
        return value
    if isinstance(value, list):
        return [v for v in value if not is_personal(v) or await _allowed(info, v, parent)]
    if is_personal(value) and not await _allowed(info, value, parent):
        raise not_found(getattr(value, "id", None))
    return value


async def _allowed(info: Info, value: Any, parent: Any) -> bool:
    if type_name(value) == "Borrower" and type_name(parent) in CO_PARTY_PARENTS:
        return True  # a co-party on a record the caller may see
    return await visible(info, value)


async def _mutation(
    _next: Callable[..., Any],
    root: Any,
    info: GraphQLResolveInfo[Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    check_input_emails(cast("Info", info), info.field_name, kwargs)
    await check_input_ids(cast("Info", info), kwargs)
    return await _checked(_next(root, info, *args, **kwargs), cast("Info", info), root)


def guard_field(
    _next: Callable[..., Any],
    root: Any,
    info: GraphQLResolveInfo[Any],
    at_root: bool,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    """The field's value as a borrower caller may see it (an awaitable when a check reads)."""
    if at_root and info.parent_type.name == "Mutation":
        return _mutation(_next, root, info, args, kwargs)
    value = _next(root, info, *args, **kwargs)
    if at_root and info.field_name in FILTERED_AT_SOURCE:
        return value  # checked where it is read; its nested fields are guarded here
    if info.field_name == "node" and info.parent_type.name.endswith("Edge"):
        return value  # its connection was filtered whole (at its source, or by _checked)
    if inspect.isawaitable(value) or isinstance(value, Connection | list) or is_personal(value):
        return _checked(value, cast("Info", info), root)
    return value
