"""FinosClient: one typed async method per Finos route, composed from domain mixins."""

from __future__ import annotations

import httpx

from ..auth import BasicUsernameAuth, StaticBearerAuth
from ..base import build_http_client, scope_of
from ..cache import RefCache
from ..config import FinosConfig
from .accounts import AccountsMixin
from .funding import FundingMixin
from .market import MarketMixin
from .orders import OrdersMixin
from .reference import ReferenceMixin
from .rollovers import RolloversMixin
from .users import UsersMixin
from .webhooks import WebhooksMixin


class FinosClient(
    UsersMixin,
    AccountsMixin,
    FundingMixin,
    OrdersMixin,
    MarketMixin,
    ReferenceMixin,
    RolloversMixin,
    WebhooksMixin,
):
    """The Finos brokerage API (USD).

    Auth is the API key, as the HTTP Basic user name (`auth_scheme="basic"`, the
    documented default) or as a Bearer token. Every POST takes `idempotency_key`
    (sent as `Idempotency-Key`); lists come as `Page`s with an `iter_*` walker.
    """

    currency = "USD"

    @classmethod
    def create(
        cls,
        config: FinosConfig,
        base_url: str,
        *,
        cache: RefCache,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> FinosClient:
        key = config.api_key.get_secret_value()
        auth: httpx.Auth
        if config.auth_scheme == "bearer":
            auth = StaticBearerAuth(key)
        else:
            auth = BasicUsernameAuth(key)
        http = build_http_client(base_url, config.http, auth=auth, transport=transport)
        return cls(http, cache=cache, scope=scope_of("finos", base_url, key))
