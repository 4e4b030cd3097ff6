"""Molo's OAuth 2.0 login: authorization code, then rotating refresh tokens.

Where the refresh token comes from, in order: the token store (the latest
rotated one, which survives restarts), else `config.refresh_token`, else none
and the configured authorization code is exchanged. If the provider refuses a
refresh token (invalid_grant) and an authorization code is configured, the
code is tried once instead.

Molo rotates refresh tokens: every refresh answers a new one and the old one
stops working. The new one is saved to the store before the new access token
is handed out, so a crash right after a refresh cannot lose the only valid
refresh token. The access token is saved with it (and its expiry, in wall-clock
seconds), and every fetch holds the store's `exclusive` lock and first looks
there: a worker or a restarted process whose token ran out takes the one
another process just obtained instead of spending the refresh token again.
Access tokens are refreshed `refresh_skew` seconds before
`expires_in` runs out (TokenSource, on the injected clock) and after a 401
(TokenAuth).

Nothing here logs or raises with a token, code or secret in it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Literal

from ..auth import Token, TokenSource
from ..base import scope_of
from ..config import MoloConfig
from ..errors import ProviderAuthError, ProviderValidationError
from ..tokens import TokenStore
from .records import TokenGrant

logger = logging.getLogger(__name__)

PROVIDER = "molo"
TokenPoster = Callable[[dict[str, str]], Awaitable[TokenGrant]]
TokenKind = Literal["access_token", "refresh_token"]


def token_store_key(base_url: str, client_id: str) -> str:
    """Where this client's refresh token is saved: per provider URL and client, never the secret."""
    return f"molo:{scope_of(base_url.rstrip('/'), client_id)}"


def is_invalid_grant(exc: ProviderValidationError) -> bool:
    """The token endpoint refused the grant itself (RFC 6749 invalid_grant)."""
    return exc.status == 400 and exc.message.split(":", 1)[0] == "invalid_grant"


class MoloTokenSource(TokenSource):
    def __init__(
        self,
        config: MoloConfig,
        *,
        store: TokenStore,
        store_key: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(skew=config.refresh_skew, clock=clock)
        self._config = config
        self._store = store
        self._store_key = store_key
        self._post: TokenPoster | None = None
        self.grants: list[str] = []  # grant types used, in order (never the values)
        self.adopted = 0  # access tokens taken from the store, saved by another process

    def bind(self, post: TokenPoster) -> None:
        """How to reach POST /oauth/token/ (the client's pooled connection, Basic auth)."""
        self._post = post

    async def stored_refresh_token(self) -> str | None:
        record = await self._store.get(self._store_key)
        value = (record or {}).get("refresh_token")
        return value or None

    async def _refresh_token(self, current: Token | None) -> str | None:
        stored = await self.stored_refresh_token()
        if stored:
            return stored
        if current is not None and current.refresh_token:
            return current.refresh_token
        if self._config.refresh_token is not None:
            return self._config.refresh_token.get_secret_value() or None
        return None

    async def fetch(self, current: Token | None) -> Token:
        async with self._store.exclusive(self._store_key):
            shared = await self._shared(current)
            return shared if shared is not None else await self._login(current)

    async def _shared(self, current: Token | None) -> Token | None:
        """The access token another process saved, if it is not `current` and still fresh."""
        record = await self._store.get(self._store_key) or {}
        access = record.get("access_token")
        if not access or (current is not None and access == current.access_token):
            return None
        expires_at: float | None = None
        if record.get("expires_at"):
            left = float(record["expires_at"]) - time.time()
            if left <= self._skew:
                return None
            expires_at = self._clock() + left
        self.adopted += 1
        return Token(access_token=access, expires_at=expires_at, refresh_token=None)

    async def _login(self, current: Token | None) -> Token:
        refresh = await self._refresh_token(current)
        code = self._config.authorization_code
        if refresh is not None:
            try:
                return await self._grant({"grant_type": "refresh_token", "refresh_token": refresh})
            except ProviderValidationError as exc:
                if not is_invalid_grant(exc):
                    raise
                if code is None:
                    raise ProviderAuthError(
                        PROVIDER,
                        "the refresh token was refused (invalid_grant) and no authorization "
                        "code is configured: authorize the gateway again",
                        status=exc.status,
                    ) from exc
                logger.warning("molo: refresh token refused; logging in with the code")
        if code is None:
            raise ProviderAuthError(
                PROVIDER,
                "no refresh token is stored or configured and no authorization code is configured",
            )
        form = {
            "grant_type": "authorization_code",
            "code": code.get_secret_value(),
            "redirect_uri": self._config.redirect_uri,
        }
        try:
            return await self._grant(form)
        except ProviderValidationError as exc:
            raise ProviderAuthError(
                PROVIDER, f"the authorization code was refused ({exc.message})", status=exc.status
            ) from exc

    async def _grant(self, form: dict[str, str]) -> Token:
        if self._post is None:
            raise RuntimeError("MoloTokenSource is not bound to a client")
        grant = await self._post(form)
        self.grants.append(form["grant_type"])
        refresh = grant.refresh_token.get_secret_value() if grant.refresh_token else None
        access = grant.access_token.get_secret_value()
        # Saved before the access token is used: the old refresh token is dead already.
        record = {"access_token": access, "refresh_token": refresh or ""}
        if not refresh:  # no rotation this time: the refresh token in use stays valid
            record["refresh_token"] = await self.stored_refresh_token() or ""
        if grant.expires_in is not None:
            record["expires_at"] = repr(time.time() + float(grant.expires_in))
        await self._store.put(self._store_key, record)
        logger.info("molo: obtained an access token (%s grant)", form["grant_type"])
        return Token(
            access_token=access,
            expires_at=self.expires_in(grant.expires_in),
            refresh_token=refresh,
        )

    async def current(self, kind: TokenKind) -> str | None:
        """The access or refresh token in use now, if any (for revocation)."""
        if kind == "refresh_token":
            return await self._refresh_token(self._token)
        return self._token.access_token if self._token is not None else None

    async def forget(self, kind: TokenKind) -> None:
        """Drop a revoked token: the next request logs in again."""
        async with self._lock, self._store.exclusive(self._store_key):
            if kind == "refresh_token":
                await self._store.put(self._store_key, {})
            else:  # keep the refresh token; no process may take the revoked access token
                record = await self._store.get(self._store_key) or {}
                record.pop("access_token", None)
                record.pop("expires_at", None)
                await self._store.put(self._store_key, record)
            self._token = None
