"""The mortgages domain's data layer (Finmo, CAD; Molo, GBP): provider records, plain arguments.

    loaders       per-request dataloaders: the application lists read whole, details, applicants
    people        the people indexes (Finmo borrowers, Molo applicants) by id and by email
    links         a borrower's own applications
    choices       the values the providers accept for the inputs' choice fields
    validation    the field rules the inputs share (Checks -> Problems, the mortgages wording)
    validation_finmo, validation_molo, validation_molo_applicants
                  each input's rules, over Protocols of the inputs
    finmo_fields, molo_fields
                  what a write reads of its input; provider field names -> input paths
    watermarks    what a write saw just before it, kept for its reconcile (no provider key)
    finmo_writes  createApplication, the detail adds, setMortgageInformation: bodies,
                  calls, reconciles
    molo_writes   create/update an application, a decision in principle
    molo_applicants
                  add/update/replace/remove an applicant; the one-lead rule (Refused)
    max_loan      the max-loan calculation: its body, a quote's id, the call

The schema's types map the records and its write specs call these
(schema.mortgages); the clients are resolvers.finmo and resolvers.molo.
"""

from __future__ import annotations

from . import (
    choices,
    finmo_fields,
    finmo_writes,
    links,
    loaders,
    max_loan,
    molo_applicants,
    molo_fields,
    molo_writes,
    people,
    validation,
    validation_finmo,
    validation_molo,
    validation_molo_applicants,
    watermarks,
)

__all__ = [
    "choices",
    "finmo_fields",
    "finmo_writes",
    "links",
    "loaders",
    "max_loan",
    "molo_applicants",
    "molo_fields",
    "molo_writes",
    "people",
    "validation",
    "validation_finmo",
    "validation_molo",
    "validation_molo_applicants",
    "watermarks",
]
