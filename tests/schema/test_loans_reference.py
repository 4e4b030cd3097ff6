"""FinanceIt reference data and calculator through the schema: partners, promo
programs, subverticals, commission totals, loanQuote, and node for each type."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from resolvers.loans.catalog import VERTICALS
from schema.ids import to_global_id
from schema.loans.enums import LoanVertical
from tests.schema.conftest import Gql
from tests.schema.test_loans import store_of

PARTNER_FIELDS = """
  id provider providerId login email firmName providerStatus verticals organizationType
  firmAddress { line1 line2 city postalCode country }
  firmNumberYearsInBusiness firmAnnualSalesVolume firmCurrentPercentFinanced
  address { line1 line2 city region country } unitNumber
  contact { firstName lastName position dateOfBirth regionId postalCode }
  referralUuid workPhone { areaCode exchange line extension number }
  homePhone { areaCode exchange line extension number }
"""


def expected_partner(raw: dict[str, Any]) -> dict[str, Any]:
    def phone(prefix: str) -> dict[str, Any]:
        parts = [raw[f"{prefix}_{i}i"] or None for i in range(1, 5)]
        number = "-".join(p for p in parts[:3] if p)
        return {
            "areaCode": parts[0],
            "exchange": parts[1],
            "line": parts[2],
            "extension": parts[3],
            "number": number + (f" x{parts[3]}" if parts[3] else ""),
        }

    born = "{:04d}-{:02d}-{:02d}".format(
        *(int(raw[f"contact_date_of_birth_{p}"]) for p in ("year", "month", "day"))
    )
    return {
        "id": to_global_id("Partner", "financeit", str(raw["id"])),
        "provider": "FINANCEIT",
        "providerId": str(raw["id"]),
        "login": raw["login"],
        "email": raw["email"],
        "firmName": raw["firm_name"],
        "providerStatus": raw["state"],
        "verticals": raw["verticals"],
        "organizationType": raw["organization_type"],
        "firmAddress": {
            "line1": raw["firm_address"],
            "line2": raw["firm_address_2"] or None,
            "city": raw["firm_city"],
            "postalCode": raw["firm_postal_code"],
            "country": "CA",
        },
        "firmNumberYearsInBusiness": int(raw["firm_number_years_in_business"]),
        "firmAnnualSalesVolume": raw["firm_annual_sales_volume"],
        "firmCurrentPercentFinanced": raw["firm_current_percent_financed"],
        "address": {
            "line1": raw["address"],
            "line2": raw["address_2"] or None,
            "city": raw["city"],
            "region": raw["province"],
            "country": "CA",
        },
        "unitNumber": raw["unit_number"],
        "contact": {
            "firstName": raw["contact_first_name"],
            "lastName": raw["contact_last_name"],
            "position": raw["contact_position"],
            "dateOfBirth": born,
            "regionId": raw["contact_region_id"],
            "postalCode": raw["contact_postal_code"],
        },
        "referralUuid": raw["referral_uuid"],
        "workPhone": phone("work_phone"),
        "homePhone": phone("home_phone"),
    }


async def test_partners_lists_every_partner_with_every_documented_field(gql: Gql) -> None:
    data = await gql.data(
        f"{{ partners(first: 100) {{ edges {{ node {{ {PARTNER_FIELDS} }} }} }} }}"
    )
    store = store_of(gql)
    assert [e["node"] for e in data["partners"]["edges"]] == [
        expected_partner(raw) for raw in store.partners.values()
    ]


async def test_walking_partners_two_at_a_time_yields_each_once(gql: Gql) -> None:
    seen: list[str] = []
    after = None
    while True:
        data = await gql.data(
            "query($after: String) { partners(first: 2, after: $after) {"
            " edges { node { providerId } } pageInfo { hasNextPage endCursor } } }",
            after=after,
        )
        seen += [e["node"]["providerId"] for e in data["partners"]["edges"]]
        if not data["partners"]["pageInfo"]["hasNextPage"]:
            break
        after = data["partners"]["pageInfo"]["endCursor"]
    assert seen == [str(pid) for pid in store_of(gql).partners]


async def test_commission_totals_are_the_provider_totals_in_cad(gql: Gql) -> None:
    store = store_of(gql)
    pid = store.location_ids[0]
    gid = to_global_id("Partner", "financeit", str(pid))
    data = await gql.data(
        "query($id: ID!) { node(id: $id) { ... on Partner { commissionTotals("
        'earnedStartDate: "2025-01-01", earnedEndDate: "2025-12-31") {'
        " earned { amount currency } outstanding { amount currency }"
        " earnedStartDate earnedEndDate } } } }",
        id=gid,
    )
    raw = store.commission_totals(pid, date(2025, 1, 1), date(2025, 12, 31))
    assert data["node"]["commissionTotals"] == {
        "earned": {"amount": raw["earned"], "currency": "CAD"},
        "outstanding": {"amount": raw["outstanding"], "currency": "CAD"},
        "earnedStartDate": "2025-01-01",
        "earnedEndDate": "2025-12-31",
    }


async def test_an_inverted_commission_period_is_bad_user_input(gql: Gql) -> None:
    gid = to_global_id("Partner", "financeit", str(store_of(gql).location_ids[0]))
    result = await gql(
        "query($id: ID!) { node(id: $id) { ... on Partner { commissionTotals("
        'earnedStartDate: "2025-02-01", earnedEndDate: "2025-01-01") { earned { amount } } } } }',
        id=gid,
    )
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}


async def test_promo_programs_list_the_catalogue_once_each_with_their_fields(gql: Gql) -> None:
    data = await gql.data(
        "{ promoPrograms(first: 100) { edges { node { id providerId name verticalName vertical"
        " rate amortizationPeriods maxAmortization deferralMonths"
        " minAmount { amount currency } maxAmount { amount currency } } } } }"
    )
    got = {e["node"]["providerId"]: e["node"] for e in data["promoPrograms"]["edges"]}
    programs = store_of(gql).programs
    assert len(got) == len(data["promoPrograms"]["edges"]) == len(programs)
    for pid, raw in programs.items():
        assert got[str(pid)] == {
            "id": to_global_id("PromoProgram", "financeit", str(pid)),
            "providerId": str(pid),
            "name": raw["name"],
            "verticalName": raw["vertical_name"],
            "vertical": raw["vertical_name"].upper().replace(" ", "_"),
            "rate": raw["rate"],
            "amortizationPeriods": raw["amortization_periods"],
            "maxAmortization": raw["max_amortization"],
            "deferralMonths": raw["deferral_months"],
            "minAmount": {"amount": str(raw["min_amount"]), "currency": "CAD"},
            "maxAmount": {"amount": str(raw["max_amount"]), "currency": "CAD"},
        }


async def test_promo_programs_filter_by_vertical_and_page_without_repeats(gql: Gql) -> None:
    seen: list[str] = []
    after = None
    while True:
        data = await gql.data(
            "query($after: String) { promoPrograms(first: 1, after: $after, vertical: MARINE) {"
            " edges { node { providerId vertical } } pageInfo { hasNextPage endCursor } } }",
            after=after,
        )
        conn = data["promoPrograms"]
        assert all(e["node"]["vertical"] == "MARINE" for e in conn["edges"])
        seen += [e["node"]["providerId"] for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    marine = [
        str(p["id"]) for p in store_of(gql).programs.values() if p["vertical_name"] == "Marine"
    ]
    assert seen == marine


async def test_subverticals_are_listed_per_vertical_with_product_types(gql: Gql) -> None:
    data = await gql.data(
        "{ subverticals(first: 100, vertical: RETAIL) { edges { node {"
        " id providerId name verticalName vertical productTypes } } } }"
    )
    assert [e["node"] for e in data["subverticals"]["edges"]] == [
        {
            "id": to_global_id("Subvertical", "financeit", f"Retail:{name}"),
            "providerId": f"Retail:{name}",
            "name": name,
            "verticalName": "Retail",
            "vertical": "RETAIL",
            "productTypes": types,
        }
        for name, types in [
            ("Furniture", ["Sofa", "Mattress", "Dining Set"]),
            ("Electronics", ["Television", "Computer", "Home Theatre"]),
        ]
    ]


QUOTE = """
  id provider providerId quotedAt requestedAmount { amount currency } verticalName
  applicationLink
  options {
    promoProgramId promoProgramName amortization term rate paymentFrequency
    providerPaymentFrequency paymentAmount { amount currency } numberOfPayments
    requestedAmount { amount currency } fee { amount currency } feePaidBy
    insurancePremium { amount currency } principalAmount { amount currency }
    totalPaymentAmount { amount currency } promoProgram { providerId name }
  }
"""


async def test_loan_quote_maps_every_calculator_result(gql: Gql) -> None:
    store = store_of(gql)
    partner = store.location_ids[0]
    given = {
        "requestedAmount": "12000",
        "verticalName": "HOME_IMPROVEMENT",
        "regionCode": "ON",
        "paymentFrequency": "BIWEEKLY",
        "feePaidBy": "BORROWER",
        "insurance": True,
        "partnerId": partner,
        "workSiteQuebec": True,
    }
    data = await gql.data(
        f"query($input: LoanQuoteInput!) {{ loanQuote(input: $input) {{ {QUOTE} }} }}",
        input=given,
    )
    quote = data["loanQuote"]
    calc = await gql.providers.financeit.calculate(
        Decimal(12000),
        vertical_name="Home Improvement",
        region_code="ON",
        payment_frequency="f",
        fee_paid_by="borrower",
        insurance=True,
        partner_id=partner,
        work_site_quebec=True,
    )
    assert quote["provider"] == "FINANCEIT"
    assert quote["requestedAmount"] == {"amount": "12000", "currency": "CAD"}
    assert quote["verticalName"] == "HOME_IMPROVEMENT"
    assert quote["applicationLink"] == calc.application_link
    assert quote["applicationLink"]

    def money(value: Any) -> dict[str, str]:
        return {"amount": str(value), "currency": "CAD"}

    assert len(quote["options"]) == len(calc.results) > 1
    for option, raw in zip(quote["options"], calc.results, strict=True):
        extra = raw.model_extra or {}
        assert option == {
            "promoProgramId": raw.promo_program_id,
            "promoProgramName": raw.promo_program_name,
            "amortization": raw.amortization,
            "term": raw.term,
            "rate": str(raw.rate),
            "paymentFrequency": "BIWEEKLY",
            "providerPaymentFrequency": "f",
            "paymentAmount": money(raw.payment_amount),
            "numberOfPayments": extra["number_of_payments"],
            "requestedAmount": money(extra["requested_amount"]),
            "fee": money(raw.fee),
            "feePaidBy": "BORROWER",
            "insurancePremium": money(extra["insurance_premium"]),
            "principalAmount": money(raw.principal_amount),
            "totalPaymentAmount": money(raw.total_payment_amount),
            "promoProgram": {
                "providerId": str(raw.promo_program_id),
                "name": raw.promo_program_name,
            },
        }


async def test_a_loan_quote_id_recomputes_the_same_quote(gql: Gql) -> None:
    first = await gql.data(
        'query($p: Int!) { loanQuote(input: {requestedAmount: "5000", verticalName: RETAIL,'
        " amortization: 24, partnerId: $p}) { id options { rate paymentAmount { amount } } } }",
        p=store_of(gql).location_ids[2],
    )
    again = await gql.data(
        "query($id: ID!) { node(id: $id) { id ... on LoanQuote { options {"
        " rate paymentAmount { amount } } } } }",
        id=first["loanQuote"]["id"],
    )
    assert again["node"] == first["loanQuote"]


async def test_bad_quote_input_is_refused_before_any_call(gql: Gql) -> None:
    gql.sandbox.clear_stats()
    result = await gql('{ loanQuote(input: {requestedAmount: "-5"}) { id } }')
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}
    assert gql.sandbox.calls("financeit", "GET /en/api/v3/calculator") == 0


async def test_a_quote_the_calculator_refuses_is_a_provider_validation_error(gql: Gql) -> None:
    result = await gql('{ loanQuote(input: {requestedAmount: "10", verticalName: RETAIL}) { id } }')
    assert result.errors is not None
    assert result.errors[0].extensions == {
        "code": "PROVIDER_VALIDATION",
        "provider": "financeit",
        "status": 422,
    }


async def test_node_round_trips_every_loans_type(gql: Gql) -> None:
    store = store_of(gql)
    raw_loan = store.newest_first[3]
    program = next(iter(store.programs))
    ids = {
        "Loan": to_global_id("Loan", "financeit", str(raw_loan["id"])),
        "Partner": to_global_id("Partner", "financeit", str(store.location_ids[0])),
        "PromoProgram": to_global_id("PromoProgram", "financeit", str(program)),
        "Subvertical": to_global_id("Subvertical", "financeit", "Marine:Boats"),
        "LoanQuote": to_global_id(
            "LoanQuote",
            "financeit",
            "requested_amount=5000&vertical_name=Retail&partner_id=" + str(store.location_ids[2]),
        ),
        "Borrower": to_global_id(
            "Borrower", "financeit", raw_loan["borrower"]["email"].strip().lower()
        ),
    }
    data = await gql.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", ids=list(ids.values())
    )
    assert data["nodes"] == [{"__typename": t, "id": i} for t, i in ids.items()]


async def test_unknown_reference_ids_are_not_found(gql: Gql) -> None:
    for gid in (
        to_global_id("Partner", "financeit", "1"),
        to_global_id("PromoProgram", "financeit", "1"),
        to_global_id("Subvertical", "financeit", "Marine:Spaceships"),
        to_global_id("LoanQuote", "financeit", "amount=oops"),
    ):
        result = await gql("query($id: ID!) { node(id: $id) { id } }", id=gid)
        assert result.errors is not None, gid
        assert result.errors[0].extensions == {"code": "NOT_FOUND"}, gid


def test_the_schemas_verticals_are_the_data_layers() -> None:
    assert tuple(v.value for v in LoanVertical) == VERTICALS
