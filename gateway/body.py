"""The shape of a GraphQL-over-HTTP request body, checked before strawberry reads it.

strawberry assumes a JSON object: a bare value (`123`, `null`, `"x"`) or bytes
that are not UTF-8 made it fail with a plain-text 500. Here every body that
is not a GraphQL request is refused with 400 and a GraphQL-shaped answer:

    body                                              message starts
    not JSON (incl. not UTF-8, nested too deep)       The request body is not valid JSON
    a JSON value that is not an object (or a list)    The request body must be a JSON object
    a list while batching is off                      Batching is not enabled
    a list longer than allowed / an empty list        Too many operations / An empty batch
    `query` / `operationName` not a string or null    `query` must be a string
    `variables` / `extensions` not an object or null  `variables` must be an object

all with `extensions.code` BAD_REQUEST. JSON is read with orjson (as the
responses are written), which refuses invalid UTF-8 and nesting beyond 1024.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from .security.errors import graphql_error_body

CODE = "BAD_REQUEST"


class BadRequest(Exception):
    """A body that is not a GraphQL request; the message is meant for the client."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def body(self) -> dict[str, Any]:
        return graphql_error_body(self.message, CODE)


def decode(raw: bytes | str) -> object:
    """The JSON value of `raw`; BadRequest when it is not JSON in UTF-8."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(
            "The request body is not valid JSON (UTF-8, nested at most 1024 deep)"
        ) from exc


def check(data: object, *, max_batch: int) -> None:
    """Raise BadRequest unless `data` is one GraphQL request (an object), or a list of
    1 to `max_batch` of them when batching is on (`max_batch` > 0)."""
    if isinstance(data, list):
        if max_batch <= 0:
            raise BadRequest("Batching is not enabled: send one operation as a JSON object")
        if len(data) > max_batch:
            raise BadRequest(f"Too many operations: a batch holds at most {max_batch}")
        if not data:
            raise BadRequest("An empty batch: send at least one operation")
        for index, item in enumerate(data):
            _check_one(item, where=f"Operation {index} of the batch: ")
        return
    _check_one(data, where="")


def _check_one(data: object, *, where: str) -> None:
    if not isinstance(data, Mapping):
        raise BadRequest(
            f"{where}The request body must be a JSON object with `query` and, optionally, "
            "`variables`, `operationName` and `extensions`"
        )
    for key in ("query", "operationName"):
        if not isinstance(data.get(key), str | None):
            raise BadRequest(f"{where}`{key}` must be a string or null")
    for key in ("variables", "extensions"):
        if not isinstance(data.get(key), Mapping | None):
            raise BadRequest(f"{where}`{key}` must be an object or null")
