"""Opaque global ids (the data layer's, resolvers.ids), named here for the schema's modules."""

from __future__ import annotations

from resolvers.ids import PROVIDERS, GlobalId, InvalidId, from_global_id, to_global_id

__all__ = ["PROVIDERS", "GlobalId", "InvalidId", "from_global_id", "to_global_id"]
