"""A logging filter that redacts secrets and personal data from every record.

Installed by `create_app` on the root logger's handlers (and uvicorn's), so it
sees records from every library. It rewrites the message and its arguments and
pre-formats tracebacks, redacting: Authorization header values, bearer and
basic credentials, JWTs, API keys (`sk_...` and key=value forms), client
secrets, passwords and tokens given as key=value or JSON, SSNs/SINs and bank
account and routing numbers.
"""

from __future__ import annotations

import logging
import re
from typing import Any

MASK = "[REDACTED]"

_SECRET_KEYS = (
    r"authorization|proxy-authorization|x-api-key|api[_-]?key|apikey|"
    r"(?:access|refresh|id|bearer)?[_-]?token|client[_-]?secret|app[_-]?secret|secret|"
    r"password|passwd|ssn|sin|social[_-]?security[_-]?number|tax[_-]?id|"
    r"(?:bank[_-]?)?account[_-]?number|accountnumber|routing[_-]?number|routingnumber|iban|"
    r"authorization[_-]?code"
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # key: value / key=value / "key": "value" (quotes optional), value up to a delimiter
    (
        re.compile(
            rf"""(?i)(["']?\b(?:{_SECRET_KEYS})\b["']?\s*[:=]\s*["']?)"""
            r"""(?>((?:bearer|basic)\s+)?)(?!\[REDACTED\])[^"'\s,;&}\])]+"""
        ),
        rf"\1\2{MASK}",
    ),
    (
        re.compile(r"(?i)\b(bearer|basic)\s+(?!(?:bearer|basic)\b)[A-Za-z0-9._~+/=-]{6,}"),
        rf"\1 {MASK}",
    ),
    (re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), MASK),  # JWT
    (re.compile(r"\b(?:sk|pk|rk)_[A-Za-z0-9_]{6,}"), MASK),  # API keys
    (re.compile(r"\b\d{3}-\d{2}-\d{4}\b"), MASK),  # US SSN
    (re.compile(r"\b\d{3}[ -]\d{3}[ -]\d{3}\b"), MASK),  # Canadian SIN
    (re.compile(r"\b\d{10,17}\b"), MASK),  # bank account numbers and other long digit runs
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _redact_arg(arg: Any) -> Any:
    if isinstance(arg, bool | int | float) or arg is None:
        return arg  # kept for %d and %f
    return redact(str(arg))


class RedactingFilter(logging.Filter):
    """Never drops a record; only rewrites what it would show.

    Arguments are redacted one by one when that is enough, so formatters that read
    `record.args` (uvicorn's access log) keep working; otherwise the message is
    formatted, redacted and kept without arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_fingate_redacted", False):
            return True
        record._fingate_redacted = True
        template = str(record.msg)
        if redact(template) == template and isinstance(record.args, tuple | dict):
            if isinstance(record.args, tuple):
                record.args = tuple(_redact_arg(a) for a in record.args)
            else:
                record.args = {k: _redact_arg(v) for k, v in record.args.items()}
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{template} {record.args!r}"
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            pass  # its formatter unpacks the arguments, already redacted one by one
        elif redact(message) != message or not isinstance(record.msg, str):
            record.msg = redact(message)
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


LOGGERS = ("", "uvicorn", "uvicorn.error", "uvicorn.access")


def install(logger_names: tuple[str, ...] = LOGGERS) -> None:
    """Add the filter to every handler of these loggers (once per handler)."""
    for name in logger_names:
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())
