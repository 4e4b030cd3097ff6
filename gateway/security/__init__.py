"""Security for the public endpoint (issue: security): client auth, scopes, limits."""

from __future__ import annotations

from .config import SecurityConfig

__all__ = ["SecurityConfig"]
