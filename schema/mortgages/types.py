"""Application: a Finmo or a Molo mortgage application, and what hangs off it.

Finmo's list answers applications with their applicants, team and broker
references; the sub-resources need the detail read. Molo's list answers
summaries; amounts, applicant ids and the DIP need the detail read, and each
applicant its own read. Every such read goes through a per-request
dataloader, so a page of applications costs one call per distinct record.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar

import strawberry

from resolvers.finmo import Application as FinmoApplication
from resolvers.molo import Application as MoloApplication
from resolvers.molo import ApplicationSummary as MoloSummary
from resolvers.mortgages.loaders import (
    finmo_applications,
    finmo_detail,
    molo_applicant,
    molo_detail,
    prime_molo_detail,
)

from ..authz_owner import owns
from ..borrower import Borrower
from ..common import PROVIDER_CURRENCY, Money, Node, Provider
from ..context import Info
from ..ids import to_global_id
from ..node import each
from ..upstream import upstream
from . import enums
from .applicants import ApplicationInvitation, DecisionInPrinciple, MortgageApplicant
from .details import (
    MortgageAsset,
    MortgageIncome,
    MortgageInformation,
    MortgageLiability,
    MortgageProperty,
)
from .owners import molo_application_visible
from .reference import Broker, Team, brokers_by_ids, team_by_id

GBP = PROVIDER_CURRENCY[Provider.MOLO]


@strawberry.type(description="A mortgage application: Finmo (Canada, CAD) or Molo (UK, GBP).")
class Application(Node):
    CO_PARTY_PARENT: ClassVar[bool] = True  # its borrowers are co-applicants of the caller
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finmo": 1, "molo": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """Finmo: the request's one list read, for any number of ids. Molo: one detail
        read per id (an upstream failure is that id's error alone)."""
        if provider == "finmo":
            records = await finmo_applications(info.context)
            known = {k.id: p for p, k in enumerate(records.keys)}  # validates only the ids asked
            return [cls.from_finmo(records[known[i]]) if i in known else None for i in ids]

        async def molo(provider_id: str) -> Application | None:
            detail = (
                await molo_detail(info.context, int(provider_id)) if provider_id.isdigit() else None
            )
            if detail is None:
                return None
            prime_molo_detail(info.context, detail)
            return cls.from_molo(detail)

        return await each(ids, molo)

    async def visible_to(self, info: Info) -> bool:
        if self.finmo is not None:  # the applicants are embedded: no read
            return owns(info, *(a.email for a in self.finmo.applicants))
        return await molo_application_visible(info, str(self.provider_id))

    provider: Provider
    provider_id: strawberry.ID
    status: enums.ApplicationStatus
    provider_status: str
    purpose: enums.MortgagePurpose
    provider_purpose: str | None = strawberry.field(description="Finmo goal, Molo mortgage_type.")
    created_at: datetime | None
    updated_at: datetime | None
    team_member_ids: list[strawberry.ID] | None = strawberry.field(
        description="Finmo teamMembers (broker ids); null for Molo."
    )
    invitations: list[ApplicationInvitation] | None = strawberry.field(
        description="Finmo invitations sent; null for Molo."
    )
    borrower_type: enums.MortgageBorrowerType | None = strawberry.field(
        description="Molo borrower_type; null for Finmo."
    )
    provider_borrower_type: str | None
    created_by: strawberry.ID | None = strawberry.field(description="Molo account that created it.")
    finmo: strawberry.Private[FinmoApplication | None]
    molo: strawberry.Private[MoloSummary | None]

    @classmethod
    def from_finmo(cls, r: FinmoApplication) -> Application:
        return cls(
            id=strawberry.ID(to_global_id("Application", "finmo", r.id)),
            provider=Provider.FINMO,
            provider_id=strawberry.ID(r.id),
            status=enums.finmo_status(r.status),
            provider_status=r.status,
            purpose=enums.finmo_purpose(r.goal),
            provider_purpose=r.goal,
            created_at=r.created_at,
            updated_at=r.updated_at,
            team_member_ids=[strawberry.ID(m) for m in r.team_members],
            invitations=[
                ApplicationInvitation(
                    user_id=strawberry.ID(i.user_id), channel=i.channel, sent_at=i.sent_at
                )
                for i in r.invitations
            ],
            borrower_type=None,
            provider_borrower_type=None,
            created_by=None,
            finmo=r,
            molo=None,
        )

    @classmethod
    def from_molo(cls, r: MoloSummary) -> Application:
        """From a list summary or a detail (a detail answers the detail fields without a call)."""
        return cls(
            id=strawberry.ID(to_global_id("Application", "molo", str(r.id))),
            provider=Provider.MOLO,
            provider_id=strawberry.ID(str(r.id)),
            status=enums.molo_status(r.status),
            provider_status=r.status,
            purpose=enums.molo_purpose(r.mortgage_type),
            provider_purpose=r.mortgage_type,
            created_at=r.created_at,
            updated_at=r.updated_at,
            team_member_ids=None,
            invitations=None,
            borrower_type=enums.molo_borrower_type(r.borrower_type),
            provider_borrower_type=r.borrower_type,
            created_by=None if r.created_by is None else strawberry.ID(str(r.created_by)),
            finmo=None,
            molo=r,
        )

    # both providers ---------------------------------------------------------------

    @strawberry.field(description="Finmo: the embedded applicants; Molo: one read per applicant.")
    async def borrowers(self, info: Info) -> list[Borrower] | None:
        applicants = await self.applicants(info)
        return None if applicants is None else [a.borrower for a in applicants]

    @strawberry.field(description="The people on the application, with provider-only facts.")
    async def applicants(self, info: Info) -> list[MortgageApplicant] | None:
        if self.finmo is not None:
            return [MortgageApplicant.from_finmo(a, self.finmo.id) for a in self.finmo.applicants]
        detail = await self._molo_detail(info)
        if detail is None:
            return None
        found = await asyncio.gather(
            *(molo_applicant(info.context, pk) for pk in detail.applicants)
        )
        return [MortgageApplicant.from_molo(a, detail.created_at) for a in found if a is not None]

    # Finmo ------------------------------------------------------------------------

    @strawberry.field(description="Finmo team (cached reference data); null for Molo.")
    async def team(self, info: Info) -> Team | None:
        if self.finmo is None:
            return None
        found = await team_by_id(info, self.finmo.team_id)
        if found is None and self.finmo.team is not None:
            return Team.from_finmo(self.finmo.team)
        return found

    @strawberry.field(
        description="Finmo brokers assigned (cached reference data); empty for Molo.",
        metadata=upstream(1),
    )
    async def brokers(self, info: Info) -> list[Broker] | None:
        if self.finmo is None:
            return []
        refs = {b.id: b for b in self.finmo.brokers}
        ids = list(dict.fromkeys([*self.finmo.team_members, *refs]))
        cached = await brokers_by_ids(info, ids)
        out: list[Broker] = []
        for broker_id, broker in zip(ids, cached, strict=True):
            if broker is not None:
                out.append(broker)
            elif broker_id in refs:
                out.append(Broker.from_finmo(refs[broker_id]))
        return out

    async def _finmo_detail(self, info: Info) -> FinmoApplication | None:
        if self.finmo is None:
            return None
        if self.finmo.assets is not None:  # already a detail read
            return self.finmo
        return await finmo_detail(info.context, self.finmo.id)

    @strawberry.field(
        description="Finmo assets (detail read); null for Molo.",
        metadata=upstream(1),
    )
    async def assets(self, info: Info) -> list[MortgageAsset] | None:
        detail = await self._finmo_detail(info)
        if detail is None or detail.assets is None:
            return None
        return [MortgageAsset.from_finmo(r) for r in detail.assets]

    @strawberry.field(
        description="Finmo incomes (detail read); null for Molo.",
        metadata=upstream(1),
    )
    async def incomes(self, info: Info) -> list[MortgageIncome] | None:
        detail = await self._finmo_detail(info)
        if detail is None or detail.incomes is None:
            return None
        return [MortgageIncome.from_finmo(r) for r in detail.incomes]

    @strawberry.field(
        description="Finmo liabilities (detail read); null for Molo.",
        metadata=upstream(1),
    )
    async def liabilities(self, info: Info) -> list[MortgageLiability] | None:
        detail = await self._finmo_detail(info)
        if detail is None or detail.liabilities is None:
            return None
        return [MortgageLiability.from_finmo(r) for r in detail.liabilities]

    @strawberry.field(
        description="Finmo properties (detail read); null for Molo.",
        metadata=upstream(1),
    )
    async def properties(self, info: Info) -> list[MortgageProperty] | None:
        detail = await self._finmo_detail(info)
        if detail is None or detail.properties is None:
            return None
        return [MortgageProperty.from_finmo(r) for r in detail.properties]

    @strawberry.field(description="Finmo mortgage information (detail read); null for Molo.")
    async def mortgage_information(self, info: Info) -> MortgageInformation | None:
        detail = await self._finmo_detail(info)
        if detail is None or detail.mortgage_information is None:
            return None
        return MortgageInformation.from_finmo(detail.mortgage_information)

    # Molo -------------------------------------------------------------------------

    async def _molo_detail(self, info: Info) -> MoloApplication | None:
        if self.molo is None:
            return None
        if isinstance(self.molo, MoloApplication):
            return self.molo
        return await molo_detail(info.context, self.molo.id)

    @strawberry.field(description="Molo desired_loan_amount (GBP); null for Finmo.")
    async def desired_loan_amount(self, info: Info) -> Money | None:
        detail = await self._molo_detail(info)
        return None if detail is None else Money.of(detail.desired_loan_amount, GBP)

    @strawberry.field(description="Molo property_value (GBP); null for Finmo.")
    async def property_value(self, info: Info) -> Money | None:
        detail = await self._molo_detail(info)
        return None if detail is None else Money.of(detail.property_value, GBP)

    @strawberry.field(description="Molo monthly_rent (GBP); null for Finmo.")
    async def monthly_rent(self, info: Info) -> Money | None:
        detail = await self._molo_detail(info)
        return None if detail is None else Money.of(detail.monthly_rent, GBP)

    @strawberry.field(description="Molo loan_term, in years; null for Finmo.")
    async def loan_term(self, info: Info) -> int | None:
        detail = await self._molo_detail(info)
        return None if detail is None else detail.loan_term

    @strawberry.field(description="Molo reference_id (a lead reference); null for Finmo.")
    async def reference_id(self, info: Info) -> str | None:
        detail = await self._molo_detail(info)
        return None if detail is None else detail.reference_id

    @strawberry.field(description="Molo applicant ids (detail read); null for Finmo.")
    async def applicant_ids(self, info: Info) -> list[strawberry.ID] | None:
        detail = await self._molo_detail(info)
        return None if detail is None else [strawberry.ID(str(a)) for a in detail.applicants]

    @strawberry.field(
        description="Molo: the decision in principle as the application records it "
        "(reading it never asks Molo for a new decision); null for Finmo."
    )
    async def decision_in_principle(self, info: Info) -> DecisionInPrinciple | None:
        if self.molo is None:
            return None
        status = self.molo.status
        pdf: str | None = None
        if enums.molo_decision(status) is enums.DecisionStatus.VALID:
            detail = await self._molo_detail(info)
            pdf = (detail.dip_pdf or None) if detail is not None else None
        return DecisionInPrinciple(
            status=enums.molo_decision(status), provider_status=status, pdf_base64=pdf
        )
