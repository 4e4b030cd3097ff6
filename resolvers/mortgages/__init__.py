"""The mortgages domain's data layer (Finmo, CAD; Molo, GBP): provider records, plain arguments.

    loaders      per-request dataloaders: the application lists read whole, details, applicants
    people       the people indexes (Finmo borrowers, Molo applicants) by id and by email
    links        a borrower's own applications

The schema's types map the records (schema.mortgages); the clients are
resolvers.finmo and resolvers.molo.
"""

from __future__ import annotations

from . import links, loaders, people

__all__ = ["links", "loaders", "people"]
