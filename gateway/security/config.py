"""Security settings (FINGATE_SECURITY__...)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class SecurityConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
