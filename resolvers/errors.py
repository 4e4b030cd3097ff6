"""The one error tree for everything a provider can answer or fail with.

    ProviderError                  any failure talking to a provider
     ├── ProviderAuthError         401/403: our credentials were refused   UNAUTHENTICATED_UPSTREAM
     ├── ProviderNotFound          404: the record does not exist           NOT_FOUND
     ├── ProviderValidationError   400/402/409/422: the request was refused PROVIDER_VALIDATION
     │    └── ProviderConflict     409: conflicts with another request      PROVIDER_CONFLICT
     ├── ProviderRateLimited       429: carries retry_after seconds          RATE_LIMITED
     ├── ProviderUnavailable       5xx or no connection                      PROVIDER_UNAVAILABLE
     │    └── ProviderTimeout      no answer in time                         PROVIDER_TIMEOUT
     ├── ProviderBadResponse       an answer we cannot read                  PROVIDER_BAD_RESPONSE
     ├── ConnectionPoolBusy        every connection to the provider in use   GATEWAY_BUSY
     │                             for the pool timeout: never sent, not the
     │                             provider's failure (no breaker, no retry)
     └── RequestTooLong            a URL too long to send (a client's long   BAD_USER_INPUT
                                   argument): refused before any call

httpx exceptions and error responses become these at one boundary,
`resolvers.base.ProviderClient._send`, with `raise ... from exc`. Messages are
built here from status codes and the provider's own error text; they never
hold a request header, a token, a key or a secret.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One provider complaint about one field (`field` None: about the request)."""

    field: str | None
    message: str


class ProviderError(Exception):
    code = "PROVIDER_ERROR"

    def __init__(
        self,
        provider: str,
        message: str,
        *,
        status: int | None = None,
        field_errors: tuple[FieldError, ...] = (),
    ) -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.message = message
        self.status = status
        self.field_errors = field_errors

    def __repr__(self) -> str:
        name = type(self).__name__
        return (
            f"{name}(provider={self.provider!r}, status={self.status!r}, message={self.message!r})"
        )


class ProviderAuthError(ProviderError):
    code = "UNAUTHENTICATED_UPSTREAM"


class ProviderNotFound(ProviderError):
    code = "NOT_FOUND"


class ProviderValidationError(ProviderError):
    code = "PROVIDER_VALIDATION"


class ProviderConflict(ProviderValidationError):
    code = "PROVIDER_CONFLICT"


class ProviderRateLimited(ProviderError):
    code = "RATE_LIMITED"

    def __init__(
        self, provider: str, message: str, *, status: int | None = 429, retry_after: float | None
    ) -> None:
        super().__init__(provider, message, status=status)
        self.retry_after = retry_after


class ProviderUnavailable(ProviderError):
    """`maybe_sent`: the request may have reached the provider (the connection broke
    after it was sent), so a write's outcome is unknown. An answered 5xx is not."""

    code = "PROVIDER_UNAVAILABLE"

    def __init__(
        self,
        provider: str,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        maybe_sent: bool = False,
    ) -> None:
        super().__init__(provider, message, status=status)
        self.retry_after = retry_after
        self.maybe_sent = maybe_sent


class ProviderTimeout(ProviderUnavailable):
    """No answer in time."""

    code = "PROVIDER_TIMEOUT"

    def __init__(self, provider: str, message: str, *, maybe_sent: bool) -> None:
        super().__init__(provider, message, maybe_sent=maybe_sent)


class ProviderBadResponse(ProviderError):
    code = "PROVIDER_BAD_RESPONSE"


class ConnectionPoolBusy(ProviderError):
    """httpx's PoolTimeout: the request waited the pool timeout for one of this process's
    connections to the provider and was never sent. A local queue, not the provider's
    failure: the circuit breaker does not count it and it is not retried (the retry would
    join the same queue); the client may retry shortly."""

    code = "GATEWAY_BUSY"


class RequestTooLong(ProviderError):
    """A request whose URL would be over `resolvers.base.MAX_URL_BYTES` (an argument put
    in a path or query string): never sent, so neither retried nor held against the
    provider's circuit. The client's input is at fault."""

    code = "BAD_USER_INPUT"
