"""Managed accounts' reference data: asset classes (`/v1/asset_classes`) and model
portfolios (`/v1/portfolios`).

`all_*` and `get_*` read through the RefCache (kinds "asset_classes" and
"portfolios", scoped by credential); `list_*`/`iter_*` page the provider
directly. The reference documents only the writes; the reads (`GET` of the
collection and of one id) are the plain REST choice, the collection a cursor
list like every other Finos list. A write through this client drops that kind
from the cache so the next read sees it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..base import seg
from .base import MAX_LIMIT, FinosBase, money
from .records.common import Page
from .records.managed import AssetClass, Portfolio

ASSET_CLASSES = "asset_classes"
PORTFOLIOS = "portfolios"
_ALL = ("all",)  # the cache key of a whole collection; single records use ("id", id)


def _allocations(weights: Mapping[str, Decimal | str]) -> list[dict[str, str]]:
    return [{"asset_class_id": k, "weight": money(w)} for k, w in weights.items()]


class ReferenceMixin(FinosBase):
    # asset classes ------------------------------------------------------------------

    async def all_asset_classes(self) -> tuple[AssetClass, ...]:
        """Every asset class (`GET /v1/asset_classes`, all pages), through the cache."""

        async def load() -> tuple[AssetClass, ...]:
            return tuple([a async for a in self.iter_asset_classes()])

        return await self._cache.get_or_load(ASSET_CLASSES, self.credential_scope, _ALL, load)

    async def list_asset_classes(
        self,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        order: str | None = None,
    ) -> Page[AssetClass]:
        """`GET /v1/asset_classes`: one page, not cached."""
        return await self._page(
            AssetClass,
            "/v1/asset_classes",
            limit=limit,
            starting_after=starting_after,
            order=order,
        )

    def iter_asset_classes(
        self, *, cap: int | None = None, limit: int = MAX_LIMIT
    ) -> AsyncIterator[AssetClass]:
        return self._walk(self.list_asset_classes, cap, limit=limit)

    async def get_asset_class(self, asset_class_id: str) -> AssetClass:
        """`GET /v1/asset_classes/{id}`, cached."""

        async def load() -> AssetClass:
            return await self._get_one(AssetClass, f"/v1/asset_classes/{seg(asset_class_id)}")

        key = ("id", asset_class_id)
        return await self._cache.get_or_load(ASSET_CLASSES, self.credential_scope, key, load)

    async def create_asset_class(
        self,
        *,
        name: str,
        primary: str,
        secondary: Sequence[str] = (),
        idempotency_key: str | None = None,
    ) -> AssetClass:
        """`POST /v1/asset_classes` (the reference's curl; its "HTTP Request" line says PUT)."""
        body = {"name": name, "primary": primary, "secondary": list(secondary)}
        payload = await self._post("/v1/asset_classes", body, idempotency_key)
        self._cache.invalidate(ASSET_CLASSES)
        return self._parse(AssetClass, payload)

    async def put_asset_class(
        self, *, name: str, primary: str, secondary: Sequence[str] = ()
    ) -> AssetClass:
        """`PUT /v1/asset_classes`: the reference's "HTTP Request" line for creating one
        (its curl uses POST); answers like `create_asset_class`. Not idempotent-keyed:
        the key is documented for POSTs."""
        body = {"name": name, "primary": primary, "secondary": list(secondary)}
        payload = await self._send("PUT", "/v1/asset_classes", json=body)
        self._cache.invalidate(ASSET_CLASSES)
        return self._parse(AssetClass, payload)

    async def update_asset_class(
        self,
        asset_class_id: str,
        *,
        name: str | None = None,
        primary: str | None = None,
        secondary: Sequence[str] | None = None,
    ) -> AssetClass:
        """`PUT /v1/asset_classes/{id}`."""
        body: dict[str, Any] = {"name": name, "primary": primary}
        body["secondary"] = list(secondary) if secondary is not None else None
        body = {k: v for k, v in body.items() if v is not None}
        payload = await self._send("PUT", f"/v1/asset_classes/{seg(asset_class_id)}", json=body)
        self._cache.invalidate(ASSET_CLASSES)
        return self._parse(AssetClass, payload)

    # portfolios ---------------------------------------------------------------------

    async def all_portfolios(self) -> tuple[Portfolio, ...]:
        """Every portfolio (`GET /v1/portfolios`, all pages), through the cache."""

        async def load() -> tuple[Portfolio, ...]:
            return tuple([p async for p in self.iter_portfolios()])

        return await self._cache.get_or_load(PORTFOLIOS, self.credential_scope, _ALL, load)

    async def list_portfolios(
        self,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        order: str | None = None,
    ) -> Page[Portfolio]:
        """`GET /v1/portfolios`: one page, not cached."""
        return await self._page(
            Portfolio,
            "/v1/portfolios",
            limit=limit,
            starting_after=starting_after,
            order=order,
        )

    def iter_portfolios(
        self, *, cap: int | None = None, limit: int = MAX_LIMIT
    ) -> AsyncIterator[Portfolio]:
        return self._walk(self.list_portfolios, cap, limit=limit)

    async def get_portfolio(self, portfolio_id: str) -> Portfolio:
        """`GET /v1/portfolios/{id}`, cached."""

        async def load() -> Portfolio:
            return await self._get_one(Portfolio, f"/v1/portfolios/{seg(portfolio_id)}")

        key = ("id", portfolio_id)
        return await self._cache.get_or_load(PORTFOLIOS, self.credential_scope, key, load)

    async def create_portfolio(
        self,
        *,
        name: str,
        allocations: Mapping[str, Decimal | str],
        idempotency_key: str | None = None,
    ) -> Portfolio:
        """`POST /v1/portfolios` with `{asset_class_id: weight}`."""
        body = {"name": name, "allocations": _allocations(allocations)}
        payload = await self._post("/v1/portfolios", body, idempotency_key)
        self._cache.invalidate(PORTFOLIOS)
        return self._parse(Portfolio, payload)

    async def update_portfolio(
        self,
        portfolio_id: str,
        *,
        name: str | None = None,
        allocations: Mapping[str, Decimal | str] | None = None,
    ) -> Portfolio:
        """`PUT /v1/portfolios/{id}`: the plain REST form, id in the path as for asset
        classes (the reference's own form, without the id, is `put_portfolio`)."""
        body: dict[str, Any] = {}
        if name is not None:
            body["name"] = name
        if allocations is not None:
            body["allocations"] = _allocations(allocations)
        payload = await self._send("PUT", f"/v1/portfolios/{seg(portfolio_id)}", json=body)
        self._cache.invalidate(PORTFOLIOS)
        return self._parse(Portfolio, payload)

    async def put_portfolio(
        self,
        *,
        name: str,
        allocations: Mapping[str, Decimal | str],
        portfolio_id: str | None = None,
    ) -> Portfolio:
        """`PUT /v1/portfolios` in the reference's own form: the body names the portfolio
        (by `id` when given, else by `name`) and carries its new allocations."""
        body: dict[str, Any] = {"name": name, "allocations": _allocations(allocations)}
        if portfolio_id is not None:
            body["id"] = portfolio_id
        payload = await self._send("PUT", "/v1/portfolios", json=body)
        self._cache.invalidate(PORTFOLIOS)
        return self._parse(Portfolio, payload)
