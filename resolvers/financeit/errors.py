"""FinanceIt's error body, `{"errors": ["..."]}`, read into a message and field errors.

The reference gives only the shape. Messages about one parameter lead with its
name ("requested_amount is required", Rails' full-message style, which the
sandbox follows); any other message is about the request as a whole.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import FieldError

FIELD_MESSAGE = re.compile(r"^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*) (.+)$")


def parse_errors_body(body: Any) -> tuple[str | None, tuple[FieldError, ...]]:
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors:
        return None, ()
    texts = [str(e) for e in errors]
    fields = []
    for text in texts:
        match = FIELD_MESSAGE.match(text)
        fields.append(
            FieldError(match.group(1), match.group(2)) if match else FieldError(None, text)
        )
    return "; ".join(texts), tuple(fields)
