"""Finos client: users, search and KYC against the sandbox."""

from __future__ import annotations

import pytest

from resolvers.errors import ProviderValidationError
from resolvers.finos import FinosClient, KycResult, User
from tests.resolvers import test_finos_helpers as helpers
from tests.resolvers.test_finos_helpers import person
from tests.support import SandboxControl

# the shared fixtures, under their own names so pytest finds them here
cache = helpers.cache
finos = helpers.finos
timer = helpers.timer


async def test_a_created_user_reads_back_and_updates_only_the_fields_given(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    created = await finos.create_user(person(1))
    assert isinstance(created, User)
    assert created.id and created.kyc_token
    assert created.status == "active"
    fetched = await finos.get_user(created.id)
    assert fetched.email_address == "test.person1@example.com"
    assert fetched.first_name == "Test"
    assert fetched.kyc_token == created.kyc_token
    assert sandbox.calls("finos", "POST /v1/users") == 1
    assert sandbox.calls("finos", "GET /v1/users/{user_id}") == 1
    updated = await finos.update_user(created.id, phone_number="6742562188")
    assert updated.phone_number == "6742562188"
    assert updated.last_name == "Person1"  # untouched
    assert sandbox.calls("finos", "PUT /v1/users/{user_id}") == 1


async def test_create_user_with_a_missing_field_is_refused_by_the_provider(
    finos: FinosClient,
) -> None:
    incomplete = person(2).model_copy(update={"address_city": ""})
    with pytest.raises(ProviderValidationError) as caught:
        await finos.create_user(incomplete)
    assert caught.value.status == 400
    assert caught.value.message == "address_city must not be blank"
    assert caught.value.field_errors[0].field == "address_city"


async def test_iter_users_walks_every_page_without_duplicates_or_gaps(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    ids = [user.id async for user in finos.iter_users(limit=25)]
    total = len(helpers.finos_state(sandbox).users)
    assert len(ids) == total > 25
    assert len(set(ids)) == len(ids)
    pages = -(-total // 25)
    assert sandbox.calls("finos", "GET /v1/users") == pages


async def test_iter_users_stops_at_the_cap_without_fetching_more_pages(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    first = await finos.list_users(limit=10)
    assert first.next_cursor == first.items[-1].id
    sandbox.clear_stats()
    users = [user async for user in finos.iter_users(limit=10, cap=25)]
    assert [u.id for u in users[:10]] == [u.id for u in first.items]
    assert len(users) == 25
    assert sandbox.calls("finos", "GET /v1/users") == 3


async def test_list_users_pages_in_ascending_order_on_request(finos: FinosClient) -> None:
    desc = await finos.list_users(limit=5)
    asc = await finos.list_users(limit=5, order="asc")
    assert desc.order == "desc" and asc.order == "asc"
    assert {u.id for u in desc.items}.isdisjoint({u.id for u in asc.items})


async def test_a_page_links_back_to_the_previous_one(finos: FinosClient) -> None:
    first = await finos.list_users(limit=4)
    assert first.previous_cursor is None and first.limit == 4
    second = await finos.list_users(limit=4, starting_after=first.next_cursor)
    assert second.previous_cursor == second.items[0].id
    back = await finos.list_users(limit=4, ending_before=second.previous_cursor)
    assert [u.id for u in back.items] == [u.id for u in first.items]


async def test_search_users_finds_a_user_by_email_or_by_part_of_the_name(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    created = await finos.create_user(person(4, email="Search.Me@Example.com"))
    page = await finos.search_users(email_address="search.me@example.com")
    assert [u.id for u in page.items] == [created.id]
    assert page.next_cursor is None
    found = [u.id async for u in finos.iter_search_users(q="person4")]
    assert found == [created.id]
    assert sandbox.calls("finos", "GET /v1/users/search") == 2


async def test_perform_kyc_approves_at_once(finos: FinosClient) -> None:
    result = await finos.perform_kyc(person(5, ssn_last="9"))
    assert isinstance(result, KycResult)
    assert result.data is not None and result.data.outcome == "Approved"
    assert result.status_code == 201
    again = await finos.get_kyc(result.token)
    assert again.data is not None and again.data.outcome == "Approved"


async def test_kyc_questions_are_answered_and_approve_the_check(finos: FinosClient) -> None:
    asked = await finos.perform_kyc(person(6, ssn_last="0"))
    assert asked.data is None
    assert [r.key for r in asked.required] == ["answers"]
    assert len(asked.questions) == 5
    answers = {q.id: q.answers[0].id for q in asked.questions}
    answered = await finos.answer_kyc_questions(asked.token, answers)
    assert answered.data is not None and answered.data.outcome == "Approved"


async def test_upload_kyc_document_sends_base64_content(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    asked = await finos.perform_kyc(person(7, ssn_last="1"))
    assert [r.key for r in asked.required] == ["documents"]
    document = await finos.upload_kyc_document(
        asked.token,
        name="john_doe_driver_license",
        type="license",
        extension="pdf",
        content=b"%PDF-1.4 not really",
        notes="Uploaded from email customer sent",
    )
    assert document.document_token and document.uploaded is True
    assert document.notes[0].notes == "Uploaded from email customer sent"
    assert sandbox.calls("finos", "POST /v1/kyc/{token}/documents") == 1
