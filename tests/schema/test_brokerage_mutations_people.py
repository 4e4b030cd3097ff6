"""createUser, updateUser, performKyc, answerKycQuestions and uploadKycDocument through
the schema against the Finos sandbox (KYC outcomes follow the SSN's last digit)."""

from __future__ import annotations

import base64
import itertools
from typing import Any

from schema.ids import to_global_id
from tests.schema.conftest import Gql
from tests.schema.test_brokerage_mutations import fields_of, gid, run, someone, writes

_emails = itertools.count(1)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

CREATE_USER = """
mutation($input: CreateUserInput!) {
  createUser(input: $input) {
    status kycToken
    user { id provider providerId firstName lastName email phone
           address { line1 line2 city region postalCode country } }
    userErrors { field message code }
  }
}
"""
UPDATE_USER = """
mutation($input: UpdateUserInput!) {
  updateUser(input: $input) {
    status user { id firstName email phone address { line1 city region } }
    userErrors { field message code }
  }
}
"""
KYC_FIELDS = """
kyc { token statusCode outcome { result outcome tags } required { key type }
      questions { id question answers { id answer } } }
userErrors { field message code }
"""
PERFORM_KYC = (
    f"mutation($input: PerformKycInput!) {{ performKyc(input: $input) {{ {KYC_FIELDS} }} }}"
)
ANSWER_KYC = (
    "mutation($input: AnswerKycQuestionsInput!) "
    f"{{ answerKycQuestions(input: $input) {{ {KYC_FIELDS} }} }}"
)
UPLOAD = """
mutation($input: UploadKycDocumentInput!) {
  uploadKycDocument(input: $input) {
    document { documentToken name extension uploaded notes { notes } }
    userErrors { field message code }
  }
}
"""


def person_input(ssn_last: int = 3, **changes: Any) -> dict[str, Any]:
    n = next(_emails)
    return {
        "firstName": "Grace",
        "lastName": "Hopper",
        "email": f"grace.{n}.{id(changes)}@example.com",
        "dateOfBirth": "1985-01-23",
        "ssn": f"123-45-678{ssn_last}",
        "phone": "804-256-2188",
        "address": {
            "line1": "123 Test St",
            "city": "Richmond",
            "region": "va",
            "postalCode": "23220",
            "country": "US",
        },
        **changes,
    }


BAD_PERSON: list[tuple[dict[str, Any], list[str]]] = [
    ({"firstName": " "}, ["firstName"]),
    ({"lastName": "x" * 65}, ["lastName"]),
    ({"email": "not-an-email"}, ["email"]),
    ({"dateOfBirth": "2999-01-01"}, ["dateOfBirth"]),
    ({"ssn": "12345"}, ["ssn"]),
    ({"ssn": "12345678a"}, ["ssn"]),
    ({"phone": "123"}, ["phone"]),
    (
        {
            "address": {
                "line1": "",
                "city": "R",
                "region": "Virginia",
                "postalCode": "1",
                "country": "USA",
            }
        },
        ["address.line1", "address.region", "address.country"],
    ),
]


async def test_create_user_creates_an_approved_user_finos_then_shows(gql: Gql) -> None:
    await gql.data("{ borrowers(providers: [FINOS], first: 1) { edges { node { id } } } }")
    sent = person_input()
    payload = await run(gql, CREATE_USER, sent, key="new-user")
    assert payload["userErrors"] == []
    assert payload["status"] == "active"  # SSN ending in 3: approved at once
    user = payload["user"]
    upstream = await gql.providers.finos.get_user(user["providerId"])
    assert user["id"] == to_global_id("Borrower", "finos", upstream.id)
    assert payload["kycToken"] == upstream.kyc_token
    assert (
        (user["firstName"], user["lastName"], user["email"])
        == (
            upstream.first_name,
            upstream.last_name,
            upstream.email_address,
        )
        == ("Grace", "Hopper", sent["email"])
    )
    assert user["phone"] == upstream.phone_number == "8042562188"
    assert user["address"] == {
        "line1": "123 Test St",
        "line2": None,
        "city": "Richmond",
        "region": "VA",
        "postalCode": "23220",
        "country": "US",
    }
    assert upstream.address_state == "VA"
    record = await gql.idempotency.get(f"{gql.caller.id}\x00createUser\x00new-user")
    assert record is not None and record.state == "completed"
    assert "123456783" not in str(record.result)  # no SSN kept with the stored payload
    # the people index was invalidated: the new user is the newest Finos borrower
    data = await gql.data("{ borrowers(providers: [FINOS], first: 1) { edges { node { id } } } }")
    assert data["borrowers"]["edges"][0]["node"]["id"] == user["id"]


async def test_create_user_refuses_bad_input_without_any_upstream_call(gql: Gql) -> None:
    gql.sandbox.clear_stats()
    for changes, fields in BAD_PERSON:
        payload = await run(gql, CREATE_USER, person_input(**changes))
        assert payload["user"] is None
        assert fields_of(payload) == fields, changes
    assert gql.sandbox.calls("finos") == 0


async def test_create_user_maps_a_taken_email_to_the_email_field(gql: Gql) -> None:
    taken = someone()
    await gql.providers.finos.create_user(taken)
    payload = await run(gql, CREATE_USER, person_input(email=taken.email_address.upper()))
    assert payload["user"] is None
    assert payload["userErrors"] == [
        {
            "field": ["input", "email"],
            "message": "email_address is already registered",
            "code": "PROVIDER_REJECTED",
        }
    ]


async def test_update_user_changes_only_the_given_fields(gql: Gql) -> None:
    user = await gql.providers.finos.create_user(someone())
    changes = {"phone": "703-555-0100", "address": {"city": "Norfolk", "region": "va"}}
    payload = await run(
        gql, UPDATE_USER, {"userId": gid("Borrower", user.id), **changes}, key="upd"
    )
    assert payload["userErrors"] == []
    upstream = await gql.providers.finos.get_user(user.id)
    assert upstream.phone_number == "7035550100"
    assert (upstream.address_city, upstream.address_state) == ("Norfolk", "VA")
    assert upstream.address_line_1 == "123 Test St"
    assert payload["user"]["address"] == {"line1": "123 Test St", "city": "Norfolk", "region": "VA"}
    assert payload["user"]["email"] == upstream.email_address


async def test_update_user_refuses_bad_input_without_any_upstream_call(gql: Gql) -> None:
    uid = gid("Borrower", "u-1")
    bad: list[tuple[dict[str, Any], list[str]]] = [
        ({"userId": uid}, [""]),
        ({"userId": gid("Account", "u-1"), "phone": "8042562188"}, ["userId"]),
        ({"userId": to_global_id("Borrower", "molo", "1"), "phone": "8042562188"}, ["userId"]),
        ({"userId": uid, "email": "nope"}, ["email"]),
        ({"userId": uid, "ssn": "1"}, ["ssn"]),
        (
            {"userId": uid, "address": {"region": "Texas", "city": " "}},
            ["address.city", "address.region"],
        ),
    ]
    gql.sandbox.clear_stats()
    for given, fields in bad:
        payload = await run(gql, UPDATE_USER, given)
        assert fields_of(payload) == fields, given
    assert gql.sandbox.calls("finos") == 0
    missing = await run(gql, UPDATE_USER, {"userId": uid, "phone": "8042562188"})
    assert fields_of(missing) == ["userId"]


async def test_perform_kyc_approves_or_asks_questions_by_the_ssn(gql: Gql) -> None:
    approved = await run(gql, PERFORM_KYC, person_input(ssn_last=3), key="kyc-a")
    assert approved["userErrors"] == []
    assert approved["kyc"]["outcome"]["outcome"] == "Approved"
    asked = (await run(gql, PERFORM_KYC, person_input(ssn_last=0)))["kyc"]
    upstream = await gql.providers.finos.get_kyc(asked["token"])
    assert [q["id"] for q in asked["questions"]] == [q.id for q in upstream.questions]
    assert len(asked["questions"]) == 5 and asked["outcome"] is None
    assert asked["required"] == [{"key": "answers", "type": "object"}]


async def test_perform_kyc_refuses_bad_input_without_any_upstream_call(gql: Gql) -> None:
    gql.sandbox.clear_stats()
    for changes, fields in BAD_PERSON:
        payload = await run(gql, PERFORM_KYC, person_input(**changes))
        assert payload["kyc"] is None
        assert fields_of(payload) == fields, changes
    assert gql.sandbox.calls("finos") == 0


async def test_answering_the_kyc_questions_rightly_approves_the_check(gql: Gql) -> None:
    asked = (await run(gql, PERFORM_KYC, person_input(ssn_last=0)))["kyc"]
    answers = [{"questionId": q["id"], "answerId": 1} for q in asked["questions"]]
    payload = await run(
        gql, ANSWER_KYC, {"kycToken": asked["token"], "answers": answers}, key="answers"
    )
    assert payload["userErrors"] == []
    assert payload["kyc"]["outcome"]["outcome"] == "Approved"
    upstream = await gql.providers.finos.get_kyc(asked["token"])
    assert upstream.data is not None and upstream.data.outcome == "Approved"


async def test_answer_kyc_questions_validates_first_and_maps_provider_refusals(gql: Gql) -> None:
    gql.sandbox.clear_stats()
    bad: list[tuple[dict[str, Any], list[str]]] = [
        ({"kycToken": " ", "answers": [{"questionId": 1, "answerId": 1}]}, ["kycToken"]),
        ({"kycToken": "S-x", "answers": []}, ["answers"]),
        (
            {"kycToken": "S-x", "answers": [{"questionId": 1, "answerId": 0}] * 2},
            ["answers.0.answerId", "answers.1.questionId", "answers.1.answerId"],
        ),
    ]
    for given, fields in bad:
        assert fields_of(await run(gql, ANSWER_KYC, given)) == fields
    assert gql.sandbox.calls("finos") == 0
    unknown = await run(
        gql, ANSWER_KYC, {"kycToken": "S-nope", "answers": [{"questionId": 1, "answerId": 1}]}
    )
    assert fields_of(unknown) == ["kycToken"]
    asked = (await run(gql, PERFORM_KYC, person_input(ssn_last=0)))["kyc"]
    wrong = [{"questionId": 9, "answerId": 1}]
    refused = await run(gql, ANSWER_KYC, {"kycToken": asked["token"], "answers": wrong})
    assert fields_of(refused) == ["answers"]
    assert refused["userErrors"][0]["code"] == "PROVIDER_REJECTED"


def upload_input(token: str, **changes: Any) -> dict[str, Any]:
    return {
        "kycToken": token,
        "name": "driver_license",
        "type": "LICENSE",
        "contentBase64": base64.b64encode(PDF).decode(),
        "extension": "pdf",
        "notes": "front side",
        **changes,
    }


async def test_upload_kyc_document_sends_the_file_for_review(gql: Gql) -> None:
    check = (await run(gql, PERFORM_KYC, person_input(ssn_last=1)))["kyc"]
    assert [r["key"] for r in check["required"]] == ["documents"]
    gql.sandbox.clear_stats()
    payload = await run(gql, UPLOAD, upload_input(check["token"]), key="doc")
    assert payload["userErrors"] == []
    document = payload["document"]
    assert document["documentToken"].startswith("D-")
    assert (document["name"], document["extension"], document["uploaded"]) == (
        "driver_license",
        "pdf",
        True,
    )
    assert document["notes"] == [{"notes": "front side"}]
    assert gql.sandbox.calls("finos", "POST /v1/kyc/{token}/documents") == 1
    upstream = await gql.providers.finos.get_kyc(check["token"])
    assert upstream.data is not None and upstream.data.outcome == "Manual Review"
    assert writes(gql) == 1


async def test_upload_kyc_document_checks_the_file_before_sending_it(gql: Gql) -> None:
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 8).decode()
    bad: list[tuple[dict[str, Any], list[str]]] = [
        ({"contentBase64": "not base64!"}, ["contentBase64"]),
        ({"contentBase64": ""}, ["contentBase64"]),
        ({"contentBase64": base64.b64encode(b"plain text").decode()}, ["contentBase64"]),
        ({"contentBase64": png}, ["extension"]),
        ({"extension": "exe"}, ["extension"]),
        ({"name": "n" * 65}, ["name"]),
        ({"kycToken": ""}, ["kycToken"]),
    ]
    gql.sandbox.clear_stats()
    for changes, fields in bad:
        payload = await run(gql, UPLOAD, upload_input("S-x", **changes))
        assert payload["document"] is None
        assert fields_of(payload) == fields, changes
    too_big = base64.b64encode(PDF + b"\0" * (10 * 1024 * 1024)).decode()
    assert fields_of(await run(gql, UPLOAD, upload_input("S-x", contentBase64=too_big))) == [
        "contentBase64"
    ]
    assert gql.sandbox.calls("finos") == 0
    unknown = await run(gql, UPLOAD, upload_input("S-nope"))
    assert fields_of(unknown) == ["kycToken"]
    approved = (await run(gql, PERFORM_KYC, person_input(ssn_last=3)))["kyc"]
    refused = await run(gql, UPLOAD, upload_input(approved["token"]))
    assert refused["userErrors"][0]["field"] is None
    assert "does not require documents" in refused["userErrors"][0]["message"]
