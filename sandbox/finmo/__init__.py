"""The Finmo sandbox (Canadian mortgage broker platform), mounted at /finmo."""

from __future__ import annotations

from .sandbox import FinmoSandbox
from .store import BROKERAGE_TOKEN, TEAM_TOKEN_PREFIX

__all__ = ["BROKERAGE_TOKEN", "TEAM_TOKEN_PREFIX", "FinmoSandbox"]
