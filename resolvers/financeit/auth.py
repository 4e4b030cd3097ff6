"""FinanceIt's password/anonymous token flow as a TokenSource.

The token comes from POST /accounts/create_user_oauth_token, sent on the
client's own pooled httpx client with `auth=None` (the client exists first and
is handed over with `bind`). FinanceIt announces no expiry, so a token is kept
until a request answers 401; TokenAuth then fetches one new token and re-sends
once.

The token is kept in the token store too, and every fetch holds the store's
`exclusive` lock and looks there first: the workers of `fingate serve --workers N`
(and a restarted process) share one token, and after a 401 the first worker to get
the lock fetches the new one while the others take it from the store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..auth import Token, TokenSource
from ..tokens import MemoryTokenStore, TokenStore

if TYPE_CHECKING:
    from .client import FinanceItClient

logger = logging.getLogger(__name__)


class FinanceItTokenSource(TokenSource):
    def __init__(
        self,
        *,
        store: TokenStore | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(clock=clock)
        self._client: FinanceItClient | None = None
        self._store = store if store is not None else MemoryTokenStore()
        self._store_key = "financeit"
        self.adopted = 0  # tokens taken from the store, fetched by another process

    def bind(self, client: FinanceItClient) -> None:
        """The client whose pooled connection and credentials fetch the token; its
        credential scope (URL, app, login: never a secret) keys the stored token."""
        self._client = client
        self._store_key = f"financeit:{client.credential_scope}"

    async def fetch(self, current: Token | None) -> Token:
        if self._client is None:
            raise RuntimeError("FinanceItTokenSource.bind(client) was not called")
        async with self._store.exclusive(self._store_key):
            record = await self._store.get(self._store_key) or {}
            stored = record.get("access_token")
            if stored and (current is None or stored != current.access_token):
                self.adopted += 1
                return Token(access_token=stored)
            grant = await self._client.create_user_oauth_token()
            access = grant.access_token.get_secret_value()
            await self._store.put(self._store_key, {"access_token": access})
        logger.debug(
            "financeit: new %s token (replacing one: %s)", grant.user_type, current is not None
        )
        return Token(access_token=access)
