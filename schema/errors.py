"""How errors reach GraphQL clients: the one conversion boundary.

    resolver raises                       client sees (extensions)
    ProviderError and subclasses     ->   {code, provider, status?, retryAfter?}, provider message
    GatewayError (BadInput, NotFound) ->  {code}, its message
    anything else                    ->   INTERNAL_SERVER_ERROR, "Internal server error", requestId
    an exception that ends the whole operation (the schema's `execute`) -> the same, masked

Unexpected exceptions are logged with their traceback and a request id that
the client also gets, never their text: it may hold data or secrets.

Partial results: a list merged over several providers (borrowers, applications
of both mortgage providers) wraps its sources with `partial_sources`. A source
whose provider fails then yields nothing, and its error is kept on the
request's `Context.partial_errors`, with the field's path; the boundary adds
it to the response errors. The field keeps the healthy providers' records;
only when every source fails does the field itself fail.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from resolvers.errors import ProviderError
from resolvers.refusals import BadInput, GatewayError, NotFound

log = logging.getLogger("fingate.errors")
T = TypeVar("T")

__all__ = [
    "BadInput",
    "ErrorBoundary",
    "GatewayError",
    "NotFound",
    "PartialError",
    "partial_sources",
    "record_partial",
]


@dataclass(frozen=True)
class PartialError:
    """A provider's failure inside a field that still answered with the others' data."""

    error: ProviderError
    path: tuple[str | int, ...]


def record_partial(info: Any, error: ProviderError) -> None:
    """Report `error` at the current field without failing it."""
    errors: list[PartialError] | None = getattr(info.context, "partial_errors", None)
    if errors is None:  # a context without partial results: fail the field as before
        raise error
    path = tuple(info.path.as_list())
    log.warning(
        "partial result at %s: %s %s status=%s",
        ".".join(str(p) for p in path),
        error.provider,
        error.code,
        error.status,
    )
    errors.append(PartialError(error, path))


def partial_sources(info: Any, sources: Sequence[AsyncIterator[T]]) -> list[AsyncIterator[T]]:
    """Sources (one per provider) of which a failing one is skipped and reported,
    unless all of them fail: then the last failure fails the field."""
    if len(sources) < 2:
        return list(sources)
    failed = [0]

    async def guarded(source: AsyncIterator[T]) -> AsyncIterator[T]:
        try:
            async for item in source:
                yield item
        except ProviderError as exc:
            failed[0] += 1
            if failed[0] == len(sources):
                raise
            record_partial(info, exc)

    return [guarded(source) for source in sources]


def _extensions(original: BaseException | None) -> dict[str, Any] | None:
    if isinstance(original, ProviderError):
        ext: dict[str, Any] = {"code": original.code, "provider": original.provider}
        if original.status is not None:
            ext["status"] = original.status
        retry_after = getattr(original, "retry_after", None)
        if retry_after is not None:
            ext["retryAfter"] = retry_after
        return ext
    if isinstance(original, GatewayError):
        return {"code": original.code, **original.extensions}
    return None


def log_errors(errors: list[GraphQLError]) -> None:
    """Provider failures at warning (code, provider, status; no payloads), client
    mistakes at debug. Unexpected exceptions are logged by ErrorBoundary, with a
    request id, when it masks them."""
    for error in errors:
        original = error.original_error
        where = ".".join(str(p) for p in error.path or ())
        if isinstance(original, ProviderError):
            log.warning(
                "provider error at %s: %s %s status=%s",
                where,
                original.provider,
                original.code,
                original.status,
            )
        elif original is None or isinstance(original, GatewayError | GraphQLError):
            log.debug("client error at %s: %s", where or "-", error.message)


def masked(error: GraphQLError, original: BaseException) -> GraphQLError:
    """`error` as a client sees an unexpected exception: no text of it, a request id
    that the log line holding its traceback also has."""
    request_id = uuid.uuid4().hex
    log.error(
        "unexpected error at %s (request %s)",
        ".".join(str(p) for p in error.path or ()) or "-",
        request_id,
        exc_info=(type(original), original, original.__traceback__),
    )
    return GraphQLError(
        "Internal server error",
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
    )


def escaped(exc: BaseException) -> ExecutionResult:
    """The answer to an operation that an exception ended outside every field (a
    `CancelledError` from a shared wait, a failing extension): masked, coded."""
    return ExecutionResult(data=None, errors=[masked(GraphQLError("operation ended"), exc)])


class ErrorBoundary(SchemaExtension):
    """Gives every error an `extensions.code`; masks what is not meant for clients."""

    def _convert(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        # A GraphQL (syntax, validation) error, or a variable value graphql-core could not
        # coerce (it wraps its own GraphQLError): safe to show as it is.
        if original is None or isinstance(original, GraphQLError):
            extensions = dict(error.extensions or {})
            default = "GRAPHQL_VALIDATION_FAILED" if original is None else "BAD_USER_INPUT"
            extensions.setdefault("code", default)
            return GraphQLError(
                error.message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions=extensions,
            )
        provider_extensions = _extensions(original)
        if provider_extensions is not None:
            message = original.message if isinstance(original, ProviderError | GatewayError) else ""
            return GraphQLError(
                message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions=provider_extensions,
            )
        return masked(error, original)

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None:
            return
        errors = list(getattr(result, "errors", None) or [])
        partial: list[PartialError] = (
            getattr(self.execution_context.context, "partial_errors", None) or []
        )
        errors.extend(
            GraphQLError(p.error.message, path=list(p.path), original_error=p.error)
            for p in partial
        )
        if errors:
            result.errors = [self._convert(e) for e in errors]


def with_codes(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Formatted errors, each with an extensions.code (syntax errors end before the
    boundary runs: they get GRAPHQL_PARSE_FAILED here, at the HTTP layer)."""
    for error in errors:
        extensions = error.setdefault("extensions", {})
        extensions.setdefault("code", "GRAPHQL_PARSE_FAILED")
    return errors
