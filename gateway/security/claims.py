"""A verified JWT's claims -> the `Caller`, every claim checked by its type.

The signature, `exp`, `iss` and `aud` are PyJWT's (auth.py); this module trusts
none of the other claims' shapes:

    claim                    must be                                      else
    sub                      a non-empty string, no control characters    401
    <role_claim>             absent, a string, or a list of strings       401
    scope (or scp)           absent, a space-separated string, or a list of strings
    <email_claim>            staff: absent or an email; borrower: an email
    <email_verified_claim>   borrower: the JSON boolean `true`            401

Anything else is refused (`Unauthenticated`, answered 401): a `roles` object
(even `{"staff": true}`) is not a role list, and a borrower whose email is not
verified could be anyone who typed that address at the issuer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from schema.context import Caller

from .config import JwtConfig
from .errors import Unauthenticated

MAX_SUBJECT = 256  # the caller id names budgets and log lines
MAX_EMAIL = 254  # RFC 5321's longest path
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def caller_from_claims(claims: Mapping[str, Any], config: JwtConfig) -> Caller:
    subject = _subject(claims)
    scopes = _scopes(claims)
    roles = _strings(claims, config.role_claim)
    email = _email(claims, config.email_claim)
    if config.staff_role in roles:
        return Caller(id=subject, kind="staff", scopes=scopes, email=email)
    if email is None:
        raise Unauthenticated("A borrower token needs an email claim")
    verified = config.email_verified_claim
    if verified is not None and claims.get(verified) is not True:
        raise Unauthenticated("The token's email is not verified")
    return Caller(id=subject, kind="borrower", scopes=scopes, email=email)


def _subject(claims: Mapping[str, Any]) -> str:
    subject = claims.get("sub")
    if (
        not isinstance(subject, str)
        or not subject.strip()
        or len(subject) > MAX_SUBJECT
        or _CONTROL.search(subject)
    ):
        raise Unauthenticated("Token claim 'sub' must be a non-empty string")
    return subject


def _strings(claims: Mapping[str, Any], name: str) -> frozenset[str]:
    """A claim that is absent, one string, or a list of strings."""
    if name not in claims:
        return frozenset()
    value = claims[name]
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return frozenset(value)
    raise Unauthenticated(f"Token claim '{name}' must be a string or a list of strings")


def _scopes(claims: Mapping[str, Any]) -> frozenset[str]:
    name = "scope" if "scope" in claims or "scp" not in claims else "scp"
    if isinstance(claims.get(name), str):
        return frozenset(str(claims[name]).split())
    return _strings(claims, name)


def _email(claims: Mapping[str, Any], name: str) -> str | None:
    if name not in claims:
        return None
    value = claims[name]
    if (
        not isinstance(value, str)
        or len(value.strip()) > MAX_EMAIL
        or not _EMAIL.fullmatch(value.strip())
    ):
        raise Unauthenticated(f"Token claim '{name}' must be an email address")
    return value.strip().lower()
