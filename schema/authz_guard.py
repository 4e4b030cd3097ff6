"""Data isolation for borrower callers, applied to every field by `Authorization`.

Root lists and by-id root fields filter at their source (so pages, cursors and
NOT_FOUND messages stay exactly those of a missing record: they declare
`access(..., filtered_at_source=True)`, schema.access);
this guard is the generic net behind them, for every other field, nested or not:

- a field whose value is someone else's record (schema.authz_owner) answers
  NOT_FOUND, with the message `node(id)` gives for an id that does not exist;
  a co-party is the exception: a Borrower under a type that declares
  `CO_PARTY_PARENT = True` (`Application.borrowers` and `MortgageApplicant.borrower`:
  a co-applicant on the caller's own application; `Account.owner`: the other holder
  of a joint account; `Loan.borrower`) is a person on a record the caller may see;
- a list or connection drops others' records (reached only through a
  co-party's links, e.g. a co-applicant's other applications: such a page may
  come out shorter than `first`, its cursors stay valid);
- a mutation is refused before it runs when its input names a record the caller
  may not see, or a person who is not the caller: every reference is declared on
  its input field's type (schema.refs) and checked by schema.authz_refs, with no
  provider write before the checks pass.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLResolveInfo

from .authz_owner import is_personal, type_name, visible
from .authz_refs import check_references
from .context import Info
from .errors import NotFound
from .relay import Connection


def not_found(global_id: object) -> NotFound:
    return NotFound(f"No object has the id {global_id!r}.")


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
    if type_name(value) == "Borrower" and getattr(parent, "CO_PARTY_PARENT", False):
        return True  # a co-party on a record the caller may see (the parent type says so)
    return await visible(info, value)


async def _mutation(
    _next: Callable[..., Any],
    root: Any,
    info: GraphQLResolveInfo[Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    field = info.parent_type.fields[info.field_name]
    await check_references(as_info(info), info.field_name, field, kwargs)
    return await _checked(_next(root, info, *args, **kwargs), as_info(info), root)


def guard_field(
    _next: Callable[..., Any],
    root: Any,
    info: GraphQLResolveInfo[Any],
    at_root: bool,
    filtered_at_source: bool,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    """The field's value as a borrower caller may see it (an awaitable when a check reads)."""
    if at_root and info.parent_type.name == "Mutation":
        return _mutation(_next, root, info, args, kwargs)
    value = _next(root, info, *args, **kwargs)
    if at_root and filtered_at_source:
        return value  # checked where it is read; its nested fields are guarded here
    if info.field_name == "node" and info.parent_type.name.endswith("Edge"):
        return value  # its connection was filtered whole (at its source, or by _checked)
    if inspect.isawaitable(value) or isinstance(value, Connection | list) or is_personal(value):
        return _checked(value, as_info(info), root)
    return value


def as_info(info: GraphQLResolveInfo[Any]) -> Info:
    """The strawberry Info a resolver of this field gets (the checks read through it)."""
    field = info.parent_type.fields[info.field_name].extensions["strawberry-definition"]
    return strawberry.Info(_raw_info=info, _field=field)
