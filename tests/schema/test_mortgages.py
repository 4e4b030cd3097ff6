"""Mortgages root fields (Finmo + Molo): values as the providers answer them, mapped."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from schema.ids import to_global_id
from schema.mortgages.enums import FINMO_PURPOSE, FINMO_STATUS, MOLO_PURPOSE, MOLO_STATUS
from tests.schema.conftest import Gql

FINMO_PAGE = """
query($first: Int) { applications(provider: FINMO, first: $first) { edges { node {
  id provider providerId status providerStatus purpose providerPurpose createdAt updatedAt
  teamMemberIds invitations { userId channel sentAt }
  borrowerType desiredLoanAmount { amount } decisionInPrinciple { status }
  team { id name createdAt } brokers { providerId firstName lastName email phone role }
  borrowers { id provider providerId firstName lastName email phone }
  applicants { provider providerId applicationId isLead firstName lastName email phone }
  assets { providerId applicationId applicantId type description value { amount currency }
           createdAt }
  incomes { providerId applicantId type employerName amount { amount currency } period createdAt }
  liabilities { providerId applicantId type lender balance { amount currency }
                monthlyPayment { amount } creditLimit { amount } createdAt }
  properties { providerId address { line1 city region postalCode country } propertyType
               occupancy value { amount currency } isSubjectProperty createdAt }
  mortgageInformation { providerId purchasePrice { amount currency } downPayment { amount }
    loanAmount { amount } amortizationYears termMonths rateType interestRate closingDate updatedAt }
} } } }
"""

MOLO_PAGE = """
query($first: Int) { applications(provider: MOLO, first: $first) { edges { node {
  id provider providerId status providerStatus purpose providerPurpose borrowerType
  providerBorrowerType createdBy createdAt updatedAt
  desiredLoanAmount { amount currency } propertyValue { amount currency }
  monthlyRent { amount currency } loanTerm referenceId applicantIds
  decisionInPrinciple { status providerStatus pdfBase64 hasPdf }
  team { id } brokers { id } assets { id } mortgageInformation { id } teamMemberIds
  borrowers { id provider providerId firstName lastName email phone dateOfBirth
              address { line1 line2 city postalCode country } createdAt }
  applicants { providerId applicationId isLead title firstName middleName lastName email phone
    dateOfBirth
    taxableIncome { amount currency }
    address { buildingNumber street buildingName subBuildingName postal town } }
} } } }
"""


async def walk(gql: Gql, arguments: str, fields: str, **variables: Any) -> list[dict[str, Any]]:
    """Every node of `applications(<arguments>)`, a page of 100 at a time."""
    query = f"""query($after: String, {", ".join(f"${k}: {t}" for k, (t, _) in variables.items())})
      {{ applications(first: 100, after: $after, {arguments}) {{
        pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {fields} }} }} }} }}"""
    values = {k: v for k, (_, v) in variables.items()}
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        data = (await gql.data(query, after=after, **values))["applications"]
        nodes += [e["node"] for e in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            return nodes
        after = data["pageInfo"]["endCursor"]


def money(value: Any, currency: str) -> dict[str, str] | None:
    return None if value is None else {"amount": str(value), "currency": currency}


async def test_finmo_applications_carry_every_field_finmo_answers(gql: Gql) -> None:
    finmo = gql.providers.finmo
    listed = await finmo.applications()
    data = await gql.data(FINMO_PAGE, first=5)
    nodes = [e["node"] for e in data["applications"]["edges"]]
    assert [n["providerId"] for n in nodes] == [a.id for a in listed[:5]]
    teams = {t.id: t for t in await finmo.teams()}
    brokers = {b.id: b for b in await finmo.brokers()}
    for node, record in zip(nodes, listed[:5], strict=True):
        detail = await finmo.application(record.id)
        assert node["id"] == to_global_id("Application", "finmo", record.id)
        assert node["provider"] == "FINMO"
        assert node["status"] == FINMO_STATUS[record.status].value
        assert node["providerStatus"] == record.status
        assert node["purpose"] == FINMO_PURPOSE[record.goal].value
        assert node["providerPurpose"] == record.goal
        assert node["createdAt"] == record.created_at.isoformat()
        assert node["updatedAt"] == record.updated_at.isoformat()
        assert node["teamMemberIds"] == record.team_members
        assert node["invitations"] == [
            {"userId": i.user_id, "channel": i.channel, "sentAt": i.sent_at.isoformat()}
            for i in record.invitations
        ]
        assert node["borrowerType"] is None and node["desiredLoanAmount"] is None
        assert node["decisionInPrinciple"] is None
        team = teams[record.team_id]
        assert node["team"] == {
            "id": to_global_id("Team", "finmo", team.id),
            "name": team.name,
            "createdAt": team.created_at.isoformat() if team.created_at else None,
        }
        assert node["brokers"] == [
            {
                "providerId": b,
                "firstName": brokers[b].first_name,
                "lastName": brokers[b].last_name,
                "email": brokers[b].email,
                "phone": brokers[b].phone,
                "role": brokers[b].role,
            }
            for b in record.team_members
        ]
        assert node["applicants"] == [
            {
                "provider": "FINMO",
                "providerId": a.user_id,
                "applicationId": record.id,
                "isLead": a.is_primary,
                "firstName": a.first_name,
                "lastName": a.last_name,
                "email": a.email,
                "phone": a.phone_number,
            }
            for a in record.applicants
        ]
        assert [b["providerId"] for b in node["borrowers"]] == [
            a.user_id for a in record.applicants
        ]
        assert node["assets"] == [
            {
                "providerId": a.id,
                "applicationId": record.id,
                "applicantId": a.applicant_id,
                "type": a.type,
                "description": a.description,
                "value": money(a.value, "CAD"),
                "createdAt": a.created_at.isoformat(),
            }
            for a in detail.assets or []
        ]
        assert node["incomes"] == [
            {
                "providerId": i.id,
                "applicantId": i.applicant_id,
                "type": i.type,
                "employerName": i.employer_name,
                "amount": money(i.amount, "CAD"),
                "period": i.period,
                "createdAt": i.created_at.isoformat(),
            }
            for i in detail.incomes or []
        ]
        assert node["liabilities"] == [
            {
                "providerId": li.id,
                "applicantId": li.applicant_id,
                "type": li.type,
                "lender": li.lender,
                "balance": money(li.balance, "CAD"),
                "monthlyPayment": {"amount": str(li.monthly_payment)},
                "creditLimit": None
                if li.credit_limit is None
                else {"amount": str(li.credit_limit)},
                "createdAt": li.created_at.isoformat(),
            }
            for li in detail.liabilities or []
        ]
        assert node["properties"] == [
            {
                "providerId": p.id,
                "address": {
                    "line1": p.address.street,
                    "city": p.address.city,
                    "region": p.address.province,
                    "postalCode": p.address.postal_code,
                    "country": "CA",
                },
                "propertyType": p.property_type,
                "occupancy": p.occupancy,
                "value": money(p.value, "CAD"),
                "isSubjectProperty": p.is_subject_property,
                "createdAt": p.created_at.isoformat(),
            }
            for p in detail.properties or []
        ]
        m = detail.mortgage_information
        assert m is not None
        assert node["mortgageInformation"] == {
            "providerId": record.id,
            "purchasePrice": money(m.purchase_price, "CAD"),
            "downPayment": None if m.down_payment is None else {"amount": str(m.down_payment)},
            "loanAmount": None if m.loan_amount is None else {"amount": str(m.loan_amount)},
            "amortizationYears": m.amortization_years,
            "termMonths": m.term_months,
            "rateType": m.rate_type,
            "interestRate": None if m.interest_rate is None else str(m.interest_rate),
            "closingDate": m.closing_date.isoformat() if m.closing_date else None,
            "updatedAt": m.updated_at.isoformat() if m.updated_at else None,
        }


async def test_molo_applications_carry_the_detail_and_applicants_in_gbp(gql: Gql) -> None:
    molo = gql.providers.molo
    listed = await molo.list_applications()
    data = await gql.data(MOLO_PAGE, first=8)
    nodes = [e["node"] for e in data["applications"]["edges"]]
    assert [n["providerId"] for n in nodes] == [str(a.id) for a in listed[:8]]
    for node, summary in zip(nodes, listed[:8], strict=True):
        detail = await molo.get_application(summary.id)
        assert node["id"] == to_global_id("Application", "molo", str(summary.id))
        assert node["provider"] == "MOLO"
        assert node["status"] == MOLO_STATUS[summary.status].value
        assert node["providerStatus"] == summary.status
        assert node["purpose"] == MOLO_PURPOSE[str(summary.mortgage_type)].value
        assert node["providerPurpose"] == summary.mortgage_type
        assert node["borrowerType"] == (
            "LIMITED_COMPANY" if summary.borrower_type == "ltd_company" else "INDIVIDUAL"
        )
        assert node["providerBorrowerType"] == summary.borrower_type
        assert node["createdBy"] == str(summary.created_by)
        assert summary.created_at is not None and summary.updated_at is not None
        assert node["createdAt"] == summary.created_at.isoformat()
        assert node["updatedAt"] == summary.updated_at.isoformat()
        assert node["desiredLoanAmount"] == money(detail.desired_loan_amount, "GBP")
        assert node["propertyValue"] == money(detail.property_value, "GBP")
        assert node["monthlyRent"] == money(detail.monthly_rent, "GBP")
        assert node["loanTerm"] == detail.loan_term
        assert node["referenceId"] == detail.reference_id
        assert node["applicantIds"] == [str(a) for a in detail.applicants]
        dip = node["decisionInPrinciple"]
        assert dip["providerStatus"] == summary.status
        assert dip["pdfBase64"] == (detail.dip_pdf or None if summary.status == "valid" else None)
        assert dip["hasPdf"] is bool(dip["pdfBase64"])
        expected_dip = {
            "stored": "NOT_REQUESTED",
            "pending_decision": "PENDING",
            "valid": "VALID",
            "denied_dip": "DENIED",
            "denied_dip_kyc": "DENIED_KYC",
        }
        assert dip["status"] == expected_dip[summary.status]
        assert node["team"] is None and node["brokers"] == [] and node["assets"] is None
        assert node["mortgageInformation"] is None and node["teamMemberIds"] is None
        for borrower, applicant_node, pk in zip(
            node["borrowers"], node["applicants"], detail.applicants, strict=True
        ):
            a = await molo.get_applicant(pk)
            assert a.address is not None
            assert borrower == {
                "id": to_global_id("Borrower", "molo", str(pk)),
                "provider": "MOLO",
                "providerId": str(pk),
                "firstName": a.first_name,
                "lastName": a.last_name,
                "email": a.email,
                "phone": a.mobile,
                "dateOfBirth": a.date_of_birth.isoformat() if a.date_of_birth else None,
                "address": {
                    "line1": " ".join(
                        x for x in (a.address.building_number, a.address.street) if x
                    ),
                    "line2": ", ".join(
                        x for x in (a.address.sub_building_name, a.address.building_name) if x
                    )
                    or None,
                    "city": a.address.town,
                    "postalCode": a.address.postal,
                    "country": "GB",
                },
                "createdAt": summary.created_at.isoformat(),
            }
            assert applicant_node == {
                "providerId": str(pk),
                "applicationId": str(a.application),
                "isLead": a.is_lead,
                "title": a.title,
                "firstName": a.first_name,
                "middleName": a.middle_name,
                "lastName": a.last_name,
                "email": a.email,
                "phone": a.mobile,
                "dateOfBirth": a.date_of_birth.isoformat() if a.date_of_birth else None,
                "taxableIncome": money(a.taxable_income, "GBP"),
                "address": {
                    "buildingNumber": a.address.building_number,
                    "street": a.address.street,
                    "buildingName": a.address.building_name,
                    "subBuildingName": a.address.sub_building_name,
                    "postal": a.address.postal,
                    "town": a.address.town,
                },
            }


async def test_a_valid_molo_decision_in_principle_gives_its_pdf_without_asking_for_one(
    gql: Gql,
) -> None:
    valid = [a for a in await gql.providers.molo.list_applications() if a.status == "valid"]
    gql.sandbox.clear_stats()
    gid = to_global_id("Application", "molo", str(valid[0].id))
    query = "query($id: ID!) { application(id: $id) { decisionInPrinciple { status hasPdf } } }"
    data = await gql.data(query, id=gid)
    assert data["application"]["decisionInPrinciple"] == {"status": "VALID", "hasPdf": True}
    assert gql.sandbox.calls("molo", "POST /api/v1/applications/{pk}/get-dip/") == 0


async def test_application_by_id_answers_either_provider(gql: Gql) -> None:
    finmo_id = (await gql.providers.finmo.applications())[7].id
    molo_id = str((await gql.providers.molo.list_applications())[7].id)
    query = "query($id: ID!) { application(id: $id) { id provider providerId } }"
    for provider, provider_id in (("finmo", finmo_id), ("molo", molo_id)):
        gid = to_global_id("Application", provider, provider_id)
        data = await gql.data(query, id=gid)
        assert data["application"] == {
            "id": gid,
            "provider": provider.upper(),
            "providerId": provider_id,
        }


async def test_an_unknown_or_malformed_application_id_is_not_found(gql: Gql) -> None:
    query = "query($id: ID!) { application(id: $id) { id } }"
    for gid in (
        "nonsense",
        to_global_id("Application", "finmo", "no-such-application"),
        to_global_id("Application", "molo", "999"),
        to_global_id("Application", "molo", "not-a-number"),
        to_global_id("Application", "finos", "1"),
        to_global_id("Loan", "finmo", "1"),
    ):
        result = await gql(query, id=gid)
        assert result.data == {"application": None}
        assert result.errors is not None
        assert result.errors[0].extensions == {"code": "NOT_FOUND"}, gid


async def test_applications_filter_by_status_team_and_creation_time(gql: Gql) -> None:
    finmo = await gql.providers.finmo.applications()
    molo = await gql.providers.molo.list_applications()
    nodes = await walk(
        gql, "status: $status", "providerId", status=("ApplicationStatus", "DECLINED")
    )
    expected = {a.id for a in finmo if a.status == "declined"}
    expected |= {str(a.id) for a in molo if a.status in ("denied_dip", "denied_dip_kyc")}
    assert sorted(n["providerId"] for n in nodes) == sorted(expected)

    team = finmo[0].team_id
    gid = to_global_id("Team", "finmo", team)
    nodes = await walk(gql, "teamId: $team", "provider providerId", team=("ID!", gid))
    assert [n["providerId"] for n in nodes] == [a.id for a in finmo if a.team_id == team]
    assert {n["provider"] for n in nodes} == {"FINMO"}

    cut = finmo[10].created_at
    until = finmo[3].created_at
    nodes = await walk(
        gql,
        "createdAfter: $cut, createdBefore: $until",
        "createdAt",
        cut=("DateTime!", cut.isoformat()),
        until=("DateTime!", until.isoformat()),
    )
    expected_count = sum(1 for a in finmo if cut <= a.created_at < until)
    expected_count += sum(1 for a in molo if a.created_at and cut <= a.created_at < until)
    assert len(nodes) == expected_count > 7


async def test_bad_application_arguments_are_bad_user_input(gql: Gql) -> None:
    for query in (
        "{ applications(provider: FINOS) { edges { cursor } } }",
        '{ applications(teamId: "nonsense") { edges { cursor } } }',
        '{ applications(after: "nonsense") { edges { cursor } } }',
        "{ applications(first: 101) { edges { cursor } } }",
    ):
        result = await gql(query)
        assert result.errors is not None
        assert result.errors[0].extensions is not None
        assert result.errors[0].extensions["code"] == "BAD_USER_INPUT", query


async def test_teams_and_brokers_are_finmo_reference_data(gql: Gql) -> None:
    teams = await gql.providers.finmo.teams()
    brokers = await gql.providers.finmo.brokers()
    data = await gql.data(
        "{ teams { edges { node { id provider providerId name createdAt"
        " brokers { providerId } } } }"
        " brokers(first: 100) { edges { node { id providerId firstName lastName email phone role"
        " createdAt team { providerId } } } } }"
    )
    newest_teams = sorted(teams, key=lambda t: (t.created_at, t.id), reverse=True)
    assert [e["node"] for e in data["teams"]["edges"]] == [
        {
            "id": to_global_id("Team", "finmo", t.id),
            "provider": "FINMO",
            "providerId": t.id,
            "name": t.name,
            "createdAt": t.created_at.isoformat() if t.created_at else None,
            "brokers": [{"providerId": b.id} for b in brokers if b.team_id == t.id],
        }
        for t in newest_teams
    ]
    newest_brokers = sorted(brokers, key=lambda b: (b.created_at, b.id), reverse=True)
    assert [e["node"] for e in data["brokers"]["edges"]] == [
        {
            "id": to_global_id("Broker", "finmo", b.id),
            "providerId": b.id,
            "firstName": b.first_name,
            "lastName": b.last_name,
            "email": b.email,
            "phone": b.phone,
            "role": b.role,
            "createdAt": b.created_at.isoformat() if b.created_at else None,
            "team": {"providerId": b.team_id},
        }
        for b in newest_brokers
    ]
    team = teams[0].id
    query = "query($t: ID!) { brokers(teamId: $t) { edges { node { providerId } } } }"
    data = await gql.data(query, t=to_global_id("Team", "finmo", team))
    assert {e["node"]["providerId"] for e in data["brokers"]["edges"]} == {
        b.id for b in brokers if b.team_id == team
    }


MAX_LOAN = """query($input: MaxLoanQuoteInput!) { maxLoanQuote(input: $input) {
  id provider providerId quotedAt maxLoan { amount currency } mortgageType providerMortgageType
  borrowerType providerBorrowerType propertyValue { amount currency }
  estimatedRentPerMonth { amount } taxableIncome { amount } isNewProperty isHmo isExLocal } }"""

REFERENCE_EXAMPLE = {
    "mortgageType": "PURCHASE",
    "borrowerType": "INDIVIDUAL",
    "taxableIncome": "70000",
    "propertyValue": "230000",
    "estimatedRentPerMonth": "2000",
    "isExLocal": True,
}


async def test_max_loan_quote_gives_the_reference_example(gql: Gql) -> None:
    data = await gql.data(MAX_LOAN, input=REFERENCE_EXAMPLE)
    quote = data["maxLoanQuote"]
    assert quote["maxLoan"] == {"amount": "172500.0", "currency": "GBP"}
    assert Decimal(quote["maxLoan"]["amount"]) == Decimal("172500")
    assert quote["provider"] == "MOLO"
    assert quote["providerId"] == "new_purchase|individual_borrower|230000|2000|70000|||1"
    assert quote["id"] == to_global_id("MaxLoanQuote", "molo", quote["providerId"])
    assert quote["mortgageType"] == "PURCHASE"
    assert quote["providerMortgageType"] == "new_purchase"
    assert quote["borrowerType"] == "INDIVIDUAL"
    assert quote["providerBorrowerType"] == "individual_borrower"
    assert quote["propertyValue"] == {"amount": "230000", "currency": "GBP"}
    assert quote["estimatedRentPerMonth"] == {"amount": "2000"}
    assert quote["taxableIncome"] == {"amount": "70000"}
    assert (quote["isNewProperty"], quote["isHmo"], quote["isExLocal"]) == (None, None, True)
    assert quote["quotedAt"] is not None
    assert gql.sandbox.calls("molo", "POST /api/v1/applications/calculate_max_loan/") == 1


async def test_max_loan_inputs_outside_molos_ranges_cost_no_call(gql: Gql) -> None:
    cases = {
        "propertyValue": {"propertyValue": "4000000.01"},
        "estimatedRentPerMonth": {"estimatedRentPerMonth": "0.5"},
        "taxableIncome": {"taxableIncome": "29999.99"},
        "mortgageType": {"mortgageType": "RENEWAL"},
        "borrowerType": {"borrowerType": "OTHER"},
    }
    gql.sandbox.clear_stats()
    for field, change in cases.items():
        result = await gql(MAX_LOAN, input={**REFERENCE_EXAMPLE, **change})
        assert result.data == {"maxLoanQuote": None}
        assert result.errors is not None
        assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "field": field}
        assert field in result.errors[0].message
    result = await gql(MAX_LOAN, input={**REFERENCE_EXAMPLE, "propertyValue": "1000.001"})
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "field": "propertyValue"}
    assert gql.sandbox.stats("molo") == {}
