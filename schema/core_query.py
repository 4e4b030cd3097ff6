"""Root fields that span every provider: node, nodes, borrowers, borrower."""

from __future__ import annotations

import asyncio

import strawberry

from .access import PEOPLE_READ, access
from .authz_owner import visible
from .borrower import Borrower
from .common import Node, Provider
from .context import Info
from .errors import BadInput, NotFound
from .ids import InvalidId, from_global_id
from .node import node_calls, node_or_error, resolve_node
from .people import borrower_by_id, list_borrowers
from .relay import Connection
from .upstream import upstream

MAX_NODES = 100


@strawberry.type
class CoreQuery:
    @strawberry.field(
        description="Any object by its global id.",
        metadata=upstream(0, per_id=node_calls) | access(PEOPLE_READ, filtered_at_source=True),
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await node_or_error(info, id)

    @strawberry.field(
        description="Objects by global id, in the order asked (at most 100).",
        metadata=upstream(0, per_id=node_calls) | access(PEOPLE_READ, filtered_at_source=True),
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None] | None:
        # nullable, as every root field: a refused or failed `nodes` costs only itself
        if len(ids) > MAX_NODES:
            raise BadInput(f"nodes takes at most {MAX_NODES} ids; {len(ids)} were given.")
        found = await asyncio.gather(*(resolve_node(info, i) for i in ids))
        return list(found)

    @strawberry.field(
        description="Borrowers at every provider (or those named), newest first.",
        metadata=access(PEOPLE_READ, filtered_at_source=True),
    )
    async def borrowers(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        providers: list[Provider] | None = None,
    ) -> Connection[Borrower] | None:
        return await list_borrowers(info, providers=providers, first=first, after=after)

    @strawberry.field(
        description="One borrower by global id.",
        metadata=access(PEOPLE_READ, filtered_at_source=True),
    )
    async def borrower(self, info: Info, id: strawberry.ID) -> Borrower | None:
        try:
            gid = from_global_id(id)
        except InvalidId as exc:
            raise NotFound(f"No borrower has the id {id!r}.") from exc
        if gid.type_name != "Borrower":
            raise NotFound(f"No borrower has the id {id!r}.")
        found = await borrower_by_id(info, Provider(gid.provider), gid.provider_id)
        if found is None or not await visible(info, found):
            raise NotFound(f"No borrower has the id {id!r}.")
        return found
