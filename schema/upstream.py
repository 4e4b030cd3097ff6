"""How many upstream calls a field can cause: declared next to the field, read by the
gateway's static cost estimate (gateway.security.cost) before an operation runs.

A field's figure is per resolution (per parent object):

    calls      calls its resolver can make once, whatever it returns
    per_item   calls per element of the list it returns (a list field's size is its
               `first`, the length of its list argument, or the default list size)
    per_id     for fields taking global ids (`node`, `nodes`): the calls one id can
               cost, from the type and provider the id names

A field without a declaration follows the rule the estimate applies to every field:
a plain attribute or a synchronous resolver reads the record it has (0 calls), an
async resolver may call out (1 call; 1 more per element if it returns a plain list).
A declaration is a bound, not a guess: it counts calls without batching (batching
only makes fewer), each provider of a merged list once per page it can read, and
no retry (retries are bounded by the resilience retry budget, not by the operation).

What the estimate does not count: a shared reference-cache fill (people indexes,
teams, promo programs): it is made once per cache TTL for all callers together,
is bounded by `cache.*` settings, and is not charged to the caller that triggers it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

UPSTREAM_KEY = "fingate.upstream_calls"
# The FinanceIt catalogue (promo programs, subverticals): the partners list, then one
# read per vertical the partners offer (LoanVertical has 5 values).
CATALOG_CALLS = 1 + 5


@dataclass(frozen=True)
class UpstreamCalls:
    calls: int = 1
    per_item: int = 0
    per_id: Callable[[str], int] | None = None


def upstream(
    calls: int = 1, *, per_item: int = 0, per_id: Callable[[str], int] | None = None
) -> dict[str, Any]:
    """`strawberry.field(metadata=upstream(...))`: the field's declared figure."""
    return {UPSTREAM_KEY: UpstreamCalls(calls=calls, per_item=per_item, per_id=per_id)}


def declared(field: Any) -> UpstreamCalls | None:
    """A strawberry field's declaration, or None."""
    metadata = getattr(field, "metadata", None) or {}
    found = metadata.get(UPSTREAM_KEY)
    return found if isinstance(found, UpstreamCalls) else None


def default_for(field: Any, returns_plain_list: bool) -> UpstreamCalls:
    """The rule for a field that declares nothing (see the module docstring)."""
    resolver = getattr(field, "base_resolver", None)
    if resolver is None or not resolver.is_async:
        return UpstreamCalls(calls=0)
    return UpstreamCalls(calls=1, per_item=1 if returns_plain_list else 0)
