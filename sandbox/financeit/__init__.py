"""The FinanceIt sandbox (Canadian point-of-sale consumer loans), mounted at /financeit."""

from __future__ import annotations

from .catalog import API, APP_ID, APP_SECRET, LOGIN, PASSWORD
from .sandbox import FinanceItSandbox

__all__ = ["API", "APP_ID", "APP_SECRET", "LOGIN", "PASSWORD", "FinanceItSandbox"]
