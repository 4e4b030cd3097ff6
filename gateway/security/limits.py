"""Operation limits enforced outside the GraphQL engine: the request body size
(refused with 413 before anything parses it) and the number of root fields (a
validation rule; depth, aliases and tokens use Strawberry's own limiters)."""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import graphql_error_body, send_json


class BodyTooLarge(Exception):
    pass


class BodySizeLimitMiddleware:
    """Refuses a body over `max_bytes`: at once from Content-Length, else while it streams."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = graphql_error_body(
            f"Request body larger than {self.max_bytes} bytes", "PAYLOAD_TOO_LARGE"
        )
        await send_json(send, 413, body)


def max_root_fields_rule(max_fields: int) -> type[ValidationRule]:
    class MaxRootFields(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            document = context.document
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            for definition in document.definitions:
                if isinstance(definition, OperationDefinitionNode):
                    count = _count_fields(definition.selection_set, fragments, 0)
                    if count > max_fields:
                        name = definition.name.value if definition.name else "anonymous"
                        context.report_error(
                            GraphQLError(
                                f"'{name}' selects {count} root fields; at most "
                                f"{max_fields} are allowed",
                                definition,
                            )
                        )

    return MaxRootFields


def _count_fields(selections: SelectionSetNode, fragments: dict[str, Any], depth: int) -> int:
    if depth > 20:
        return 0
    count = 0
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            count += 1
        elif isinstance(selection, InlineFragmentNode):
            count += _count_fields(selection.selection_set, fragments, depth + 1)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                count += _count_fields(fragment.selection_set, fragments, depth + 1)
    return count
