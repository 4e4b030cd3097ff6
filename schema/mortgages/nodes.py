"""node(id) for the mortgages types: (type name, provider) -> batched loader.

Finmo applications come from the one list read of the request (one call for
any number of ids); Molo applications from their detail reads (one per id);
teams and brokers from the cached reference data; a sub-resource from its
application's detail read; a max-loan quote is recalculated from its inputs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from resolvers.finmo import Application as FinmoApplication
from resolvers.mortgages import max_loan
from resolvers.mortgages.loaders import (
    finmo_applications,
    finmo_brokers,
    finmo_detail,
    finmo_teams,
    molo_detail,
    prime_molo_detail,
)

from ..context import Info
from ..directory import NodeLoader
from .details import (
    MortgageAsset,
    MortgageIncome,
    MortgageInformation,
    MortgageLiability,
    MortgageProperty,
)
from .quotes import quote_max_loan
from .reference import Broker, Team
from .types import Application


def _molo_pk(provider_id: str) -> int | None:
    return int(provider_id) if provider_id.isdigit() else None


async def finmo_application_nodes(info: Info, ids: Sequence[str]) -> list[Application | None]:
    known = {r.id: r for r in await finmo_applications(info.context)}
    return [Application.from_finmo(known[i]) if i in known else None for i in ids]


async def molo_application_nodes(info: Info, ids: Sequence[str]) -> list[Any]:
    async def one(provider_id: str) -> Application | None:
        pk = _molo_pk(provider_id)
        detail = None if pk is None else await molo_detail(info.context, pk)
        if detail is None:
            return None
        prime_molo_detail(info.context, detail)
        return Application.from_molo(detail)

    # an upstream failure is that id's error alone (aiodataloader rejects that key)
    return list(await asyncio.gather(*(one(i) for i in ids), return_exceptions=True))


async def team_nodes(info: Info, ids: Sequence[str]) -> list[Team | None]:
    known = {t.id: t for t in await finmo_teams(info.context)}
    return [Team.from_finmo(known[i]) if i in known else None for i in ids]


async def broker_nodes(info: Info, ids: Sequence[str]) -> list[Broker | None]:
    known = {b.id: b for b in await finmo_brokers(info.context)}
    return [Broker.from_finmo(known[i]) if i in known else None for i in ids]


async def max_loan_quote_nodes(info: Info, ids: Sequence[str]) -> list[Any]:
    async def one(provider_id: str) -> Any:
        body = max_loan.decode_inputs(provider_id)
        return None if body is None else await quote_max_loan(info, body)

    # an upstream failure is that id's error alone (aiodataloader rejects that key)
    return list(await asyncio.gather(*(one(i) for i in ids), return_exceptions=True))


def _detail_nodes(pick: Callable[[FinmoApplication, str], Any]) -> NodeLoader:
    """Sub-resource ids are "<application id>:<own id>": read through the detail loader."""

    async def load(info: Info, ids: Sequence[str]) -> list[Any]:
        async def one(provider_id: str) -> Any:
            application_id, _, own_id = provider_id.partition(":")
            detail = await finmo_detail(info.context, application_id) if application_id else None
            return None if detail is None else pick(detail, own_id)

        return list(await asyncio.gather(*(one(i) for i in ids)))

    return load


def _asset(d: FinmoApplication, own: str) -> MortgageAsset | None:
    found = [MortgageAsset.from_finmo(r) for r in d.assets or () if r.id == own]
    return found[0] if found else None


def _income(d: FinmoApplication, own: str) -> MortgageIncome | None:
    found = [MortgageIncome.from_finmo(r) for r in d.incomes or () if r.id == own]
    return found[0] if found else None


def _liability(d: FinmoApplication, own: str) -> MortgageLiability | None:
    found = [MortgageLiability.from_finmo(r) for r in d.liabilities or () if r.id == own]
    return found[0] if found else None


def _property(d: FinmoApplication, own: str) -> MortgageProperty | None:
    found = [MortgageProperty.from_finmo(r) for r in d.properties or () if r.id == own]
    return found[0] if found else None


async def mortgage_information_nodes(info: Info, ids: Sequence[str]) -> list[Any]:
    async def one(application_id: str) -> MortgageInformation | None:
        detail = await finmo_detail(info.context, application_id)
        if detail is None or detail.mortgage_information is None:
            return None
        return MortgageInformation.from_finmo(detail.mortgage_information)

    return list(await asyncio.gather(*(one(i) for i in ids)))


NODE_LOADERS: dict[tuple[str, str], NodeLoader] = {
    ("Application", "finmo"): finmo_application_nodes,
    ("Application", "molo"): molo_application_nodes,
    ("Team", "finmo"): team_nodes,
    ("Broker", "finmo"): broker_nodes,
    ("MaxLoanQuote", "molo"): max_loan_quote_nodes,
    ("MortgageAsset", "finmo"): _detail_nodes(_asset),
    ("MortgageIncome", "finmo"): _detail_nodes(_income),
    ("MortgageLiability", "finmo"): _detail_nodes(_liability),
    ("MortgageProperty", "finmo"): _detail_nodes(_property),
    ("MortgageInformation", "finmo"): mortgage_information_nodes,
}
