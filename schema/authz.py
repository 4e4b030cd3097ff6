"""Authorization, enforced in one place: each root field's declared access
(schema.access), then, for a borrower caller, data isolation (schema.authz_guard).

`Authorization` is the one schema extension that does it. A refused root field is a
field error (graphql-core nulls that field; every other root field still answers).
For a borrower caller every field then passes through `schema.authz_guard`, which
keeps their data isolated. The sandbox default caller (anonymous, "*") passes through
with no extra work and no upstream call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import GraphQLResolveInfo
from strawberry.extensions import SchemaExtension

from .access import check_access, declared_access
from .authz_guard import guard_field
from .context import Caller, Context


class Authorization(SchemaExtension):
    """Each root field's declared access for every caller; isolation for borrowers."""

    def resolve(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: GraphQLResolveInfo[Any],
        *args: str,
        **kwargs: Any,
    ) -> Any:
        context = info.context
        caller: Caller = context.caller if isinstance(context, Context) else Caller()
        at_root = info.path.prev is None
        filtered_at_source = False
        if at_root and not info.field_name.startswith("__"):
            field = info.parent_type.fields[info.field_name]
            rule = declared_access(field.extensions.get("strawberry-definition"))
            check_access(caller, info.parent_type.name, info.field_name, rule)
            filtered_at_source = rule.filtered_at_source
        if caller.kind != "borrower":
            return _next(root, info, *args, **kwargs)
        return guard_field(_next, root, info, at_root, filtered_at_source, args, kwargs)
