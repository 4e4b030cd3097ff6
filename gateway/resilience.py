"""Resilience wiring for the app (issue: resilience): request deadlines, shutdown.

`install(app, settings)` is called once by `create_app`.
"""

from __future__ import annotations

from fastapi import FastAPI

from .settings import Settings


def install(app: FastAPI, settings: Settings) -> None:
    """Nothing yet: per-request deadlines and graceful shutdown come with resilience."""
