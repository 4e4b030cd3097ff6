"""FinanceIt's password/anonymous token flow as a TokenSource.

The token comes from POST /accounts/create_user_oauth_token, sent on the
client's own pooled httpx client with `auth=None` (the client exists first and
is handed over with `bind`). FinanceIt announces no expiry, so a token is kept
until a request answers 401; TokenAuth then fetches one new token and re-sends
once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..auth import Token, TokenSource

if TYPE_CHECKING:
    from .client import FinanceItClient

logger = logging.getLogger(__name__)


class FinanceItTokenSource(TokenSource):
    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(clock=clock)
        self._client: FinanceItClient | None = None

    def bind(self, client: FinanceItClient) -> None:
        """The client whose pooled connection and credentials fetch the token."""
        self._client = client

    async def fetch(self, current: Token | None) -> Token:
        if self._client is None:
            raise RuntimeError("FinanceItTokenSource.bind(client) was not called")
        grant = await self._client.create_user_oauth_token()
        logger.debug(
            "financeit: new %s token (replacing one: %s)", grant.user_type, current is not None
        )
        return Token(access_token=grant.access_token.get_secret_value())
