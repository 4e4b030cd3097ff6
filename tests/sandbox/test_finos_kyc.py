"""Finos sandbox: KYC checks, out-of-wallet questions, documents and review."""

from __future__ import annotations

import base64

from tests.sandbox.test_finos_support import USER, error, finos
from tests.support import SandboxControl

DOCUMENT = {
    "name": "john_doe_driver_license",
    "extension": "pdf",
    "type": "license",
    "notes": "Uploaded from email customer sent",
    "data": base64.b64encode(b"%PDF-1.4 sandbox").decode(),
}
RIGHT = [{"question_id": q, "answer_id": 1} for q in range(1, 6)]


async def test_performing_kyc_for_a_clean_ssn_is_approved_at_once(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        answer = await http.post("/v1/kyc", json=USER)
        token = answer.json()["token"]
        again = await http.get(f"/v1/kyc/{token}")
    assert answer.status_code == 201
    assert answer.json() == {
        "status_code": 201,
        "token": token,
        "data": {
            "result": "success",
            "score": answer.json()["data"]["score"],
            "tags": ["Address Match", "Phone Match"],
            "outcome": "Approved",
        },
    }
    assert again.status_code == 200
    assert again.json()["status_code"] == 200
    assert again.json()["data"]["outcome"] == "Approved"


async def test_kyc_asks_five_out_of_wallet_questions_when_the_ssn_ends_in_0(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        answer = await http.post("/v1/kyc", json={**USER, "ssn_number": "123456780"})
    body = answer.json()
    assert set(body) == {"token", "required", "optional", "prompts"}
    assert body["required"][0]["key"] == "answers"
    assert body["required"][0]["template"]["answers"][0] == {"question_id": 1, "answer_id": 0}
    questions = body["prompts"]["answers"]["questions"]
    assert [q["id"] for q in questions] == [1, 2, 3, 4, 5]
    assert questions[0]["answers"][-1]["answer"] == "None Of The Above"


async def test_right_answers_approve_the_check_and_activate_the_user(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        user = (await http.post("/v1/users", json={**USER, "ssn_number": "123456780"})).json()
        answer = await http.patch(
            f"/v1/kyc/{user['kyc_token']}",
            json={"answers": RIGHT, "name_first": "John", "name_last": "Doe"},
        )
        after = await http.get(f"/v1/users/{user['id']}")
        twice = await http.patch(f"/v1/kyc/{user['kyc_token']}", json={"answers": RIGHT})
    assert answer.status_code == 200
    assert answer.json()["data"]["outcome"] == "Approved"
    assert after.json()["status"] == "active"
    assert twice.status_code == 400
    assert twice.json()["error"]["type"] == "invalid_request"


async def test_wrong_answers_send_the_check_to_manual_review(sandbox: SandboxControl) -> None:
    wrong = [{"question_id": q, "answer_id": 5 if q < 4 else 1} for q in range(1, 6)]
    async with finos(sandbox) as http:
        check = (await http.post("/v1/kyc", json={**USER, "ssn_number": "123456780"})).json()
        answer = await http.patch(f"/v1/kyc/{check['token']}", json={"answers": wrong})
    assert answer.status_code == 200
    assert answer.json()["required"][0]["key"] == "documents"


async def test_answers_are_validated(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        check = (await http.post("/v1/kyc", json={**USER, "ssn_number": "123456780"})).json()
        path = f"/v1/kyc/{check['token']}"
        template = await http.patch(path, json={"answers": [{**a, "answer_id": 0} for a in RIGHT]})
        partial = await http.patch(path, json={"answers": RIGHT[:3]})
        missing = await http.patch(path, json={})
        unknown = await http.patch("/v1/kyc/S-unknown", json={"answers": RIGHT})
    assert template.status_code == 400
    assert template.json() == error(
        "validation_error", "answers.answer_id 0 is not an answer to question 1"
    )
    assert partial.json() == error("invalid_request", "answers is missing question_id 4, 5")
    assert missing.json() == error("invalid_request", "answers is required")
    assert unknown.status_code == 404
    assert unknown.json() == error("not_found", "KYC check S-unknown not found")


async def test_a_document_puts_the_check_under_review_until_the_clock_approves_it(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        user = (await http.post("/v1/users", json={**USER, "ssn_number": "123456781"})).json()
        token = user["kyc_token"]
        required = await http.get(f"/v1/kyc/{token}")
        uploaded = await http.post(f"/v1/kyc/{token}/documents", json=DOCUMENT)
        reviewing = await http.get(f"/v1/kyc/{token}")
        user_reviewing = await http.get(f"/v1/users/{user['id']}")
        sandbox.advance(301)
        approved = await http.get(f"/v1/kyc/{token}")
        user_after = await http.get(f"/v1/users/{user['id']}")
    assert user["status"] == "action_required"
    assert required.json()["required"][0]["key"] == "documents"
    assert uploaded.status_code == 201
    document = uploaded.json()
    assert document["document_token"].startswith("D-")
    assert document["name"] == "john_doe_driver_license" and document["extension"] == "pdf"
    assert document["uploaded"] is True
    assert document["notes"][0]["notes"] == DOCUMENT["notes"]
    assert reviewing.json()["data"]["outcome"] == "Manual Review"
    assert user_reviewing.json()["status"] == "pending_review"
    assert approved.json()["data"]["outcome"] == "Approved"
    assert user_after.json()["status"] == "active"


async def test_documents_are_validated_and_only_taken_when_required(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        needs = (await http.post("/v1/kyc", json={**USER, "ssn_number": "123456781"})).json()
        done = (await http.post("/v1/kyc", json=USER)).json()
        bad_type = await http.post(
            f"/v1/kyc/{needs['token']}/documents", json={**DOCUMENT, "type": "selfie"}
        )
        bad_data = await http.post(
            f"/v1/kyc/{needs['token']}/documents", json={**DOCUMENT, "data": "%%%"}
        )
        not_needed = await http.post(f"/v1/kyc/{done['token']}/documents", json=DOCUMENT)
    assert bad_type.status_code == 400
    assert bad_type.json() == error(
        "validation_error", "type must be one of ssn card, ssn_card, license, passport, utility"
    )
    assert bad_data.json() == error("validation_error", "data must be base64 encoded file content")
    assert not_needed.status_code == 400
    assert not_needed.json()["error"]["type"] == "invalid_request"


async def test_an_ssn_ending_in_2_is_rejected(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        answer = await http.post("/v1/kyc", json={**USER, "ssn_number": "123456782"})
        invalid = await http.post("/v1/kyc", json={**USER, "address_country_code": "USA"})
    assert answer.json()["data"]["outcome"] == "Rejected"
    assert invalid.status_code == 400
    assert invalid.json() == error(
        "validation_error", "address_country_code must be a 2 letter code"
    )
