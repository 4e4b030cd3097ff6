"""Finos users as the people index reads them: by email and newest first.

One index of every user, built by walking `GET /v1/users` (100 a page) and kept
in the shared RefCache (kind "people_index", TTL from settings).
`GET /v1/users/search?email_address=` could answer one email per call, but a
query that asks for profiles asks for one email per borrower on the page: the
index costs ceil(users / 100) calls once per TTL (one call for the sandbox's
users) and nothing while warm, whatever the number of emails, and it also gives
the newest-first list the merged `borrowers` connection walks. The index is
sorted here (created_at desc, then id desc) rather than trusting the provider's
insertion order. A write that adds or changes a user forgets it (`forget_index`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import finos
from ..people import normalize_email
from ..request import Scope
from . import loaders
from .paging import sort_key

PEOPLE_INDEX = "people_index"  # RefCache kind, shared with the other providers' indexes
WALK_PAGE = 100


@dataclass(frozen=True)
class UserIndex:
    """Every Finos user: by normalized email, and newest first."""

    by_email: dict[str, list[finos.User]]
    newest_first: tuple[finos.User, ...]


async def user_index(scope: Scope) -> UserIndex:
    """The cached index of every user (one walk of `GET /v1/users` per TTL)."""
    client = scope.providers.finos

    async def load() -> UserIndex:
        everyone = [u async for u in client.iter_users(limit=WALK_PAGE)]
        everyone.sort(key=lambda u: sort_key(u.created_at, u.id), reverse=True)
        by_email: dict[str, list[finos.User]] = {}
        for user in everyone:
            email = normalize_email(user.email_address)
            if email is not None:
                by_email.setdefault(email, []).append(user)
        return UserIndex(by_email, tuple(everyone))

    cache = scope.providers.cache
    return await cache.get_or_load(PEOPLE_INDEX, client.credential_scope, "finos", load)


def forget_index(scope: Scope) -> None:
    """A user was added or changed (a name, an email): the index is read again."""
    scope.providers.cache.invalidate(PEOPLE_INDEX)


async def kyc_tokens_of(scope: Scope, email: str, cap: int = 20) -> list[str]:
    """The KYC tokens of the Finos users with this normalized email, read fresh (a user
    created a moment ago counts): `GET /v1/users/search`, and a user's own record where
    the search leaves its token out (through the request's loader)."""
    tokens: list[str] = []
    async for user in scope.providers.finos.iter_search_users(email_address=email, cap=cap):
        if normalize_email(user.email_address) != email:
            continue
        token = user.kyc_token
        if token is None:
            record = await loaders.user(scope, user.id)
            token = record.kyc_token if record is not None else None
        if token is not None:
            tokens.append(token)
    return tokens
