"""Opaque global ids: type, provider and provider id in one string.

    to_global_id("Loan", "financeit", "123") -> "TG9hbjpmaW5hbmNlaXQ6MTIz"

Clients must treat ids as opaque; the encoding (url-safe base64 of
"Type:provider:providerId", unpadded) may change with a version prefix.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from .providers import PROVIDER_NAMES

PROVIDERS = frozenset(PROVIDER_NAMES)


class InvalidId(ValueError):
    """Not an id this gateway issued."""


@dataclass(frozen=True)
class GlobalId:
    type_name: str
    provider: str
    provider_id: str

    def __str__(self) -> str:
        return to_global_id(self.type_name, self.provider, self.provider_id)


def to_global_id(type_name: str, provider: str, provider_id: str) -> str:
    raw = f"{type_name}:{provider}:{provider_id}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def from_global_id(value: str) -> GlobalId:
    try:
        padded = value + "=" * (-len(value) % 4)
        raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode()
        type_name, provider, provider_id = raw.split(":", 2)
    except (binascii.Error, UnicodeError, ValueError) as exc:
        raise InvalidId(f"{value!r} is not a valid id") from exc
    if not type_name or provider not in PROVIDERS or not provider_id:
        raise InvalidId(f"{value!r} is not a valid id")
    return GlobalId(type_name, provider, provider_id)
