"""The embedded sandboxes, composed into the gateway only when the settings enable them.

This is the one gateway module that knows the `sandbox` package, and it imports it
inside its functions only: a gateway started with `FINGATE_SANDBOX_ENABLED=false`
(a deployment in front of the real providers) never loads the simulators, and
importing `gateway.settings` or `gateway.app` never does either.

    sandboxes(settings)     the Sandbox the settings describe, or None when disabled
    mount(app, sandbox)     serve it under /sandbox, run by the gateway's lifespan
    standalone_app(settings) the sandboxes alone, for `fingate sandbox`
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .settings import PROVIDER_NAMES, Settings

if TYPE_CHECKING:  # names for the annotations; nothing is imported at run time
    from fastapi import FastAPI

    from sandbox import Sandbox, SandboxConfig

MOUNT_PATH = "/sandbox"


def sandbox_config(settings: Settings) -> SandboxConfig:
    """The sandboxes' seed, size, rate limits and token lifetimes, from the settings."""
    from sandbox import SandboxConfig

    return SandboxConfig(
        seed=settings.sandbox_seed,
        scale=settings.sandbox_scale,
        rate_limits={name: settings.sandbox_rate_limit_per_hour for name in PROVIDER_NAMES},
        financeit_token_ttl=settings.sandbox_financeit_token_ttl,
        molo_access_token_ttl=settings.sandbox_molo_token_ttl,
    )


def sandboxes(settings: Settings) -> Sandbox | None:
    """The embedded sandboxes when `sandbox_enabled`; None (and no import) otherwise."""
    if not settings.sandbox_enabled:
        return None
    from sandbox import Sandbox

    return Sandbox(sandbox_config(settings))


def mount(app: FastAPI, sandbox: Sandbox) -> None:
    """Serve `sandbox` under /sandbox; the gateway's lifespan closes it, not its own."""
    from sandbox import create_sandbox_app

    app.mount(MOUNT_PATH, create_sandbox_app(sandbox, own_lifespan=False))


def standalone_app(settings: Settings) -> FastAPI:
    """The sandboxes alone at the root (`/finmo`, ..., `/_stats`), with their own lifespan."""
    from sandbox import Sandbox, create_sandbox_app

    return create_sandbox_app(Sandbox(sandbox_config(settings)))
