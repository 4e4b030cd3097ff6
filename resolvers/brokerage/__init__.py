"""The brokerage domain's data layer (Finos, USD), speaking Finos records and plain arguments.

    loaders         per-request dataloaders: every Finos read by key, market data
    paging          first/after -> limit/starting_after, and a page as (cursor, record)
    lists           the root lists (one call a page) and the walks of a borrower's own
    reference       asset classes and portfolios by id (cached collections)
    nodes           Position and Transaction by provider id (no endpoint of their own)
    people          the index of every user (by email, newest first), cached
    validation      the Finos field rules an input must meet (Checks -> Problems)
    writes          what every write shares: stored data without secrets, bodies, refusals
    trading         placeOrder / cancelOrder: the order rules and the calls sent
    people_writes   createUser / updateUser
    kyc             performKyc / answerKycQuestions / uploadKycDocument
    accounts_writes openAccount / updateAccount / updateAccountSettings
    funding         linkBankAccount / updateBankAccount / removeBankAccount / deposit / withdraw
    webhooks        createWebhook / updateWebhook

The schema's types map the records (schema.brokerage); the Finos client is resolvers.finos.
"""

from __future__ import annotations

from . import (
    accounts_writes,
    funding,
    kyc,
    lists,
    loaders,
    nodes,
    paging,
    people,
    people_writes,
    reference,
    trading,
    validation,
    webhooks,
    writes,
)

__all__ = [
    "accounts_writes",
    "funding",
    "kyc",
    "lists",
    "loaders",
    "nodes",
    "paging",
    "people",
    "people_writes",
    "reference",
    "trading",
    "validation",
    "webhooks",
    "writes",
]
