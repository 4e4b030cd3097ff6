"""What a Borrower reaches in the brokerage domain: a Finos user's accounts."""

from __future__ import annotations

from resolvers import finos
from resolvers.brokerage import lists, loaders
from resolvers.brokerage.paging import page_args, sort_key, window

from ..authz_owner import caller_email, is_borrower
from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from ..people import borrowers_by_email
from ..relay import Connection
from .types import Account


async def accounts_of_borrower(
    info: Info, borrower: Borrower, *, first: int | None, after: str | None
) -> Connection[Account]:
    """`GET /v1/users/{id}/accounts` through a per-request loader keyed by user (and
    page): one call per distinct Finos user however many places ask; a borrower of
    another provider has no Finos accounts and costs nothing."""
    args = page_args(first, after)
    if borrower.provider is not Provider.FINOS:
        return Connection.build([], has_next=False, has_previous=False)
    page = await loaders.accounts_of_user(info.context, (str(borrower.provider_id), *args.key))
    if page is not None and is_borrower(info):  # their isolation checks need no read by id
        for account in page.items:
            loaders.prime_account(info.context, account)
    rows = window(page, args, lambda a: sort_key(a.created_at, a.id), lambda a: a.id)
    return Connection.of(rows, Account.from_finos)


async def own_accounts(info: Info, owner: str | None) -> list[finos.Account]:
    """A borrower caller's Finos accounts (as primary owner), every page of each of
    their Finos users' accounts (the cached user index finds them). `owner`: a Finos
    user id the client filtered on (someone else's: no accounts, no call)."""
    email = caller_email(info)
    users = [] if email is None else await borrowers_by_email(info, Provider.FINOS, email)
    ids = [str(u.provider_id) for u in users]
    if owner is not None:
        ids = [i for i in ids if i == owner]
    return await lists.every_account_of(info.context, ids)
