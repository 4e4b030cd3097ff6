"""The Molo sandbox (UK buy-to-let mortgages); see `sandbox.py`."""

from __future__ import annotations

from .sandbox import MoloSandbox

__all__ = ["MoloSandbox"]
