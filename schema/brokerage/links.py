"""What a Borrower reaches in the brokerage domain: a Finos user's accounts."""

from __future__ import annotations

from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from ..relay import Connection
from . import loaders
from .paging import connection, empty, page_args, sort_key
from .types import Account


async def accounts_of_borrower(
    info: Info, borrower: Borrower, *, first: int | None, after: str | None
) -> Connection[Account]:
    """`GET /v1/users/{id}/accounts` through a per-request loader keyed by user (and
    page): one call per distinct Finos user however many places ask; a borrower of
    another provider has no Finos accounts and costs nothing."""
    args = page_args(first, after)
    if borrower.provider is not Provider.FINOS:
        return empty()
    page = await loaders.accounts_of_user(info, (str(borrower.provider_id), *args.key))
    return connection(
        page, args, Account.from_finos, lambda a: sort_key(a.created_at, a.id), lambda a: a.id
    )
