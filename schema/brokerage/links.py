"""What a Borrower reaches in the brokerage domain: a Finos user's accounts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from resolvers import finos
from resolvers.merge import SortKey

from ..authz_owner import caller_email, is_borrower
from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from ..people import borrowers_by_email
from ..relay import Connection
from . import loaders
from .paging import PageArgs, connection, empty, page_args, sort_key
from .types import Account

R = TypeVar("R")
T = TypeVar("T")
WALK_PAGE = 100


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
    if page is not None and is_borrower(info):  # their isolation checks need no read by id
        for account in page.items:
            loaders.prime_account(info, account)
    return connection(
        page, args, Account.from_finos, lambda a: sort_key(a.created_at, a.id), lambda a: a.id
    )


async def own_accounts(info: Info, owner: str | None) -> list[finos.Account]:
    """A borrower caller's Finos accounts (as primary owner), every page of
    `GET /v1/users/{id}/accounts` for each of their Finos users (the cached user
    index finds them): ceil(accounts / 100) calls per user. `owner`: a Finos user id
    the client filtered on (someone else's: no accounts, no call)."""
    email = caller_email(info)
    users = [] if email is None else await borrowers_by_email(info, Provider.FINOS, email)
    ids = [str(u.provider_id) for u in users]
    if owner is not None:
        ids = [i for i in ids if i == owner]
    found: list[finos.Account] = []
    for user_id in ids:
        after: str | None = None
        while True:
            page = await loaders.accounts_of_user(info, (user_id, WALK_PAGE, after))
            if page is None:
                break
            found.extend(page.items)
            if not page.has_more or not page.items:
                break
            after = page.items[-1].id
    for account in found:  # the isolation check of their orders needs no read by id
        loaders.prime_account(info, account)
    return found


async def own_orders(
    info: Info, accounts: Sequence[str], *, status: str | None, symbol: str | None
) -> list[finos.Order]:
    """Every order of these accounts (`GET /v1/orders?account_id=`, 100 a page)."""
    client = info.context.providers.finos
    found: list[finos.Order] = []
    for account_id in accounts:
        after: str | None = None
        while True:
            page = await client.list_orders(
                status=status,
                account_id=account_id,
                symbol=symbol,
                limit=WALK_PAGE,
                starting_after=after,
            )
            found.extend(page.items)
            if not page.has_more or not page.items:
                break
            after = page.items[-1].id
    return found


def page_in_memory(
    rows: Sequence[R],
    args: PageArgs,
    node: Callable[[R], T],
    key: Callable[[R], SortKey],
    resume_id: Callable[[R], str],
) -> Connection[T]:
    """One page of rows held whole, newest first, resumed after the cursor's Finos id
    (the same cursors as a provider page, so a client pages the same way)."""
    ordered = sorted(rows, key=key, reverse=True)
    start = 0
    if args.starting_after is not None:
        ids = [resume_id(r) for r in ordered]
        start = ids.index(args.starting_after) + 1 if args.starting_after in ids else len(ids)
    window = ordered[start : start + args.size + 1]
    page: finos.Page[R] = finos.Page(
        items=tuple(window[: args.size]),
        next_cursor="more" if len(window) > args.size else None,  # only has_more is read
    )
    return connection(page, args, node, key, resume_id)
