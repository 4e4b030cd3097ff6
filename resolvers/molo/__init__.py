from __future__ import annotations
from typing import Any
import httpx
from ..base import ProviderClient, build_http_client, scope_of
class MoloClient(ProviderClient):
    provider = "molo"
    @classmethod
    def create(cls, config: Any, base_url: str, **kw: Any) -> "MoloClient":
        return cls(build_http_client(base_url, config.http, transport=kw.get("transport")))
    @property
    def credential_scope(self) -> str:
        return scope_of("x")
    def parse_error(self, body: Any) -> Any:
        return (str(body), ())
    async def thing(self, i: str) -> Any:
        return await self._send("GET", f"/things/{i}")
