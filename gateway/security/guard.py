"""What the GraphQL endpoint checks around each operation: who the caller is,
which document runs (persisted operations), and what it may cost."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, parse, validate
from graphql.validation import specified_rules
from starlette.requests import Request
from strawberry.types import ExecutionResult

from schema.context import Caller

from .auth import Authenticator, single_credential
from .config import LimitsConfig
from .cost import CostBudget, estimate
from .errors import BudgetExceeded
from .persisted import PersistedOperations

NO_SCOPES = Caller(id="anonymous", kind="anonymous", scopes=frozenset())


@dataclass
class Guard:
    """Per app. Validity of documents is remembered (256 most recent) so a document is
    validated here once, not on every request."""

    authenticator: Authenticator
    persisted: PersistedOperations
    limits: LimitsConfig
    budget: CostBudget | None
    rules: tuple[type[ASTValidationRule], ...] = ()  # the schema's own, beyond the standard
    _validity: dict[str, bool] = field(default_factory=dict)

    async def caller(self, request: Request, *, ide: bool) -> Caller:
        """The authenticated caller. The GraphiQL page itself runs nothing: it is served
        to anyone (when enabled) with no scopes."""
        if ide and _is_ide_request(request):
            return NO_SCOPES
        single_credential(request.headers, self.authenticator.scheme)
        return await self.authenticator.authenticate(request.headers)

    def check_cost(
        self,
        schema: GraphQLSchema,
        caller: Caller,
        client: str,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any] | None,
    ) -> ExecutionResult | None:
        """None if the operation may run; else the refusal to answer with.
        Raises BudgetExceeded when the caller's budget cannot pay for it now."""
        document = _parse(query, self.limits.max_tokens)
        if document is None or not self._valid(schema, query, document):
            return None  # a syntax or validation error: execution reports it, costs nothing
        figures = estimate(
            schema,
            document,
            operation_name=operation_name,
            variables=variables,
            default_list_size=self.limits.default_list_size,
        )
        cost = figures.cost
        if figures.upstream_calls > self.limits.max_upstream_calls:
            return refusal(
                f"Operation could make {figures.upstream_calls} provider calls, more than the "
                f"{self.limits.max_upstream_calls} allowed; ask for fewer items or fewer "
                "nested lists",
                "OPERATION_TOO_EXPENSIVE",
                upstreamCalls=figures.upstream_calls,
                maxUpstreamCalls=self.limits.max_upstream_calls,
            )
        if cost > self.limits.max_cost:
            return refusal(
                f"Operation cost {cost} exceeds the limit of {self.limits.max_cost}; "
                "ask for fewer items with first/limit",
                "OPERATION_TOO_EXPENSIVE",
                cost=cost,
                maxCost=self.limits.max_cost,
            )
        if self.budget is not None:
            retry_after = self.budget.charge(caller_key(caller, client), cost)
            if retry_after is not None:
                raise BudgetExceeded(retry_after)
        return None

    def _valid(self, schema: GraphQLSchema, query: str, document: DocumentNode) -> bool:
        known = self._validity.get(query)
        if known is None:
            rules = (*specified_rules, *self.rules)
            known = not validate(schema, document, rules)
            if len(self._validity) >= 256:
                self._validity.pop(next(iter(self._validity)))
            self._validity[query] = known
        return known


def caller_key(caller: Caller, client: str) -> str:
    """Who pays for an operation: the token subject or API key id, else the client address."""
    who = caller.id if caller.kind != "anonymous" else f"anonymous@{client}"
    return f"{caller.kind}:{who}"


def refusal(message: str, code: str, **extensions: Any) -> ExecutionResult:
    return ExecutionResult(
        data=None, errors=[GraphQLError(message, extensions={"code": code, **extensions})]
    )


@functools.lru_cache(maxsize=256)
def _parse(query: str, max_tokens: int) -> DocumentNode | None:
    try:
        return parse(query, max_tokens=max_tokens)
    except GraphQLError:
        return None


def _is_ide_request(request: Request) -> bool:
    """Strawberry's own test for "render the GraphiQL page" (http/base.py)."""
    accept = request.headers.get("accept", "")
    return (
        request.method == "GET"
        and request.query_params.get("query") is None
        and any(kind in accept for kind in ("text/html", "*/*"))
    )
