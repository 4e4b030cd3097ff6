"""The mortgages mutations: every write Finmo's and Molo's references document.

Each takes one `input` (with `idempotencyKey`) and answers a payload with the
affected object and `userErrors`; each runs through `schema.writes.run_write`.
Molo's max-loan calculation is not here: it stores nothing, so it stays the
`maxLoanQuote` query.
"""

from __future__ import annotations

import strawberry

from ..access import APPLICATIONS_WRITE, access
from . import mutations_applicants as applicants
from . import mutations_finmo as finmo
from . import mutations_finmo_details as details
from . import mutations_molo as molo
from . import payloads

FINMO = "Finmo (Canada, CAD). "
MOLO = "Molo (UK buy-to-let, GBP). "


@strawberry.type
class MortgagesMutation:
    create_application: payloads.CreateApplicationPayload = strawberry.mutation(
        resolver=finmo.create_application,
        description=FINMO + "A new application, inviting a new applicant or an existing borrower.",
        metadata=access(APPLICATIONS_WRITE),
    )
    add_asset: payloads.AddAssetPayload = strawberry.mutation(
        resolver=details.add_asset,
        description=FINMO + "Add an asset to an application.",
        metadata=access(APPLICATIONS_WRITE),
    )
    add_income: payloads.AddIncomePayload = strawberry.mutation(
        resolver=details.add_income,
        description=FINMO + "Add an income to an application.",
        metadata=access(APPLICATIONS_WRITE),
    )
    add_liability: payloads.AddLiabilityPayload = strawberry.mutation(
        resolver=details.add_liability,
        description=FINMO + "Add a liability to an application.",
        metadata=access(APPLICATIONS_WRITE),
    )
    add_property: payloads.AddPropertyPayload = strawberry.mutation(
        resolver=details.add_property,
        description=FINMO + "Add a property to an application.",
        metadata=access(APPLICATIONS_WRITE),
    )
    set_mortgage_information: payloads.SetMortgageInformationPayload = strawberry.mutation(
        resolver=details.set_mortgage_information,
        description=FINMO + "Set (replace) the mortgage asked for on an application.",
        metadata=access(APPLICATIONS_WRITE),
    )
    create_mortgage_application: payloads.CreateMortgageApplicationPayload = strawberry.mutation(
        resolver=molo.create_mortgage_application,
        description=MOLO + "A new application.",
        metadata=access(APPLICATIONS_WRITE),
    )
    update_mortgage_application: payloads.UpdateMortgageApplicationPayload = strawberry.mutation(
        resolver=molo.update_mortgage_application,
        description=MOLO + "Change an application's fields (only those given).",
        metadata=access(APPLICATIONS_WRITE),
    )
    request_decision_in_principle: payloads.RequestDecisionInPrinciplePayload = strawberry.mutation(
        resolver=molo.request_decision_in_principle,
        description=MOLO + "Ask for a decision in principle (runs a soft credit search).",
        metadata=access(APPLICATIONS_WRITE),
    )
    add_applicant: payloads.AddApplicantPayload = strawberry.mutation(
        resolver=applicants.add_applicant,
        description=MOLO + "Add an applicant; an application has exactly one lead.",
        metadata=access(APPLICATIONS_WRITE),
    )
    update_applicant: payloads.UpdateApplicantPayload = strawberry.mutation(
        resolver=applicants.update_applicant,
        description=MOLO + "Change an applicant's fields (only those given).",
        metadata=access(APPLICATIONS_WRITE),
    )
    replace_applicant: payloads.ReplaceApplicantPayload = strawberry.mutation(
        resolver=applicants.replace_applicant,
        description=MOLO + "Replace an applicant as a whole (names kept when not given).",
        metadata=access(APPLICATIONS_WRITE),
    )
    remove_applicant: payloads.RemoveApplicantPayload = strawberry.mutation(
        resolver=applicants.remove_applicant,
        description=MOLO + "Remove an applicant (not the lead while others remain).",
        metadata=access(APPLICATIONS_WRITE),
    )
