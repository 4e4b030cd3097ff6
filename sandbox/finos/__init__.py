"""The Finos sandbox (US brokerage), mounted at /finos; see finos.txt for the reference."""

from __future__ import annotations

from .sandbox import FinosSandbox

__all__ = ["FinosSandbox"]
