"""Which record an input field names: ownership declared on the field's type.

A mutation input field that can name a record carries one of these in its
annotation (`account_id: AccountRef`, `kyc_token: KycTokenRef`, `lead_id:
LeadRef`), so the borrower check (schema.authz_refs) knows what each value
points to whatever the field is called:

    Ref(kind)        a record: a schema global id of that Node type (`ID`), whose
                     owner rule is the type's own (Node.visible_to, Node.PUBLIC)
    Ref(kind, owned) a provider's own value (a Finos kycToken, a FinanceIt leadId)
                     with its owner rule, declared in its domain next to the inputs
                     that use it (schema.brokerage.refs, schema.loans.refs)
    Ref("Person")    an email: the caller's own; `co_party=True`: a co-applicant on
                     an application the same input names (already checked as theirs)
    Opaque()         a JSON object passed to the provider as is: a borrower's may
                     not name records by key (only their own email)
    NotRef(reason)   looks like a reference (an `...Id`, a number) but names none

`Annotated` metadata changes nothing in the GraphQL schema: the SDL stays the same.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from .context import Info

OwnerRule = Callable[["Info", Any], Awaitable[bool]]


async def anyone(_info: Info, _value: Any) -> bool:
    """The owner rule of reference data: anyone may name it."""
    return True


async def no_one(_info: Info, _value: Any) -> bool:
    """The owner rule of provider-wide records: no borrower may name them."""
    return False


@dataclass(frozen=True)
class Ref:
    """The field names a record of `kind` (a Node type name, or a provider value kind);
    `owned` is the owner rule of a provider value (None: the Node type's own rule)."""

    kind: str
    owned: OwnerRule | None = None
    co_party: bool = False


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
# records named by a provider's own value (KycTokenRef, LeadRef: in their domains)
PortfolioRef = Annotated[strawberry.ID, Ref("Portfolio", owned=anyone)]  # a model portfolio
WebhookRef = Annotated[strawberry.ID, Ref("Webhook", owned=no_one)]  # provider-wide
EmailRef = Annotated[str, Ref("Person")]  # a person, by email: the caller
CoApplicantEmailRef = Annotated[str, Ref("Person", co_party=True)]  # on the caller's application
OpaqueJSON = Annotated[JSON, Opaque()]

__all__ = [
    "AccountRef",
    "ApplicationRef",
    "BankAccountRef",
    "BorrowerRef",
    "BrokerRef",
    "CoApplicantEmailRef",
    "Declaration",
    "EmailRef",
    "LoanRef",
    "NotRef",
    "Opaque",
    "OpaqueJSON",
    "OrderRef",
    "OwnerRule",
    "PartnerRef",
    "PortfolioRef",
    "PromoProgramRef",
    "Ref",
    "TeamRef",
    "WebhookRef",
    "anyone",
    "no_one",
]
