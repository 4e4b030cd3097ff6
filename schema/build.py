"""Assembling the Schema object: root types, extensions, configuration."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import GraphQLError
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.exceptions import MissingQueryError
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.tools import merge_types
from strawberry.types import ExecutionResult

from .authz import Authorization
from .borrower import BorrowerLinks
from .brokerage.links import accounts_of_borrower
from .brokerage.mutations import BrokerageMutation
from .brokerage.query import BrokerageQuery
from .common import Node
from .core_query import CoreQuery
from .errors import ErrorBoundary, escaped, log_errors
from .loans.links import loans_of_borrower
from .loans.mutations import LoansMutation
from .loans.query import LoansQuery
from .mortgages.links import applications_of_borrower
from .mortgages.mutations import MortgagesMutation
from .mortgages.query import MortgagesQuery
from .people import borrower_by_id, profiles_of


@dataclass(frozen=True)
class SchemaOptions:
    """Production switches and operation limits (issue: security), cache sizes.

    The defaults suit tests and `fingate schema`; the gateway passes its settings'
    safe limits. None switches a limit off."""

    field_suggestions: bool = True
    introspection: bool = True
    max_depth: int | None = None
    max_aliases: int | None = None
    max_tokens: int | None = None
    max_batch_operations: int = 0  # operations in one batched HTTP request; 0: no batching
    validation_rules: tuple[type[ASTValidationRule], ...] = ()  # extra rules (root fields...)
    parser_cache_size: int = 256
    validation_cache_size: int = 256


# what Borrower's cross-domain fields call (schema.borrower.BorrowerLinks)
BORROWER_LINKS = BorrowerLinks(
    profiles=profiles_of,
    by_id=borrower_by_id,
    applications=applications_of_borrower,
    loans=loans_of_borrower,
    accounts=accounts_of_borrower,
)


class ReleasingExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's executor holds `async_helpers`, bound methods of itself: a reference
    cycle per operation, and hanging from it everything the operation built and loaded
    (the request context, the loaders and their results, the response data). Reference
    counting cannot free that; it waited for a garbage collection, which at 200
    concurrent requests traversed it again and again while it lived
    (bench/results/2026-12-04-gc.md). Once the response is built the helpers have done
    their work (no incremental delivery here), so they are dropped and the operation is
    freed when its last reference goes (tests/schema/test_no_cycles.py)."""

    def build_response(self, data: dict[str, Any] | None) -> Any:
        try:
            return super().build_response(data)
        finally:
            # and the errors, now the result's: an error's traceback holds the frames
            # of this executor, which would close a second cycle through it
            del self.async_helpers, self.collected_errors


class FingateSchema(strawberry.Schema):
    """strawberry's Schema, holding what the composed domains hand each other
    (`borrower_links`: schema.borrower.BorrowerLinks)."""

    def __init__(
        self, *args: Any, borrower_links: BorrowerLinks = BORROWER_LINKS, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.borrower_links = borrower_links

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """strawberry's execute, with no exception passing it: strawberry lets
        `BaseException`s (`CancelledError`) and three errors of its own through.
        Those three (no query, unknown operation, operation type not allowed) its
        HTTP layer answers 400/405; anything else becomes a masked, coded error. A
        `CancelledError` is re-raised only when this task itself is being cancelled
        (client gone, shutdown), never when it came from a wait another task shared."""
        try:
            return await super().execute(*args, **kwargs)
        except (MissingQueryError, CannotGetOperationTypeError, InvalidOperationTypeError):
            raise
        except asyncio.CancelledError as exc:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise
            return escaped(exc)
        except Exception as exc:
            return escaped(exc)

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Suggestions off: no "Did you mean" in any message (strawberry strips it only
        from unknown-field errors; graphql-core also suggests arguments, enum values,
        types, input fields and directive arguments). Then log by kind, never a
        client's input at error level (strawberry logs all as errors)."""
        if self.config.disable_field_suggestions:
            for error in errors:
                error.message = without_suggestions(error.message)
        log_errors(errors)


# graphql-core's pyutils.did_you_mean: " Did you mean 'a', 'b', or 'c'?" (names hold no "?")
SUGGESTION = re.compile(r" ?Did you mean [^?]*\?")


def without_suggestions(message: str) -> str:
    """The message with graphql-core's suggestion sentences removed."""
    return SUGGESTION.sub("", message).strip() if "Did you mean" in message else message


def build_schema(options: SchemaOptions | None = None) -> strawberry.Schema:
    """The one place the domains are composed: their root types merged, every Node type
    they define registered (reachable through `node` and the interfaces too), and
    Borrower's links into each domain handed to the schema object."""
    options = options or SchemaOptions()
    query: Any = merge_types("Query", (CoreQuery, MortgagesQuery, LoansQuery, BrokerageQuery))
    writes = [
        m
        for m in (MortgagesMutation, LoansMutation, BrokerageMutation)
        if m.__strawberry_definition__.fields  # type: ignore[union-attr]
    ]
    mutation: Any = merge_types("Mutation", tuple(writes)) if writes else None
    batching = options.max_batch_operations
    return FingateSchema(
        borrower_links=BORROWER_LINKS,
        execution_context_class=ReleasingExecutionContext,
        query=query,
        mutation=mutation,
        types=Node.implementations(),
        config=StrawberryConfig(
            disable_field_suggestions=not options.field_suggestions,
            batching_config={"max_operations": batching} if batching else None,
        ),
        extensions=_extensions(options),
    )


def _extensions(options: SchemaOptions) -> list[Any]:
    """ErrorBoundary first (it sees every error); the token limit before the parser
    cache (it sets the parser's option). The limits are validation rules made once,
    so the validation cache keeps their verdicts across requests."""
    extensions: list[Any] = [ErrorBoundary, Authorization]  # scopes, borrower isolation
    if options.max_tokens is not None:
        max_tokens = options.max_tokens
        extensions.append(lambda: MaxTokensLimiter(max_token_count=max_tokens))
    extensions.append(lambda: ParserCache(maxsize=options.parser_cache_size))
    extensions.append(lambda: ValidationCache(maxsize=options.validation_cache_size))
    rules = extra_rules(options)
    if rules:
        extensions.append(lambda: AddValidationRules(list(rules)))
    return extensions


def extra_rules(options: SchemaOptions) -> tuple[type[ASTValidationRule], ...]:
    """The validation rules added to graphql-core's standard ones by these options."""
    rules: list[type[ASTValidationRule]] = list(options.validation_rules)
    if not options.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    if options.max_depth is not None:
        rules.append(depth_rule(options.max_depth, None))
    if options.max_aliases is not None:
        rules.append(alias_rule(options.max_aliases))
    return tuple(rules)


__all__ = [
    "FingateSchema",
    "SchemaOptions",
    "build_schema",
    "extra_rules",
    "without_suggestions",
]
