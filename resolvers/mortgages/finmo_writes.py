"""Finmo's writes: the bodies sent, the calls, and how an unanswered one is found again.

Finmo honours no idempotency key. Reconcile, after an unanswered write:
- createApplication: the watermark (resolvers.mortgages.watermarks) is the ids
  of the team's applications that already matched the input (same goal, same
  applicant email or borrower) just before the write; a matching application
  not among them is the one this intent created;
- addAsset, addIncome, addLiability, addProperty: the watermark is the ids the
  application had just before the write; a new record with the same type and
  figure is the one added;
- setMortgageInformation is a replace, safe to repeat: it landed if Finmo holds
  these values, else it is sent again.
A 404 on the team or the application is a refusal of that input field (Refused).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .. import finmo
from ..errors import ProviderNotFound
from ..ids import from_global_id
from ..refusals import Problem, Refused
from .choices import FINMO_GOALS
from .finmo_fields import (
    AssetFields,
    IncomeFields,
    LiabilityFields,
    MortgageFields,
    NewApplication,
    OnApplication,
    PropertyFields,
)
from .people import PEOPLE_INDEX
from .watermarks import WriteScope, found, reconciled, remember

R = TypeVar("R", bound=BaseModel)
D = TypeVar("D", bound=OnApplication)


def pid(value: str | None) -> str | None:
    """The provider id of a global id that validation already accepted."""
    return None if value is None else from_global_id(value).provider_id


def missing_application() -> Refused:
    return Refused([Problem("applicationId", "No Finmo application with this id.", "NOT_FOUND")])


# createApplication -------------------------------------------------------------------


def _matches(data: NewApplication, a: finmo.Application) -> bool:
    if a.goal != FINMO_GOALS.get(data.goal.name):
        return False
    if data.applicant is not None:
        email = data.applicant.email.strip().lower()
        return any(x.email.lower() == email for x in a.applicants)
    existing = pid(data.applicant_id)
    return any(x.user_id == existing for x in a.applicants)


def new_applicant(data: NewApplication) -> finmo.NewApplicant | None:
    person = data.applicant
    if person is None:
        return None
    return finmo.NewApplicant(
        first_name=person.first_name.strip(),
        last_name=person.last_name.strip(),
        email=person.email.strip(),
        phone_number=person.phone_number.strip(),
    )


async def create_application(
    scope: WriteScope, data: NewApplication, key: str | None
) -> finmo.Application:
    """POST /applications, the watermark kept first (a key: the write can be reconciled)."""
    client = scope.providers.finmo
    team_id = str(pid(data.team_id))
    try:
        if key is not None:
            before = await client.applications(team_id)
            ids = [a.id for a in before if _matches(data, a)]
            await remember(scope.idempotency, key, {"ids": ids})
        record = await client.create_application(
            team_id,
            [str(pid(m)) for m in data.team_members],
            applicant=new_applicant(data),
            applicant_id=pid(data.applicant_id),
            goal=FINMO_GOALS[data.goal.name],
            send_invite=data.send_invite,
            send_sms=data.send_sms,
        )
    except ProviderNotFound as exc:
        raise Refused([Problem("teamId", "No Finmo team with this id.", "NOT_FOUND")]) from exc
    scope.providers.cache.invalidate(PEOPLE_INDEX)  # maybe a new borrower
    return record


async def created_application(
    scope: WriteScope, data: NewApplication, key: str
) -> finmo.Application | None:
    """The application an unanswered create made, or None: it was not made."""
    client = scope.providers.finmo
    team_id = str(pid(data.team_id))

    async def find(seen: dict[str, Any]) -> finmo.Application | None:
        current = await client.applications(team_id)
        new = [a for a in current if _matches(data, a) and a.id not in seen["ids"]]
        return await client.application(new[0].id) if new else None  # newest first

    return await reconciled(scope.idempotency, key, find)


# the records an application holds ----------------------------------------------------


@dataclass(frozen=True)
class Detail(Generic[D, R]):
    """One kind of record added to an application: its body, call, list and sameness."""

    body: Callable[[D], BaseModel]
    send: Callable[[finmo.FinmoClient, str, Any], Awaitable[R]]
    listing: Callable[[finmo.FinmoClient, str], Awaitable[list[R]]]
    same: Callable[[R, Any], bool]


def _asset(d: AssetFields) -> finmo.AssetInput:
    return finmo.AssetInput(
        type=d.type, value=d.value, applicant_id=pid(d.applicant_id), description=d.description
    )


def _income(d: IncomeFields) -> finmo.IncomeInput:
    return finmo.IncomeInput(
        type=d.type,
        amount=d.amount,
        period=d.period,
        applicant_id=pid(d.applicant_id),
        employer_name=d.employer_name,
    )


def _liability(d: LiabilityFields) -> finmo.LiabilityInput:
    return finmo.LiabilityInput(
        type=d.type,
        balance=d.balance,
        monthly_payment=d.monthly_payment,
        applicant_id=pid(d.applicant_id),
        lender=d.lender,
        credit_limit=d.credit_limit,
    )


def _property(d: PropertyFields) -> finmo.PropertyInput:
    a = d.address
    return finmo.PropertyInput(
        address=finmo.AddressInput(
            street=a.street.strip(),
            city=a.city.strip(),
            province=a.province,
            postal_code=a.postal_code.strip().upper(),
        ),
        property_type=d.property_type,
        occupancy=d.occupancy,
        value=d.value,
        is_subject_property=d.is_subject_property,
    )


ASSET: Detail[AssetFields, finmo.Asset] = Detail(
    _asset,
    lambda c, app, body: c.add_asset(app, body),
    lambda c, app: c.assets(app),
    lambda r, body: r.type == body.type and r.value == body.value,
)
INCOME: Detail[IncomeFields, finmo.Income] = Detail(
    _income,
    lambda c, app, body: c.add_income(app, body),
    lambda c, app: c.incomes(app),
    lambda r, body: r.type == body.type and r.amount == body.amount,
)
LIABILITY: Detail[LiabilityFields, finmo.Liability] = Detail(
    _liability,
    lambda c, app, body: c.add_liability(app, body),
    lambda c, app: c.liabilities(app),
    lambda r, body: r.type == body.type and r.balance == body.balance,
)
PROPERTY: Detail[PropertyFields, finmo.Property] = Detail(
    _property,
    lambda c, app, body: c.add_property(app, body),
    lambda c, app: c.properties(app),
    lambda r, body: r.property_type == body.property_type and r.value == body.value,
)


async def add_detail(scope: WriteScope, kind: Detail[D, R], data: D, key: str | None) -> R:
    """The record added, the watermark (the ids the application had) kept first."""
    client = scope.providers.finmo
    app_id = str(pid(data.application_id))
    body = kind.body(data)
    try:
        if key is not None:
            held = await kind.listing(client, app_id)
            await remember(
                scope.idempotency, key, {"ids": [str(getattr(r, "id", "")) for r in held]}
            )
        return await kind.send(client, app_id, body)
    except ProviderNotFound as exc:
        raise missing_application() from exc


async def added_detail(scope: WriteScope, kind: Detail[D, R], data: D, key: str) -> R | None:
    """The record an unanswered add made, or None: it was not made."""
    client = scope.providers.finmo
    app_id = str(pid(data.application_id))
    body = kind.body(data)

    async def find(seen: dict[str, Any]) -> R | None:
        records = await found(kind.listing(client, app_id))
        new = [
            r
            for r in records or []
            if getattr(r, "id", None) not in seen["ids"] and kind.same(r, body)
        ]
        return new[-1] if new else None  # oldest first: the last one is the newest

    return await reconciled(scope.idempotency, key, find)


# setMortgageInformation ---------------------------------------------------------------


def mortgage_body(d: MortgageFields) -> finmo.MortgageInformationInput:
    return finmo.MortgageInformationInput(
        loan_amount=d.loan_amount,
        amortization_years=d.amortization_years,
        term_months=d.term_months,
        rate_type=d.rate_type,
        purchase_price=d.purchase_price,
        down_payment=d.down_payment,
        interest_rate=d.interest_rate,
        closing_date=d.closing_date,
    )


async def set_mortgage_information(
    scope: WriteScope, data: MortgageFields
) -> finmo.MortgageInformation:
    app_id = str(pid(data.application_id))
    try:
        return await scope.providers.finmo.set_mortgage_information(app_id, mortgage_body(data))
    except ProviderNotFound as exc:
        raise missing_application() from exc


async def mortgage_information_set(
    scope: WriteScope, data: MortgageFields
) -> finmo.MortgageInformation | None:
    """A replace is safe to repeat: it landed if Finmo holds these values, else resend."""
    app_id = str(pid(data.application_id))
    current = await found(scope.providers.finmo.mortgage_information(app_id))
    if current is None:
        return None
    wanted = mortgage_body(data).model_dump()
    landed = all(getattr(current, name) == value for name, value in wanted.items())
    return current if landed else None
