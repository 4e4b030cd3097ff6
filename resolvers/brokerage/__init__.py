"""The brokerage domain's data layer (Finos, USD), speaking Finos records and plain arguments.

    loaders     per-request dataloaders: every Finos read by key, market data
    paging      first/after -> limit/starting_after, and a page as (cursor, record)
    lists       the root lists (one call a page) and the walks of a borrower's own
    validation  the Finos field rules an input must meet (Checks -> Problems)
    writes      what every write shares: stored data without secrets, bodies, refusals
    trading     placeOrder / cancelOrder: the order rules and the calls sent

The schema's types map the records (schema.brokerage); the Finos client is resolvers.finos.
"""

from __future__ import annotations

from . import lists, loaders, paging, trading, validation, writes

__all__ = ["lists", "loaders", "paging", "trading", "validation", "writes"]
