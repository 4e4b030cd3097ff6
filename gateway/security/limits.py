"""Operation limits enforced outside the GraphQL engine: the request body size
(refused with 413 before anything parses it), the URL length of a GraphQL request
(414, before anything parses it), and two validation rules: the number of root
fields and directive overloading. Depth, aliases and tokens use Strawberry's own
limiters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from graphql import (
    SKIP,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VisitorAction,
)
from graphql.validation.validate import ValidationAbortedError
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


class UrlLengthLimitMiddleware:
    """Refuses (414) a request to `paths` whose path and query string are over `max_bytes`,
    telling the client to send the operation by POST: a long GET gets a GraphQL answer
    with a code, not whatever a proxy or the HTTP parser makes of it."""

    def __init__(
        self, app: ASGIApp, *, max_bytes: int, paths: tuple[str, ...] = ("/graphql",)
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/") in self.paths:
            path: bytes = scope.get("raw_path") or scope["path"].encode()
            length = len(path) + 1 + len(scope.get("query_string", b""))
            if length > self.max_bytes:
                body = graphql_error_body(
                    f"URL of {length} bytes is longer than the {self.max_bytes} allowed: "
                    "send the operation by POST with a JSON body",
                    "URI_TOO_LONG",
                    maxUrlBytes=self.max_bytes,
                )
                await send_json(send, 414, body)
                return
        await self.app(scope, receive, send)


def max_directives_rule(max_directives: int) -> type[ValidationRule]:
    """Directive overloading: a document using more than `max_directives` directives, or
    repeating a directive at one location (unless the schema declares it repeatable),
    is refused with one error and validation stops there: an attacker cannot have the
    gateway work through, and answer, one error per directive."""

    class MaxDirectives(ValidationRule):
        def enter_document(self, node: DocumentNode, *_args: Any) -> VisitorAction:
            repeatable = {d.name for d in self.context.schema.directives if d.is_repeatable}
            problem = _directive_overload(node, max_directives, repeatable)
            if problem is not None:
                message, where = problem
                # graphql-core's own way to stop a validation: the errors other rules
                # found so far are kept, and this one is the last.
                raise ValidationAbortedError(
                    message, where, extensions={"code": "GRAPHQL_VALIDATION_FAILED"}
                )
            return SKIP  # one pass over the document is all this rule needs

    return MaxDirectives


def _directive_overload(
    document: DocumentNode, max_directives: int, repeatable: set[str]
) -> tuple[str, Node] | None:
    """What is wrong, and where, or None."""
    total = 0
    for node in _nodes_with_directives(document):
        names = [directive.name.value for directive in getattr(node, "directives", None) or ()]
        for name, times in Counter(names).items():
            if times > 1 and name not in repeatable:
                message = (
                    f"The directive '@{name}' is repeated {times} times at one location; "
                    "a directive may appear once per location"
                )
                return message, node
        total += len(names)
        if total > max_directives:
            message = (
                f"The document uses more than {max_directives} directives; "
                f"at most {max_directives} are allowed"
            )
            return message, node
    return None


def _nodes_with_directives(document: DocumentNode) -> Iterator[Any]:
    """Every definition, variable definition and selection, without recursion."""
    stack: list[Any] = list(document.definitions)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, OperationDefinitionNode):
            stack.extend(node.variable_definitions or ())
        selection_set = getattr(node, "selection_set", None)
        if isinstance(selection_set, SelectionSetNode):
            stack.extend(selection_set.selections)


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
