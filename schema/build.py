"""Assembling the Schema object: root types, extensions, configuration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from .errors import ErrorBoundary, log_errors


@dataclass(frozen=True)
class SchemaOptions:
    """Production switches (issue: security) and cache sizes."""

    field_suggestions: bool = True
    parser_cache_size: int = 256
    validation_cache_size: int = 256


class FingateSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Log by kind, never a client's input at error level (strawberry logs all as errors)."""
        log_errors(errors)


def build_schema(options: SchemaOptions | None = None) -> strawberry.Schema:
    from .brokerage.mutations import BrokerageMutation
    from .brokerage.query import BrokerageQuery
    from .core_query import CoreQuery
    from .loans.mutations import LoansMutation
    from .loans.query import LoansQuery
    from .mortgages.mutations import MortgagesMutation
    from .mortgages.query import MortgagesQuery
    from .types import all_types

    options = options or SchemaOptions()
    query: Any = merge_types("Query", (CoreQuery, MortgagesQuery, LoansQuery, BrokerageQuery))
    writes = [
        m
        for m in (MortgagesMutation, LoansMutation, BrokerageMutation)
        if m.__strawberry_definition__.fields  # type: ignore[union-attr]
    ]
    mutation: Any = merge_types("Mutation", tuple(writes)) if writes else None
    return FingateSchema(
        query=query,
        mutation=mutation,
        types=all_types(),
        config=StrawberryConfig(disable_field_suggestions=not options.field_suggestions),
        extensions=[
            ErrorBoundary,
            lambda: ParserCache(maxsize=options.parser_cache_size),
            lambda: ValidationCache(maxsize=options.validation_cache_size),
        ],
    )
