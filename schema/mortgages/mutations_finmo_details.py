"""Finmo's writes on an application's details: addAsset, addIncome, addLiability,
addProperty (reconciled by watermark: the ids the application had just before the
write) and setMortgageInformation (a replace, reconciled by reading it back: the
same values mean the write landed, else it is safe to send again).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from resolvers.errors import ProviderNotFound
from resolvers.finmo import AddressInput as FinmoAddress
from resolvers.finmo import (
    Asset,
    AssetInput,
    Income,
    IncomeInput,
    Liability,
    LiabilityInput,
    MortgageInformationInput,
    Property,
    PropertyInput,
)
from resolvers.finmo import MortgageInformation as FinmoMortgageInformation

from ..context import Info
from ..writes import UserError, Write
from . import inputs_finmo as fi
from .details import (
    MortgageAsset,
    MortgageIncome,
    MortgageInformation,
    MortgageLiability,
    MortgageProperty,
)
from .mutations_finmo import json_of, missing_application, pid
from .mutations_support import found, reconciler, refuse_or_run, remember
from .payloads import (
    AddAssetPayload,
    AddIncomePayload,
    AddLiabilityPayload,
    AddPropertyPayload,
    SetMortgageInformationPayload,
)

R = TypeVar("R", bound=BaseModel)
P = TypeVar("P")


async def _add_detail(
    info: Info,
    *,
    mutation: str,
    input: Any,
    problems: list[UserError],
    record_type: type[R],
    send: Callable[[str], Awaitable[R]],
    listing: Callable[[str], Awaitable[list[R]]],
    same: Callable[[R], bool],
    build: Callable[[R], P],
    refused: Callable[[list[UserError]], P],
    fields: tuple[str, ...],
) -> P:
    """One applicant-owned record added to an application, reconciled by watermark."""
    app_id = str(pid(input.application_id))

    async def perform(key: str | None) -> dict[str, Any]:
        try:
            if key is not None:
                await remember(
                    info, key, {"ids": [str(getattr(r, "id", "")) for r in await listing(app_id)]}
                )
            return json_of(await send(app_id))
        except ProviderNotFound as exc:
            raise missing_application() from exc

    async def find(seen: dict[str, Any]) -> dict[str, Any] | None:
        records = await found(listing(app_id))
        new = [r for r in records or [] if getattr(r, "id", None) not in seen["ids"] and same(r)]
        return json_of(new[-1]) if new else None  # oldest first: the last one is the newest

    write = Write(
        mutation=mutation,
        input=input,
        validate=lambda: problems,
        perform=perform,
        build=lambda d: build(record_type.model_validate(d)),
        refused=refused,
        field_map={name: name for name in fields},
        reconcile=reconciler(info, find),
    )
    return await refuse_or_run(info, write)


async def add_asset(info: Info, input: fi.AddAssetInput) -> AddAssetPayload:
    problems = input.check()
    if problems:
        return AddAssetPayload(user_errors=problems)
    finmo = info.context.providers.finmo
    body = AssetInput(
        type=input.type,
        value=input.value,
        applicant_id=pid(input.applicant_id),
        description=input.description,
    )
    return await _add_detail(
        info,
        mutation="addAsset",
        input=input,
        problems=problems,
        record_type=Asset,
        send=lambda app: finmo.add_asset(app, body),
        listing=finmo.assets,
        same=lambda r: r.type == body.type and r.value == body.value,
        build=lambda r: AddAssetPayload(asset=MortgageAsset.from_finmo(r)),
        refused=lambda e: AddAssetPayload(user_errors=e),
        fields=("type", "value", "applicantId", "description"),
    )


async def add_income(info: Info, input: fi.AddIncomeInput) -> AddIncomePayload:
    problems = input.check()
    if problems:
        return AddIncomePayload(user_errors=problems)
    finmo = info.context.providers.finmo
    body = IncomeInput(
        type=input.type,
        amount=input.amount,
        period=input.period,
        applicant_id=pid(input.applicant_id),
        employer_name=input.employer_name,
    )
    return await _add_detail(
        info,
        mutation="addIncome",
        input=input,
        problems=problems,
        record_type=Income,
        send=lambda app: finmo.add_income(app, body),
        listing=finmo.incomes,
        same=lambda r: r.type == body.type and r.amount == body.amount,
        build=lambda r: AddIncomePayload(income=MortgageIncome.from_finmo(r)),
        refused=lambda e: AddIncomePayload(user_errors=e),
        fields=("type", "amount", "period", "applicantId", "employerName"),
    )


async def add_liability(info: Info, input: fi.AddLiabilityInput) -> AddLiabilityPayload:
    problems = input.check()
    if problems:
        return AddLiabilityPayload(user_errors=problems)
    finmo = info.context.providers.finmo
    body = LiabilityInput(
        type=input.type,
        balance=input.balance,
        monthly_payment=input.monthly_payment,
        applicant_id=pid(input.applicant_id),
        lender=input.lender,
        credit_limit=input.credit_limit,
    )
    return await _add_detail(
        info,
        mutation="addLiability",
        input=input,
        problems=problems,
        record_type=Liability,
        send=lambda app: finmo.add_liability(app, body),
        listing=finmo.liabilities,
        same=lambda r: r.type == body.type and r.balance == body.balance,
        build=lambda r: AddLiabilityPayload(liability=MortgageLiability.from_finmo(r)),
        refused=lambda e: AddLiabilityPayload(user_errors=e),
        fields=("type", "balance", "monthlyPayment", "applicantId", "lender", "creditLimit"),
    )


async def add_property(info: Info, input: fi.AddPropertyInput) -> AddPropertyPayload:
    problems = input.check()
    if problems:
        return AddPropertyPayload(user_errors=problems)
    finmo = info.context.providers.finmo
    a = input.address
    body = PropertyInput(
        address=FinmoAddress(
            street=a.street.strip(),
            city=a.city.strip(),
            province=a.province,
            postal_code=a.postal_code.strip().upper(),
        ),
        property_type=input.property_type,
        occupancy=input.occupancy,
        value=input.value,
        is_subject_property=input.is_subject_property,
    )
    return await _add_detail(
        info,
        mutation="addProperty",
        input=input,
        problems=problems,
        record_type=Property,
        send=lambda app: finmo.add_property(app, body),
        listing=finmo.properties,
        same=lambda r: r.property_type == body.property_type and r.value == body.value,
        build=lambda r: AddPropertyPayload(property=MortgageProperty.from_finmo(r)),
        refused=lambda e: AddPropertyPayload(user_errors=e),
        fields=(
            "propertyType",
            "occupancy",
            "value",
            "isSubjectProperty",
            "address",
            "address.street",
            "address.city",
            "address.province",
            "address.postalCode",
        ),  # fmt: skip
    )


async def set_mortgage_information(
    info: Info, input: fi.SetMortgageInformationInput
) -> SetMortgageInformationPayload:
    finmo = info.context.providers.finmo
    problems = input.check()
    if problems:
        return SetMortgageInformationPayload(user_errors=problems)
    app_id = str(pid(input.application_id))
    body = MortgageInformationInput(
        loan_amount=input.loan_amount,
        amortization_years=input.amortization_years,
        term_months=input.term_months,
        rate_type=input.rate_type,
        purchase_price=input.purchase_price,
        down_payment=input.down_payment,
        interest_rate=input.interest_rate,
        closing_date=input.closing_date,
    )
    wanted = body.model_dump()

    async def perform(_: str | None) -> dict[str, Any]:
        try:
            return json_of(await finmo.set_mortgage_information(app_id, body))
        except ProviderNotFound as exc:
            raise missing_application() from exc

    async def reconcile(_: str) -> dict[str, Any] | None:
        """A replace is safe to repeat: it landed if Finmo holds these values, else resend."""
        current = await found(finmo.mortgage_information(app_id))
        if current is None:
            return None
        landed = all(getattr(current, name) == value for name, value in wanted.items())
        return json_of(current) if landed else None

    def build(data: dict[str, Any]) -> SetMortgageInformationPayload:
        record = FinmoMortgageInformation.model_validate(data)
        return SetMortgageInformationPayload(
            mortgage_information=MortgageInformation.from_finmo(record)
        )

    write = Write(
        mutation="setMortgageInformation",
        input=input,
        validate=lambda: problems,
        perform=perform,
        build=build,
        refused=lambda e: SetMortgageInformationPayload(user_errors=e),
        field_map={name: name for name in fi.MORTGAGE_FIELDS},
        reconcile=reconcile,
    )
    return await refuse_or_run(info, write)
