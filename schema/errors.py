"""How errors reach GraphQL clients: the one conversion boundary.

    resolver raises                       client sees (extensions)
    ProviderError and subclasses     ->   {code, provider, status?, retryAfter?}, provider message
    GatewayError (BadInput, NotFound) ->  {code}, its message
    anything else                    ->   INTERNAL_SERVER_ERROR, "Internal server error", requestId

Unexpected exceptions are logged with their traceback and a request id that
the client also gets, never their text: it may hold data or secrets.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from resolvers.errors import ProviderError

log = logging.getLogger("fingate.errors")


class GatewayError(Exception):
    """An error the gateway itself reports, with a message meant for the client."""

    code = "GATEWAY_ERROR"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = extensions


class BadInput(GatewayError):
    code = "BAD_USER_INPUT"


class NotFound(GatewayError):
    code = "NOT_FOUND"


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
        elif original is None or isinstance(original, GatewayError):
            log.debug("client error at %s: %s", where or "-", error.message)


class ErrorBoundary(SchemaExtension):
    """Gives every error an `extensions.code`; masks what is not meant for clients."""

    def _convert(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None:  # a GraphQL (syntax, validation) error: safe as it is
            extensions = dict(error.extensions or {})
            extensions.setdefault("code", "GRAPHQL_VALIDATION_FAILED")
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
        request_id = uuid.uuid4().hex
        log.error(
            "unexpected error at %s (request %s)",
            ".".join(str(p) for p in error.path or ()),
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

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [self._convert(e) for e in errors]


def with_codes(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Formatted errors, each with an extensions.code (syntax errors end before the
    boundary runs: they get GRAPHQL_PARSE_FAILED here, at the HTTP layer)."""
    for error in errors:
        extensions = error.setdefault("extensions", {})
        extensions.setdefault("code", "GRAPHQL_PARSE_FAILED")
    return errors
