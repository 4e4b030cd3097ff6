"""`node(id)` and `nodes(ids)`: any object by its global id, batched per type and provider.

Each Node type resolves its own ids (`Node.resolve_nodes`, next to its fields) and
states the providers it resolves them for, with what one id can cost
(`Node.NODE_CALLS`); this module finds the type a global id names and batches its ids
through one per-request dataloader per (type, provider).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from .authz_owner import visible
from .common import Node
from .context import Info
from .errors import NotFound
from .ids import InvalidId, from_global_id

R = TypeVar("R")
T = TypeVar("T")


async def each(ids: Sequence[str], one: Callable[[str], Awaitable[Any]]) -> list[Any]:
    """One coroutine per id; an exception stays that id's (the node loader rejects it alone)."""
    return list(await asyncio.gather(*(one(i) for i in ids), return_exceptions=True))


async def each_by_id(
    ids: Sequence[str],
    fetch: Callable[[str], Awaitable[R | None]],
    build: Callable[[R], T],
) -> list[T | None]:
    """`fetch` per id (a request loader: one call per distinct id), `build` what is found."""
    found = await asyncio.gather(*(fetch(i) for i in ids))
    return [None if record is None else build(record) for record in found]


def node_calls(global_id: str) -> int:
    """Upstream calls `node(id)` can make for this id, unbatched (0: no call at all)."""
    try:
        gid = from_global_id(global_id)
    except InvalidId:
        return 0
    node_type = Node.type_named(gid.type_name)
    return 0 if node_type is None else node_type.NODE_CALLS.get(gid.provider, 0)


def resolves(type_name: str, provider: str) -> bool:
    """Does `node(id)` resolve ids of this type at this provider?"""
    node_type = Node.type_named(type_name)
    return node_type is not None and provider in node_type.NODE_CALLS


async def resolve_node(info: Info, global_id: str) -> Node | None:
    """The object, or None when the id is well formed but nothing has it (or, for a
    borrower caller, it is not theirs: its type's `visible_to`)."""
    try:
        gid = from_global_id(global_id)
    except InvalidId:
        return None
    node_type = Node.type_named(gid.type_name)
    if node_type is None or gid.provider not in node_type.NODE_CALLS:
        return None

    async def batch(ids: list[str]) -> list[Any]:
        return await node_type.resolve_nodes(info, gid.provider, ids)

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
