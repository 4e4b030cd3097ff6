"""A static estimate per operation, and a per-caller budget over time.

The estimate is counted on the document before execution, in two figures. Its cost:
every field costs 1, times the sizes of the lists it sits in. Its upstream calls:
what each field's resolver can call (schema.upstream), times the same sizes. A
list's size is its `first`/`last`/`limit` argument (a literal or a variable), else
the length of its list argument (`nodes(ids)`: len(ids)), else `default_list_size`. A
variable that is not a valid `Int` (32 bits) counts as `default_list_size`: execution
refuses it with a coded coercion error. Both figures are capped at `MAX_ESTIMATE`, so
they stay numbers every JSON encoder can write. Introspection (`__schema`, `__type`)
counts nothing: it answers from the schema in memory, its size is the schema's and no
argument of a client's makes it grow, so GraphiQL, codegen and `gql` can fetch the
schema under the default limit (the depth, alias and token limits still bound it, and
where introspection is off the schema refuses it). The
budget is a token bucket per caller: `budget` units, refilled evenly over
`window` seconds; an operation that does not fit is refused with the seconds
after which it would.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast_untyped,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter

from resolvers.resilience import SharedBuckets
from schema.upstream import declared, default_for

STRAWBERRY_DEFINITION = GraphQLCoreConverter.DEFINITION_BACKREF

SIZE_ARGUMENTS = ("first", "last", "limit")
MAX_FRAGMENT_DEPTH = 50  # cycles are a validation error; this only bounds the walk
MAX_SIZE = 1_000_000  # a larger `first` is refused by its field; this keeps figures small
MAX_ESTIMATE = 2**31 - 1  # the ceiling of both figures: far past any sensible limit
INT32 = range(-(2**31), 2**31)  # GraphQL's Int


@dataclass(frozen=True)
class Estimate:
    """`cost`: fields times the sizes of the lists they sit in. `upstream_calls`: the most
    provider calls the operation can cause (schema.upstream says how a field counts)."""

    cost: int
    upstream_calls: int


def estimate(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
    default_list_size: int = 20,
) -> Estimate:
    """The estimate of the operation that would run (the named one, or the only one)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return Estimate(0, 0)  # execution refuses it anyway
    operation = operations[0]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    root = schema.get_root_type(operation.operation)
    walker = _Walker(schema, fragments, dict(variables or {}), default_list_size)
    cost, calls = walker.walk(operation.selection_set, root, 1, 0)
    return Estimate(min(cost, MAX_ESTIMATE), min(calls, MAX_ESTIMATE))


def estimate_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
    default_list_size: int = 20,
) -> int:
    """The cost of the operation that would run (the named one, or the only one)."""
    return estimate(
        schema,
        document,
        operation_name=operation_name,
        variables=variables,
        default_list_size=default_list_size,
    ).cost


INTROSPECTION = frozenset({"__schema", "__type"})


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

    def walk(
        self,
        selections: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        multiplier: int,
        depth: int,
    ) -> tuple[int, int]:
        """(cost, upstream calls) of a selection set under `multiplier` parents."""
        if selections is None or depth > MAX_FRAGMENT_DEPTH:
            return 0, 0
        cost = calls = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value in INTROSPECTION:
                    continue  # answered from the schema in memory (module docstring)
                more = self._field(selection, parent, multiplier, depth)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                on = self.schema.get_type(condition.name.value) if condition else parent
                more = self.walk(selection.selection_set, on, multiplier, depth + 1)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is None:
                    continue
                on = self.schema.get_type(fragment.type_condition.name.value)
                more = self.walk(fragment.selection_set, on, multiplier, depth + 1)
            else:  # pragma: no cover - graphql-core has no other selection kind
                continue
            cost += more[0]
            calls += more[1]
        return cost, calls

    def _field(
        self, node: FieldNode, parent: GraphQLNamedType | None, multiplier: int, depth: int
    ) -> tuple[int, int]:
        definition = self._definition(node, parent)
        field_type: Any = definition.type if definition is not None else None
        arguments = self._arguments(node)
        size = self._size(node, field_type, parent, arguments)
        calls = multiplier * self._calls(definition, field_type, size, arguments)
        if node.selection_set is None:
            return multiplier, calls
        named = get_named_type(field_type) if field_type is not None else None
        inner = min(multiplier * size, MAX_ESTIMATE)  # bounds the arithmetic, not only the figure
        cost, below = self.walk(node.selection_set, named, inner, depth + 1)
        return min(multiplier + cost, MAX_ESTIMATE), min(calls + below, MAX_ESTIMATE)

    def _definition(self, node: FieldNode, parent: GraphQLNamedType | None) -> Any:
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return parent.fields.get(node.name.value)
        return None

    def _calls(self, definition: Any, field_type: Any, size: int, arguments: dict[str, Any]) -> int:
        """Upstream calls of one resolution of the field (see schema.upstream)."""
        if definition is None:
            return 0  # __typename, or an interface field: the concrete type's own
        strawberry_field = definition.extensions.get(STRAWBERRY_DEFINITION)
        rule = declared(strawberry_field) or default_for(
            strawberry_field, _is_plain_list(field_type)
        )
        total = rule.calls + rule.per_item * size
        if rule.per_id is not None:
            ids = [i for value in arguments.values() for i in _strings(value)]
            total += sum(rule.per_id(i) for i in ids)
        return total

    def _arguments(self, node: FieldNode) -> dict[str, Any]:
        """The field's argument values, variables substituted (None where unknown)."""
        found: dict[str, Any] = {}
        for argument in node.arguments or ():
            try:
                found[argument.name.value] = value_from_ast_untyped(argument.value, self.variables)
            except (TypeError, ValueError):  # an invalid literal: execution reports it
                found[argument.name.value] = None
        return found

    def _size(
        self,
        node: FieldNode,
        field_type: Any,
        parent: GraphQLNamedType | None,
        arguments: dict[str, Any],
    ) -> int:
        if parent is not None and parent.name.endswith("Connection"):
            return 1  # edges/nodes: the connection's own size already counted them
        for argument in node.arguments or ():
            if argument.name.value in SIZE_ARGUMENTS:
                given = arguments.get(argument.name.value)
                if isinstance(given, int) and not isinstance(given, bool) and given in INT32:
                    return min(MAX_SIZE, max(1, given))
                return self.default_list_size
        inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
        if isinstance(inner, GraphQLList):
            # a list asked for by a list argument (`nodes(ids)`, `stockQuotes(symbols)`)
            # has that many elements
            lengths = [len(v) for v in arguments.values() if isinstance(v, list)]
            return min(MAX_SIZE, max(1, *lengths)) if lengths else self.default_list_size
        named = get_named_type(field_type) if field_type is not None else None
        if named is not None and named.name.endswith("Connection"):
            return self.default_list_size
        return 1


def _is_plain_list(field_type: Any) -> bool:
    inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    return isinstance(inner, GraphQLList)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


class CostBudget:
    """Token buckets, one per caller, kept for the most recent `max_callers` callers
    (in this process), or in the workers' `SharedBuckets` when several serve together."""

    def __init__(
        self,
        budget: int,
        window: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_callers: int = 100_000,
        shared: SharedBuckets | None = None,
    ) -> None:
        self._shared = shared
        self.budget = budget
        self.rate = budget / window  # units refilled per second
        self._clock = clock
        self._max_callers = max_callers
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def charge(self, caller: str, cost: int) -> int | None:
        """Spend `cost`; None when it fit, else the seconds until it would (Retry-After)."""
        if self._shared is not None:
            draw = self._shared.take(f"cost:{caller}", float(self.budget), self.rate, cost)
            return None if draw.granted else max(1, math.ceil(draw.wait))
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
