"""Errors the gateway itself reports about a request, before or instead of a provider call.

    GatewayError        a message meant for the client            GATEWAY_ERROR
     ├── BadInput       an argument the gateway cannot use         BAD_USER_INPUT
     └── NotFound       no record of that type has that id         NOT_FOUND

The data layer raises these errors (a cursor it did not issue, a page size out of
range); schema.errors converts them, like the provider error tree (resolvers.errors),
at the one boundary, to `extensions.code` and this message. A `Problem` is not
raised: it is one refusal of an input field, gathered before a write is sent and
shown as a userError.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a mutation's input, found before any call: `path` is the dotted
    input path in GraphQL names ("applicants.0.email"; None: the whole input), `code`
    REQUIRED, INVALID, OUT_OF_RANGE or NOT_FOUND. The schema shows it as a userError."""

    path: str | None
    message: str
    code: str = "INVALID"


class Refused(Exception):
    """Raised by a write's `send` when a rule that needs a read fails before anything is
    written (Molo's "one and only one lead applicant", an application that must exist):
    `run_write` releases the idempotency claim and answers the problems as userErrors."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


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
