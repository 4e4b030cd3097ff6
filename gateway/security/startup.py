"""Start-up checks: mode `none` is for development on the embedded sandboxes only."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from .config import SecurityConfig
from .errors import InsecureConfiguration

log = logging.getLogger("fingate.security")


def check_mode(
    config: SecurityConfig, real_providers: Sequence[str], *, production: bool = False
) -> None:
    """Refuse `none` in production, and with a real provider, unless explicitly allowed,
    and say so at every start when the gateway runs that way."""
    if config.mode != "none":
        log.info("client authentication: %s", config.mode)
        return
    if production:
        if not config.allow_insecure:
            raise InsecureConfiguration(
                "FINGATE_ENVIRONMENT=production with no client authentication "
                "(FINGATE_SECURITY__MODE is none): set it to jwt or api-key "
                "(or FINGATE_SECURITY__ALLOW_INSECURE=true for a demo, never for real users)"
            )
        log.warning("INSECURE: production mode with client authentication off (mode none)")
        return
    if not real_providers:
        log.info("client authentication: none (embedded sandboxes only)")
        return
    names = ", ".join(real_providers)
    if not config.allow_insecure:
        raise InsecureConfiguration(
            f"FINGATE_SECURITY__MODE=none with real providers configured ({names}): "
            "set FINGATE_SECURITY__MODE to jwt or api-key "
            "(or FINGATE_SECURITY__ALLOW_INSECURE=true, never in production)"
        )
    log.warning(
        "INSECURE: client authentication is off (mode none) and real providers are "
        "configured (%s): anyone who reaches this gateway acts with their credentials",
        names,
    )


def check_sandbox(config: SecurityConfig, *, production: bool, sandbox_enabled: bool) -> None:
    """The sandbox control routes (/sandbox/_faults, _reset...) have no authentication:
    refuse to mount them in production unless explicitly allowed."""
    if not (production and sandbox_enabled):
        return
    if not config.allow_insecure:
        raise InsecureConfiguration(
            "FINGATE_ENVIRONMENT=production with the embedded sandboxes mounted: their control "
            "routes are unauthenticated. Set FINGATE_SANDBOX_ENABLED=false "
            "(or FINGATE_SECURITY__ALLOW_INSECURE=true for a demo, never in production)"
        )
    log.warning("INSECURE: production mode with the unauthenticated sandbox controls mounted")
