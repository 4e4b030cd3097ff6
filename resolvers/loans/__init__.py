"""The loans domain's data layer (FinanceIt, CAD), speaking FinanceIt records and plain arguments.

    paging      first/after -> page/limit at the cursor's offset; windows of (cursor, record)
    lists       the loan list (one or two calls a page) and a borrower's own loans
    people      the people index: every loan walked once, by borrower email (cached)
    loaders     per-request dataloaders: loans by id, commission totals, a lead's loan
    catalog     reference data: partners, promo programs, subverticals (cached)
    quotes      the calculator's parameters, their canonical form (a quote's id), the call
    requests    the writes' inputs in plain terms
    validation  the FinanceIt reference's rules an input must meet (Checks -> Problems)
    writes      sendDirectInvite / createSingleAccessLink / createCustomizedLink bodies, calls

The schema's types map the records (schema.loans); the FinanceIt client is resolvers.financeit.
"""

from __future__ import annotations

from . import catalog, lists, loaders, paging, people, quotes, requests, validation, writes

__all__ = [
    "catalog",
    "lists",
    "loaders",
    "paging",
    "people",
    "quotes",
    "requests",
    "validation",
    "writes",
]
