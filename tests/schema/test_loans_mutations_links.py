"""FinanceIt's two link routes through the schema: happy paths, validation, refusals."""

from __future__ import annotations

from typing import Any

import pytest

from tests.schema.conftest import Gql
from tests.schema.test_loans_mutations import (
    CUSTOMIZED_LINK,
    CUSTOMIZED_LINKS,
    SINGLE_LINK,
    SINGLE_LINKS,
    customized_input,
    gid,
    location,
    mutate,
    refused_without_calls,
    store,
)

# -- createSingleAccessLink ---------------------------------------------------------


async def test_a_single_access_link_opens_the_loan_financeit_has(gql: Gql) -> None:
    loan = next(iter(store(gql).loans.values()))
    given = {"loanId": gid("Loan", loan["id"]), "email": "clerk@shop.example"}
    gql.sandbox.clear_stats()
    payload = await mutate(gql, SINGLE_LINK, given)

    assert payload["userErrors"] == []
    link = payload["singleAccessLink"]
    assert (link["loanId"], link["email"]) == (gid("Loan", loan["id"]), "clerk@shop.example")
    assert gql.sandbox.calls("financeit", SINGLE_LINKS) == 1
    assert store(gql).links == [
        {"link": link["link"], "loan_id": loan["id"], "email": "clerk@shop.example"}
    ]
    read = await gql.data(
        """mutation($input: CreateSingleAccessLinkInput!) {
          createSingleAccessLink(input: $input) {
            singleAccessLink { loan { id providerId leadId requestedAmount { amount } } }
          }
        }""",
        input={"loanId": gid("Loan", loan["id"])},
    )
    opened = read["createSingleAccessLink"]["singleAccessLink"]["loan"]
    fetched = await gql.data(
        "query($id: ID!) { loan(id: $id) { id providerId leadId requestedAmount { amount } } }",
        id=gid("Loan", loan["id"]),
    )
    assert opened == fetched["loan"]
    assert opened["leadId"] == loan["lead_id"]


@pytest.mark.parametrize(
    ("given", "field", "code"),
    [
        ({"loanId": gid("Partner", 757)}, "loanId", "NOT_FOUND"),
        ({"loanId": "garbage"}, "loanId", "NOT_FOUND"),
        ({"loanId": gid("Loan", "12x")}, "loanId", "NOT_FOUND"),
        ({"loanId": gid("Loan", 1), "email": "clerk@"}, "email", "INVALID"),
    ],
)
async def test_a_bad_single_access_link_is_refused_before_any_upstream_call(
    gql: Gql, given: dict[str, Any], field: str, code: str
) -> None:
    errors = await refused_without_calls(gql, SINGLE_LINK, given)

    assert [(e["field"], e["code"]) for e in errors] == [(["input", field], code)]
    assert store(gql).links == []


async def test_a_link_to_a_loan_financeit_does_not_have_is_not_found(gql: Gql) -> None:
    gql.sandbox.clear_stats()
    payload = await mutate(gql, SINGLE_LINK, {"loanId": gid("Loan", 1)})

    assert payload["singleAccessLink"] is None
    (error,) = payload["userErrors"]
    assert (error["field"], error["code"]) == (["input", "loanId"], "NOT_FOUND")
    assert gql.sandbox.calls("financeit", SINGLE_LINKS) == 1
    assert store(gql).links == []


# -- createCustomizedLink ---------------------------------------------------------


async def test_a_customized_link_is_made_for_the_lead_and_partner(gql: Gql) -> None:
    partner = location(gql)
    given = customized_input(
        gql,
        leadId=-7,
        customParams={"redirectUrl": "https://shop.example/back"},
        borrower={"firstName": "Ada", "email": "ada@example.com", "extra": {"city": "Oslo"}},
        contacts=[{"email": "a@shop.example"}, {"email": "b@shop.example", "firstName": "Bo"}],
    )
    gql.sandbox.clear_stats()
    payload = await mutate(gql, CUSTOMIZED_LINK, given)

    assert payload["userErrors"] == []
    link = payload["customizedLink"]
    assert (link["leadId"], link["email"]) == (-7, "seller@shop.example")
    assert link["partnerId"] == gid("Partner", partner["id"])
    assert link["partner"] == {"firmName": partner["firm_name"]}
    assert gql.sandbox.calls("financeit", CUSTOMIZED_LINKS) == 1
    assert store(gql).links == [
        {
            "link": link["link"],
            "partner_id": int(partner["id"]),
            "lead_id": -7,
            "email": "seller@shop.example",
        }
    ]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"email": "seller"}, "email", "INVALID"),
        ({"partnerId": gid("Loan", 757)}, "partnerId", "NOT_FOUND"),
        ({"borrower": {"email": "ada@"}}, "borrower.email", "INVALID"),
        ({"borrower": {"extra": "Oslo"}}, "borrower.extra", "INVALID"),
        ({"contacts": [{"email": "a@x.ca"}, {"email": "b"}]}, "contacts.1.email", "INVALID"),
        ({"contacts": [{"email": ""}]}, "contacts.0.email", "REQUIRED"),
        ({"customParams": {"redirectUrl": "u" * 300}}, "customParams.redirectUrl", "OUT_OF_RANGE"),
    ],
)
async def test_a_bad_customized_link_is_refused_before_any_upstream_call(
    gql: Gql, changes: dict[str, Any], field: str, code: str
) -> None:
    errors = await refused_without_calls(gql, CUSTOMIZED_LINK, customized_input(gql, **changes))

    assert [(e["field"], e["code"]) for e in errors] == [(["input", *field.split(".")], code)]
    assert store(gql).links == []


@pytest.mark.parametrize(
    ("partner", "words"),
    [(None, "required when logged in as a broker"), (1, "not one of your partners")],
)
async def test_financeit_refusing_a_customized_link_names_partner_id(
    gql: Gql, partner: int | None, words: str
) -> None:
    partner_id = None if partner is None else gid("Partner", partner)
    payload = await mutate(gql, CUSTOMIZED_LINK, customized_input(gql, partnerId=partner_id))

    assert payload["customizedLink"] is None
    (error,) = payload["userErrors"]
    assert (error["field"], error["code"]) == (["input", "partnerId"], "PROVIDER_REJECTED")
    assert words in error["message"]
    assert store(gql).links == []
