"""Access tokens issued by POST /accounts/create_user_oauth_token, and who holds them.

A token lives `financeit_token_ttl` seconds of the sandbox clock. Tokens are
64 hex characters like the reference's sample, derived from the seed, a
generation (bumped at every reseed) and a counter, so they are deterministic
yet never repeat within one process.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..provider import Clock


@dataclass(frozen=True)
class Session:
    """Who a token speaks for: the login's user, or an anonymous user."""

    anonymous: bool
    user_id: int | None
    expires_at: float

    @property
    def user_type(self) -> str:
        return "AnonymousUser" if self.anonymous else "Partner"


class Sessions:
    def __init__(self, clock: Clock, ttl: float, seed: int) -> None:
        self._clock = clock
        self._ttl = ttl
        self._seed = seed
        self._generation = 0
        self._issued = 0
        self._tokens: dict[str, Session] = {}

    def reset(self, seed: int) -> None:
        self._seed = seed
        self._generation += 1
        self._issued = 0
        self._tokens.clear()

    def issue(self, *, anonymous: bool, user_id: int | None) -> str:
        self._issued += 1
        raw = f"financeit-token:{self._seed}:{self._generation}:{self._issued}"
        token = hashlib.sha256(raw.encode()).hexdigest()
        expires_at = self._clock.now() + self._ttl
        self._tokens[token] = Session(anonymous=anonymous, user_id=user_id, expires_at=expires_at)
        return token

    def session_of(self, token: str) -> Session | None:
        session = self._tokens.get(token)
        if session is None:
            return None
        if session.expires_at <= self._clock.now():
            del self._tokens[token]
            return None
        return session

    def active_tokens(self) -> list[str]:
        """Tokens issued and not yet expired (tests check that none leaks into a log)."""
        now = self._clock.now()
        return [token for token, s in self._tokens.items() if s.expires_at > now]

    def expire_all(self) -> int:
        count = len(self._tokens)
        self._tokens.clear()
        return count
