"""What each provider's part of the schema offers the cross-provider views.

A `PeopleDirectory` finds one provider's borrowers by id and by email and
lists them newest first; a `NodeLoader` loads one provider's records of one
type by id. The domain packages (mortgages, loans, brokerage) implement them;
`schema.people` and `schema.node` batch the calls through per-request
dataloaders, so each provider is asked once per level of a query.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from .common import Provider
from .context import Info

if TYPE_CHECKING:
    from .borrower import Borrower


class PeopleDirectory(Protocol):
    provider: Provider

    async def by_ids(self, info: Info, ids: Sequence[str]) -> Sequence[Borrower | None]:
        """The borrowers with these provider ids, in the order asked (None: not there)."""
        ...

    async def by_emails(self, info: Info, emails: Sequence[str]) -> dict[str, list[Borrower]]:
        """Borrowers by normalized email; an email with no borrower may be left out."""
        ...

    def newest_first(self, info: Info) -> AsyncIterator[Borrower]:
        """Every borrower, newest first (by created_at, then provider id)."""
        ...


# (info, provider ids) -> records in the order asked, None where missing
NodeLoader = Callable[[Info, Sequence[str]], Awaitable[Sequence[Any]]]
