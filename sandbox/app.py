"""The sandbox application: four provider apps and the control routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field
from starlette.routing import Mount

from .config import PROVIDERS, SandboxConfig
from .control import Fault, Faults, RateLimiter, Stats
from .gate import ProviderGate
from .people import make_people
from .provider import Clock, SandboxProvider


def _provider_classes() -> dict[str, type[SandboxProvider]]:
    from .financeit import FinanceItSandbox
    from .finmo import FinmoSandbox
    from .finos import FinosSandbox
    from .molo import MoloSandbox

    return {
        "finmo": FinmoSandbox,
        "financeit": FinanceItSandbox,
        "finos": FinosSandbox,
        "molo": MoloSandbox,
    }


class Sandbox:
    """The four providers and the control plane they share."""

    def __init__(self, config: SandboxConfig, clock: Clock | None = None) -> None:
        self.config = config
        self.clock = clock or Clock()
        self.stats = Stats()
        self.faults = Faults(config.seed)
        self.limiter = RateLimiter(config.rate_limits, self.clock)
        self.providers: dict[str, SandboxProvider] = {
            name: cls(config, self.clock) for name, cls in _provider_classes().items()
        }
        self.reset()

    def reset(self) -> None:
        people = make_people(self.config.seed, self.config.scale)
        for provider in self.providers.values():
            provider.reset(people)
        self.stats.clear()
        self.faults.clear(seed=self.config.seed)
        self.limiter.clear()

    async def aclose(self) -> None:
        for provider in self.providers.values():
            await provider.aclose()


class FaultIn(BaseModel):
    provider: str
    route: str | None = None
    latency_ms: int = Field(0, ge=0, le=600_000)
    error_rate: float | None = Field(None, ge=0.0, le=1.0)
    status: int | None = Field(None, ge=400, le=599)
    retry_after: int | None = Field(None, ge=0)


class ProviderIn(BaseModel):
    provider: str


class RateLimitIn(BaseModel):
    provider: str
    per_hour: int = Field(ge=0)


def _check_provider(name: str) -> None:
    if name not in PROVIDERS:
        raise HTTPException(404, f"unknown provider {name!r}; one of {', '.join(PROVIDERS)}")


def create_sandbox_app(sandbox: Sandbox, *, own_lifespan: bool = True) -> FastAPI:
    """The app serving `/finmo`, `/financeit`, `/finos`, `/molo` and `/_*` controls.

    With `own_lifespan`, the app closes the sandbox's resources itself (for
    `fingate sandbox`); mounted in the gateway, the gateway's lifespan does it.
    """

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await sandbox.aclose()

    app = FastAPI(
        title="fingate sandboxes",
        lifespan=lifespan if own_lifespan else None,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.sandbox = sandbox

    @app.get("/_stats")
    async def get_stats() -> dict[str, dict[str, int]]:
        """Upstream requests seen, per provider, keyed "METHOD /route/{template}"."""
        return sandbox.stats.snapshot()

    @app.delete("/_stats", status_code=204)
    async def clear_stats() -> None:
        sandbox.stats.clear()

    @app.get("/_faults")
    async def get_faults() -> dict[str, Any]:
        return {"faults": [f.as_dict() for f in sandbox.faults.all()]}

    @app.post("/_faults")
    async def set_fault(body: FaultIn) -> dict[str, Any]:
        """Inject latency and errors. With `status` and no `error_rate`, every request fails."""
        _check_provider(body.provider)
        error_rate = body.error_rate
        if error_rate is None:
            error_rate = 1.0 if body.status is not None else 0.0
        fault = Fault(
            provider=body.provider,
            route=body.route,
            latency_ms=body.latency_ms,
            error_rate=error_rate,
            status=body.status or 503,
            retry_after=body.retry_after,
        )
        sandbox.faults.set(fault)
        return fault.as_dict()

    @app.delete("/_faults", status_code=204)
    async def clear_faults(provider: str | None = None) -> None:
        if provider is not None:
            _check_provider(provider)
        sandbox.faults.clear(provider)

    @app.post("/_reset", status_code=204)
    async def reset() -> None:
        """Reseed every provider; clear stats and faults; restore the configured rate limits."""
        sandbox.reset()

    @app.post("/_expire_tokens")
    async def expire_tokens(body: ProviderIn) -> dict[str, int]:
        """Invalidate the access tokens a provider issued (FinanceIt, Molo)."""
        _check_provider(body.provider)
        return {"expired": sandbox.providers[body.provider].expire_tokens()}

    @app.get("/_rate_limits")
    async def get_rate_limits() -> dict[str, int]:
        return sandbox.limiter.limits()

    @app.post("/_rate_limits")
    async def set_rate_limit(body: RateLimitIn) -> dict[str, int]:
        """Requests per hour per credential; 0 switches the limit off."""
        _check_provider(body.provider)
        sandbox.limiter.set_limit(body.provider, body.per_hour)
        return sandbox.limiter.limits()

    for name, provider in sandbox.providers.items():
        gate = ProviderGate(provider, sandbox.stats, sandbox.faults, sandbox.limiter)
        app.router.routes.append(Mount(f"/{name}", app=gate))
    return app
