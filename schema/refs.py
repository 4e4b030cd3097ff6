"""Which record an input field names: ownership declared on the field's type.

A mutation input field that can name a record carries one of these in its
annotation (`account_id: AccountRef`, `kyc_token: KycTokenRef`, `lead_id:
LeadRef`), so the borrower check (schema.authz_refs) knows what each value
points to whatever the field is called:

    Ref(kind)        a record: a schema global id of that Node type (`ID`), or a
                     provider's own value (a Finos kycToken, a FinanceIt leadId);
                     schema.authz_refs has one owner rule per kind
    Opaque()         a JSON object passed to the provider as is: a borrower's may
                     not name records by key (only their own email)
    NotRef(reason)   looks like a reference (an `...Id`, a number) but names none

`Annotated` metadata changes nothing in the GraphQL schema: the SDL stays the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import strawberry
from strawberry.scalars import JSON


@dataclass(frozen=True)
class Ref:
    """The field names a record of `kind` (a Node type name, or a provider value kind)."""

    kind: str


@dataclass(frozen=True)
class Opaque:
    """A JSON value passed as is: checked by key for a borrower caller."""


@dataclass(frozen=True)
class NotRef:
    """Not a reference, though its name or type looks like one: `reason` says why."""

    reason: str


Declaration = Ref | Opaque | NotRef

# records named by global id
ApplicationRef = Annotated[strawberry.ID, Ref("Application")]
BorrowerRef = Annotated[strawberry.ID, Ref("Borrower")]
AccountRef = Annotated[strawberry.ID, Ref("Account")]
OrderRef = Annotated[strawberry.ID, Ref("Order")]
BankAccountRef = Annotated[strawberry.ID, Ref("BankAccount")]
LoanRef = Annotated[strawberry.ID, Ref("Loan")]
TeamRef = Annotated[strawberry.ID, Ref("Team")]
BrokerRef = Annotated[strawberry.ID, Ref("Broker")]
PartnerRef = Annotated[strawberry.ID, Ref("Partner")]
PromoProgramRef = Annotated[strawberry.ID, Ref("PromoProgram")]
# records named by a provider's own value
KycTokenRef = Annotated[str, Ref("KycCheck")]  # a Finos KYC check's token
LeadRef = Annotated[int, Ref("Lead")]  # a FinanceIt lead: the loans made from it
PortfolioRef = Annotated[strawberry.ID, Ref("Portfolio")]  # a Finos model portfolio
WebhookRef = Annotated[strawberry.ID, Ref("Webhook")]  # a Finos webhook (provider-wide)
EmailRef = Annotated[str, Ref("Person")]  # a person, by email
OpaqueJSON = Annotated[JSON, Opaque()]

__all__ = [
    "AccountRef",
    "ApplicationRef",
    "BankAccountRef",
    "BorrowerRef",
    "BrokerRef",
    "Declaration",
    "EmailRef",
    "KycTokenRef",
    "LeadRef",
    "LoanRef",
    "NotRef",
    "Opaque",
    "OpaqueJSON",
    "OrderRef",
    "PartnerRef",
    "PortfolioRef",
    "PromoProgramRef",
    "Ref",
    "TeamRef",
    "WebhookRef",
]
