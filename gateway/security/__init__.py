"""Security for the public endpoint (issue: security): client auth, limits, CSRF, CORS,
persisted operations, request ids and log redaction. Scopes and borrower isolation are
enforced inside the schema (schema.authz) from the `Caller` built here."""

from __future__ import annotations

from .auth import Authenticator, build_authenticator
from .config import ApiKey, JwtConfig, LimitsConfig, SecurityConfig
from .errors import BudgetExceeded, InsecureConfiguration, SecurityError, Unauthenticated
from .redaction import RedactingFilter, redact

__all__ = [
    "ApiKey",
    "Authenticator",
    "BudgetExceeded",
    "InsecureConfiguration",
    "JwtConfig",
    "LimitsConfig",
    "RedactingFilter",
    "SecurityConfig",
    "SecurityError",
    "Unauthenticated",
    "build_authenticator",
    "redact",
]
