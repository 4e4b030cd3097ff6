"""`node(id)` and `nodes(ids)`: any object by its global id, batched per type and provider."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Sequence
from typing import Any

from .authz_owner import visible
from .common import Node, Provider
from .context import Info
from .directory import NodeLoader
from .errors import NotFound
from .ids import InvalidId, from_global_id


@functools.cache  # module constants: built once per process, not per lookup
def node_loaders() -> dict[tuple[str, str], NodeLoader]:
    """(type name, provider) -> loader, gathered from the domain packages."""
    from .brokerage.nodes import NODE_LOADERS as brokerage
    from .loans.nodes import NODE_LOADERS as loans
    from .mortgages.nodes import NODE_LOADERS as mortgages
    from .people import borrower_by_id

    loaders: dict[tuple[str, str], NodeLoader] = {**mortgages, **loans, **brokerage}
    for provider in Provider:

        async def borrowers(info: Info, ids: Sequence[str], p: Provider = provider) -> list[Any]:
            return list(await asyncio.gather(*(borrower_by_id(info, p, i) for i in ids)))

        loaders[("Borrower", provider.value)] = borrowers
    return loaders


# Calls one id can cost when its type fetches more than one record per id (the
# docstrings of the node loaders say why); every other known type costs one call.
NODE_CALLS: dict[tuple[str, str], int] = {
    ("Transaction", "finos"): 3,  # deposit, then withdrawal, then order
    ("Borrower", "molo"): 2,  # the applicant and its application
    ("Position", "finos"): 2,  # the account's positions, pages of 100 (two pages: 200)
}


def node_calls(global_id: str) -> int:
    """Upstream calls `node(id)` can make for this id, unbatched (0: no call at all)."""
    try:
        gid = from_global_id(global_id)
    except InvalidId:
        return 0
    key = (gid.type_name, gid.provider)
    if key not in node_loaders():
        return 0
    return NODE_CALLS.get(key, 1)


async def resolve_node(info: Info, global_id: str) -> Node | None:
    """The object, or None when the id is well formed but nothing has it (or, for a
    borrower caller, it is not theirs: schema.authz_owner)."""
    try:
        gid = from_global_id(global_id)
    except InvalidId:
        return None
    load = node_loaders().get((gid.type_name, gid.provider))
    if load is None:
        return None

    async def batch(ids: list[str]) -> list[Any]:
        return list(await load(info, ids))

    loader = info.context.loaders.get(f"node.{gid.type_name}.{gid.provider}", lambda: batch)
    found: Node | None = await loader.load(gid.provider_id)
    if found is not None and not await visible(info, found):
        return None  # someone else's record: the same answer as an id nobody has
    return found


async def node_or_error(info: Info, global_id: str) -> Node:
    found = await resolve_node(info, global_id)
    if found is None:
        raise NotFound(f"No object has the id {global_id!r}.")
    return found
