"""The Finos lists a root field or a borrower's view reads: one page, or every page.

`accounts` and `orders` are one provider call each (`limit` + `starting_after`
from the page arguments). The walks read every page (100 a call) of one user's
accounts or of several accounts' orders, for a borrower caller whose records are
filtered at the source and paged in memory (resolvers.brokerage.paging).
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import finos
from ..request import Scope
from . import loaders
from .paging import PageArgs

WALK_PAGE = 100


async def accounts(scope: Scope, user_id: str | None, args: PageArgs) -> finos.Page[finos.Account]:
    """One page of every account (`GET /v1/accounts`), or of one user's."""
    return await scope.providers.finos.list_all_accounts(
        user_id=user_id, limit=args.size, starting_after=args.starting_after
    )


async def orders(
    scope: Scope,
    *,
    status: str | None,
    account_id: str | None,
    symbol: str | None,
    args: PageArgs,
) -> finos.Page[finos.Order]:
    """One page of trade orders (`GET /v1/orders`), narrowed as asked."""
    return await scope.providers.finos.list_orders(
        status=status,
        account_id=account_id,
        symbol=symbol,
        limit=args.size,
        starting_after=args.starting_after,
    )


async def every_account_of(scope: Scope, user_ids: Sequence[str]) -> list[finos.Account]:
    """Every page of `GET /v1/users/{id}/accounts` for each user (ceil(accounts / 100)
    calls per user, through the per-request loader); each account is primed, so an
    isolation check of it later needs no read by id."""
    found: list[finos.Account] = []
    for user_id in user_ids:
        after: str | None = None
        while True:
            page = await loaders.accounts_of_user(scope, (user_id, WALK_PAGE, after))
            if page is None:
                break
            found.extend(page.items)
            if not page.has_more or not page.items:
                break
            after = page.items[-1].id
    for account in found:
        loaders.prime_account(scope, account)
    return found


async def every_order_of(
    scope: Scope, accounts: Sequence[str], *, status: str | None, symbol: str | None
) -> list[finos.Order]:
    """Every order of these accounts (`GET /v1/orders?account_id=`, 100 a page)."""
    client = scope.providers.finos
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
