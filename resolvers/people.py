"""Who a borrower is across providers: one person, matched by normalized email.

Each provider's part lists its people as a `PeopleDirectory`: by provider id,
by normalized email, newest first. Here those directories are asked through
per-request dataloaders (each provider once per level of a query, whatever the
number of borrowers asking), a person's profiles elsewhere are gathered newest
first (a failing provider costs only its own profiles: `on_failure` hears of
it), and the sources of the merged people list are chosen (every person, or a
borrower caller's own profiles, read from the same cached indexes).

The people are any records with a provider, a provider id, an email and a
creation time (`Person`); `request` is whatever the directories read a request
through, handed to them as it is, and `scope` gives the request's loaders.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Collection, Mapping, Sequence
from typing import Protocol, TypeVar

from .errors import ProviderError
from .people_paging import Listed, Named, sort_key
from .request import Scope


class Person(Listed, Protocol):
    """One person at one provider."""

    @property
    def email(self) -> str | None: ...


R = TypeVar("R")
R_in = TypeVar("R_in", contravariant=True)
T = TypeVar("T", bound=Person)
K = TypeVar("K")


class PeopleDirectory(Protocol[R_in, T]):
    """One provider's people."""

    @property
    def provider(self) -> Named: ...

    async def by_ids(self, request: R_in, ids: Sequence[str]) -> Sequence[T | None]:
        """The people with these provider ids, in the order asked (None: not there)."""
        ...

    async def by_emails(self, request: R_in, emails: Sequence[str]) -> dict[str, list[T]]:
        """People by normalized email; an email with no person may be left out."""
        ...

    def newest_first(self, request: R_in) -> AsyncIterator[T]:
        """Every person, newest first (by created_at, then provider id)."""
        ...


def normalize_email(email: str | None) -> str | None:
    """Lower case, no surrounding space: how emails are matched across providers."""
    if email is None:
        return None
    cleaned = email.strip().lower()
    return cleaned or None


async def by_email(
    scope: Scope, request: R, directory: PeopleDirectory[R, T], email: str
) -> list[T]:
    """One provider's people with this normalized email, batched per request."""

    async def batch(emails: list[str]) -> list[list[T]]:
        found = await directory.by_emails(request, emails)
        return [found.get(e, []) for e in emails]

    loader = scope.loaders.get(f"people.{directory.provider.value}.by_email", lambda: batch)
    result: list[T] = await loader.load(email)
    return result


async def by_id(
    scope: Scope, request: R, directory: PeopleDirectory[R, T], provider_id: str
) -> T | None:
    """One provider's person with this provider id, batched per request."""

    async def batch(ids: list[str]) -> list[T | None]:
        return list(await directory.by_ids(request, ids))

    loader = scope.loaders.get(f"people.{directory.provider.value}.by_id", lambda: batch)
    result: T | None = await loader.load(provider_id)
    return result


async def profiles(
    scope: Scope,
    request: R,
    directories: Sequence[PeopleDirectory[R, T]],
    person: T,
    *,
    include_self: bool,
    on_failure: Callable[[ProviderError], None],
) -> list[T]:
    """The same person (same normalized email) at every provider, newest first; a
    provider that fails is left out and handed to `on_failure`."""
    email = normalize_email(person.email)
    if email is None:
        return [person] if include_self else []
    answers = await asyncio.gather(
        *(by_email(scope, request, directory, email) for directory in directories),
        return_exceptions=True,
    )
    per_provider: list[list[T]] = []
    for answer in answers:  # a failing provider costs only its own profiles
        if isinstance(answer, ProviderError):
            on_failure(answer)
        elif isinstance(answer, BaseException):
            raise answer
        else:
            per_provider.append(answer)
    me = (person.provider.value, str(person.provider_id))
    found = [
        other
        for others in per_provider
        for other in others
        if include_self or (other.provider.value, str(other.provider_id)) != me
    ]
    return sorted(found, key=sort_key, reverse=True)


def chosen(
    directories: Mapping[K, PeopleDirectory[R, T]], providers: Collection[K] | None
) -> list[PeopleDirectory[R, T]]:
    """The directories of `providers` (None or empty: every provider), in registry order."""
    return [d for p, d in directories.items() if not providers or p in providers]


def everyone(request: R, directories: Sequence[PeopleDirectory[R, T]]) -> list[AsyncIterator[T]]:
    """Every provider's people, each newest first: the sources of the merged list."""
    return [directory.newest_first(request) for directory in directories]


async def _own(
    scope: Scope, request: R, directory: PeopleDirectory[R, T], email: str | None
) -> AsyncIterator[T]:
    found = [] if email is None else await by_email(scope, request, directory, email)
    for person in sorted(found, key=sort_key, reverse=True):
        yield person


def own(
    scope: Scope, request: R, directories: Sequence[PeopleDirectory[R, T]], email: str | None
) -> list[AsyncIterator[T]]:
    """A borrower caller's own profiles (by their email) at each provider, newest first,
    from the same cached indexes (no email: none)."""
    return [_own(scope, request, directory, email) for directory in directories]
