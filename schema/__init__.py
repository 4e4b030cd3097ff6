"""The unified GraphQL schema over Finmo, FinanceIt, Finos and Molo."""

from __future__ import annotations

from .build import SchemaOptions, build_schema
from .context import Context, ExecutionOptions

__all__ = ["Context", "ExecutionOptions", "SchemaOptions", "build_schema"]
