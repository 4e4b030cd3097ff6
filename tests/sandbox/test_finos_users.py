"""Finos sandbox: users (create, retrieve, update, list, search)."""

from __future__ import annotations

from tests.sandbox.test_finos_support import USER, error, finos, seeded_user, state
from tests.support import SandboxControl


async def test_creating_a_user_answers_201_with_id_status_and_kyc_token(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        answer = await http.post("/v1/users", json=USER)
        user_id = answer.json()["id"]
        fetched = await http.get(f"/v1/users/{user_id}")
    assert answer.status_code == 201
    body = answer.json()
    assert body == {
        "id": user_id,
        "user_id": user_id,
        "status": "active",
        "kyc_token": body["kyc_token"],
    }
    assert body["kyc_token"].startswith("S-")
    assert fetched.status_code == 200
    user = fetched.json()
    shown = {k: v for k, v in USER.items() if k not in ("birth_date", "ssn_number")}
    assert {k: user[k] for k in shown} == shown
    assert user["status"] == "active" and user["kyc_token"] == body["kyc_token"]
    assert "ssn_number" not in user and "birth_date" not in user


async def test_a_user_whose_kyc_needs_answers_is_action_required(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        answer = await http.post("/v1/users", json={**USER, "ssn_number": "123456780"})
    assert answer.status_code == 201
    assert answer.json()["status"] == "action_required"


async def test_creating_a_user_without_required_fields_is_400_invalid_request(
    sandbox: SandboxControl,
) -> None:
    body = {k: v for k, v in USER.items() if k not in ("first_name", "ssn_number")}
    async with finos(sandbox) as http:
        answer = await http.post("/v1/users", json=body)
    assert answer.status_code == 400
    assert answer.json() == error(
        "invalid_request", "first_name is required; ssn_number is required"
    )
    assert len(state(sandbox).users) == len(state(sandbox).user_private)


async def test_invalid_user_fields_are_400_validation_error(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        state_code = await http.post("/v1/users", json={**USER, "address_state": "Virginia"})
        ssn = await http.post("/v1/users", json={**USER, "ssn_number": "12345"})
        birth = await http.post("/v1/users", json={**USER, "birth_date": "23/01/1985"})
        not_json = await http.post(
            "/v1/users", content=b"{", headers={"Content-Type": "application/json"}
        )
    assert state_code.status_code == 400
    assert state_code.json() == error("validation_error", "address_state must be a 2 letter code")
    assert ssn.json() == error("validation_error", "ssn_number must be 9 digits")
    assert birth.json() == error("validation_error", "birth_date must be a date as YYYY-MM-DD")
    assert not_json.status_code == 400
    assert not_json.json()["error"]["type"] == "invalid_request"


async def test_an_email_already_registered_is_409_whatever_its_case(
    sandbox: SandboxControl,
) -> None:
    existing = seeded_user(sandbox)["email_address"]
    async with finos(sandbox) as http:
        answer = await http.post("/v1/users", json={**USER, "email_address": existing.upper()})
    assert answer.status_code == 409
    assert answer.json() == error("invalid_request", "email_address is already registered")


async def test_retrieving_an_unknown_user_is_404_not_found(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        answer = await http.get("/v1/users/unknown")
    assert answer.status_code == 404
    assert answer.json() == error("not_found", "user unknown not found")


async def test_updating_a_user_changes_only_the_fields_sent(sandbox: SandboxControl) -> None:
    user = seeded_user(sandbox)
    async with finos(sandbox) as http:
        answer = await http.put(f"/v1/users/{user['id']}", json={"phone_number": "6742562188"})
        again = await http.get(f"/v1/users/{user['id']}")
        bad = await http.put(f"/v1/users/{user['id']}", json={"email_address": "not-an-email"})
        missing = await http.put("/v1/users/unknown", json={"phone_number": "6742562188"})
    assert answer.status_code == 200
    assert answer.json()["phone_number"] == "6742562188"
    assert answer.json()["first_name"] == user["first_name"]
    assert again.json() == answer.json()
    assert bad.status_code == 400
    assert bad.json() == error("validation_error", "email_address must be an email address")
    assert missing.status_code == 404


async def test_listing_users_filters_by_email_case_insensitively_and_by_status(
    sandbox: SandboxControl,
) -> None:
    user = seeded_user(sandbox)
    async with finos(sandbox) as http:
        answer = await http.get(
            "/v1/users", params={"email_address": user["email_address"].swapcase()}
        )
        rejected = await http.get("/v1/users", params={"status": "rejected", "limit": 100})
    assert answer.status_code == 200
    assert [u["id"] for u in answer.json()["data"]] == [user["id"]]
    data = rejected.json()["data"]
    assert data and {u["status"] for u in data} == {"rejected"}
    assert rejected.json()["pagination"]["status"] == "rejected"


async def test_searching_users_matches_part_of_a_name_or_email(sandbox: SandboxControl) -> None:
    user = seeded_user(sandbox)
    needle = user["last_name"][1:4].lower()
    async with finos(sandbox) as http:
        answer = await http.get("/v1/users/search", params={"q": needle, "limit": 100})
        bad = await http.get("/v1/users/search", params={"q": needle, "limit": 1000})
    ids = [u["id"] for u in answer.json()["data"]]
    assert user["id"] in ids
    assert all(
        needle in (u["first_name"] + u["last_name"] + u["email_address"]).lower()
        for u in answer.json()["data"]
    )
    assert len(ids) < len(state(sandbox).users)
    assert bad.status_code == 400


async def test_seeded_users_are_the_finos_people_with_finos_cased_emails(
    sandbox: SandboxControl,
) -> None:
    from sandbox.people import make_people, people_at

    people = people_at("finos", make_people(42, 1))
    emails = {u["email_address"] for u in state(sandbox).users.by_id.values()}
    assert emails == {p.email_at("finos") for p in people}
    assert any(e.isupper() for e in emails)
