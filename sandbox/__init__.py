"""The four simulated providers fingate serves under /sandbox/."""

from __future__ import annotations

from .app import Sandbox, create_sandbox_app
from .config import PROVIDERS, SandboxConfig
from .people import Person, make_people
from .provider import Clock, ErrorKind, ManualClock, SandboxProvider

__all__ = [
    "PROVIDERS",
    "Clock",
    "ErrorKind",
    "ManualClock",
    "Person",
    "Sandbox",
    "SandboxConfig",
    "SandboxProvider",
    "create_sandbox_app",
    "make_people",
]
