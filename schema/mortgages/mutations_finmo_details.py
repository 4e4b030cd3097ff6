"""Finmo's writes on an application's details: addAsset, addIncome, addLiability,
addProperty (reconciled by watermark: the ids the application had just before the
write) and setMortgageInformation (a replace, reconciled by reading it back: the
same values mean the write landed, else it is safe to send again).

The rules are resolvers.mortgages.validation_finmo; the bodies, calls and
reconciles are resolvers.mortgages.finmo_writes.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from resolvers import finmo
from resolvers.checks import Checks
from resolvers.mortgages import finmo_fields as ff
from resolvers.mortgages import finmo_writes as fw
from resolvers.mortgages import validation_finmo as vf

from ..context import Info
from ..writes import run_write
from . import inputs_finmo as fi
from .details import (
    MortgageAsset,
    MortgageIncome,
    MortgageInformation,
    MortgageLiability,
    MortgageProperty,
)
from .payloads import (
    AddAssetPayload,
    AddIncomePayload,
    AddLiabilityPayload,
    AddPropertyPayload,
    SetMortgageInformationPayload,
)
from .writes import FinmoWrite

P = TypeVar("P")


class _AddDetail(FinmoWrite[P]):
    """One applicant-owned record added to an application, reconciled by watermark."""

    kind: ClassVar[fw.Detail[Any, Any]]

    async def send(self, provider_key: str | None) -> Any:
        return await fw.add_detail(self.info.context, self.kind, self.input, provider_key)

    async def reconcile(self, provider_key: str) -> Any | None:
        return await fw.added_detail(self.info.context, self.kind, self.input, provider_key)


class AddAsset(_AddDetail[AddAssetPayload]):
    mutation = "addAsset"
    record = finmo.Asset
    field_map = {name: name for name in ff.ASSET_FIELDS}
    kind = fw.ASSET

    def check(self, checks: Checks) -> None:
        vf.asset(checks, self.input)

    def payload(self, record: finmo.Asset) -> AddAssetPayload:
        return AddAssetPayload(asset=MortgageAsset.from_finmo(record))


class AddIncome(_AddDetail[AddIncomePayload]):
    mutation = "addIncome"
    record = finmo.Income
    field_map = {name: name for name in ff.INCOME_FIELDS}
    kind = fw.INCOME

    def check(self, checks: Checks) -> None:
        vf.income(checks, self.input)

    def payload(self, record: finmo.Income) -> AddIncomePayload:
        return AddIncomePayload(income=MortgageIncome.from_finmo(record))


class AddLiability(_AddDetail[AddLiabilityPayload]):
    mutation = "addLiability"
    record = finmo.Liability
    field_map = {name: name for name in ff.LIABILITY_FIELDS}
    kind = fw.LIABILITY

    def check(self, checks: Checks) -> None:
        vf.liability(checks, self.input)

    def payload(self, record: finmo.Liability) -> AddLiabilityPayload:
        return AddLiabilityPayload(liability=MortgageLiability.from_finmo(record))


class AddProperty(_AddDetail[AddPropertyPayload]):
    mutation = "addProperty"
    record = finmo.Property
    field_map = {name: name for name in ff.PROPERTY_FIELDS}
    kind = fw.PROPERTY

    def check(self, checks: Checks) -> None:
        vf.property_(checks, self.input)

    def payload(self, record: finmo.Property) -> AddPropertyPayload:
        return AddPropertyPayload(property=MortgageProperty.from_finmo(record))


class SetMortgageInformation(FinmoWrite[SetMortgageInformationPayload]):
    """A replace: reconciled by reading it back (the same values: it landed)."""

    mutation = "setMortgageInformation"
    record = finmo.MortgageInformation
    field_map = {name: name for name in ff.MORTGAGE_FIELDS}
    input: fi.SetMortgageInformationInput

    def check(self, checks: Checks) -> None:
        vf.mortgage_information(checks, self.input)

    async def send(self, provider_key: str | None) -> finmo.MortgageInformation:
        return await fw.set_mortgage_information(self.info.context, self.input)

    async def reconcile(self, provider_key: str) -> finmo.MortgageInformation | None:
        return await fw.mortgage_information_set(self.info.context, self.input)

    def payload(self, record: finmo.MortgageInformation) -> SetMortgageInformationPayload:
        return SetMortgageInformationPayload(
            mortgage_information=MortgageInformation.from_finmo(record)
        )


async def add_asset(info: Info, input: fi.AddAssetInput) -> AddAssetPayload:
    return await run_write(info, AddAsset(info, input))


async def add_income(info: Info, input: fi.AddIncomeInput) -> AddIncomePayload:
    return await run_write(info, AddIncome(info, input))


async def add_liability(info: Info, input: fi.AddLiabilityInput) -> AddLiabilityPayload:
    return await run_write(info, AddLiability(info, input))


async def add_property(info: Info, input: fi.AddPropertyInput) -> AddPropertyPayload:
    return await run_write(info, AddProperty(info, input))


async def set_mortgage_information(
    info: Info, input: fi.SetMortgageInformationInput
) -> SetMortgageInformationPayload:
    return await run_write(info, SetMortgageInformation(info, input))
