"""A static cost estimate per operation, and a per-caller budget over time.

The estimate is counted on the document before execution: every field costs 1,
times the sizes of the lists it sits in. A list's size is its `first`/`last`/
`limit` argument (a literal or a variable), else `default_list_size`. A
variable that is not a valid `Int` (32 bits) counts as `default_list_size`:
execution refuses it with a coded coercion error. The estimate is capped at
`MAX_ESTIMATE`, so the figure stays a number every JSON encoder can write. The
budget is a token bucket per caller: `budget` units, refilled evenly over
`window` seconds; an operation that does not fit is refused with the seconds
after which it would.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)

SIZE_ARGUMENTS = ("first", "last", "limit")
MAX_FRAGMENT_DEPTH = 50  # cycles are a validation error; this only bounds the walk
MAX_ESTIMATE = 2**31 - 1  # the ceiling of the figure: far past any sensible max_cost
INT32 = range(-(2**31), 2**31)  # GraphQL's Int


def estimate_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
    default_list_size: int = 20,
) -> int:
    """The cost of the operation that would run (the named one, or the only one)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return 0  # execution refuses it anyway
    operation = operations[0]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    root = schema.get_root_type(operation.operation)
    walker = _Walker(schema, fragments, dict(variables or {}), default_list_size)
    return min(walker.cost(operation.selection_set, root, 1, 0), MAX_ESTIMATE)


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
        default_list_size: int,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.default_list_size = default_list_size

    def cost(
        self,
        selections: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        multiplier: int,
        depth: int,
    ) -> int:
        if selections is None or depth > MAX_FRAGMENT_DEPTH:
            return 0
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, multiplier, depth)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                on = self.schema.get_type(condition.name.value) if condition else parent
                total += self.cost(selection.selection_set, on, multiplier, depth + 1)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    on = self.schema.get_type(fragment.type_condition.name.value)
                    total += self.cost(fragment.selection_set, on, multiplier, depth + 1)
        return total

    def _field(
        self, node: FieldNode, parent: GraphQLNamedType | None, multiplier: int, depth: int
    ) -> int:
        own = multiplier
        if node.selection_set is None:
            return own
        field_type: Any = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(node.name.value)
            field_type = definition.type if definition else None
        size = self._size(node, field_type, parent)
        named = get_named_type(field_type) if field_type is not None else None
        inner = min(multiplier * size, MAX_ESTIMATE)  # bounds the arithmetic, not only the figure
        return min(own + self.cost(node.selection_set, named, inner, depth + 1), MAX_ESTIMATE)

    def _size(self, node: FieldNode, field_type: Any, parent: GraphQLNamedType | None) -> int:
        if parent is not None and parent.name.endswith("Connection"):
            return 1  # edges/nodes: the connection's own size already counted them
        for argument in node.arguments or ():
            if argument.name.value in SIZE_ARGUMENTS:
                value = argument.value
                if isinstance(value, IntValueNode):
                    return max(1, int(value.value))
                if isinstance(value, VariableNode):
                    given = self.variables.get(value.name.value)
                    if isinstance(given, int) and not isinstance(given, bool) and given in INT32:
                        return max(1, given)
                return self.default_list_size
        inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
        if isinstance(inner, GraphQLList):
            return self.default_list_size
        named = get_named_type(field_type) if field_type is not None else None
        if named is not None and named.name.endswith("Connection"):
            return self.default_list_size
        return 1


class CostBudget:
    """Token buckets, one per caller, kept for the most recent `max_callers` callers."""

    def __init__(
        self,
        budget: int,
        window: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_callers: int = 100_000,
    ) -> None:
        self.budget = budget
        self.rate = budget / window  # units refilled per second
        self._clock = clock
        self._max_callers = max_callers
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def charge(self, caller: str, cost: int) -> int | None:
        """Spend `cost`; None when it fit, else the seconds until it would (Retry-After)."""
        now = self._clock()
        level, since = self._buckets.pop(caller, (float(self.budget), now))
        level = min(float(self.budget), level + (now - since) * self.rate)
        retry_after: int | None = None
        if cost > level:
            needed = min(cost, self.budget) - level
            retry_after = max(1, math.ceil(needed / self.rate))
        else:
            level -= cost
        self._buckets[caller] = (level, now)
        while len(self._buckets) > self._max_callers:
            self._buckets.popitem(last=False)
        return retry_after
