"""Finos sandbox: cursor pagination as the reference documents it."""

from __future__ import annotations

from tests.sandbox.test_finos_support import error, finos, state, walk
from tests.support import SandboxControl


async def test_walking_users_forward_visits_every_user_once_newest_first(
    sandbox: SandboxControl,
) -> None:
    expected = list(reversed(state(sandbox).users.order))
    async with finos(sandbox) as http:
        ids, pages = await walk(http, "/v1/users", limit=7)
    assert ids == expected
    assert len(expected) > 50
    assert len(pages) == -(-len(expected) // 7)
    assert pages[0]["previous_page"] is None
    assert pages[1]["starting_after"] == ids[6]
    assert pages[1]["previous_page"] == f"/v1/users?limit=7&order=desc&ending_before={ids[7]}"
    assert pages[-1]["next_page"] is None and pages[-1]["next_uri"] is None


async def test_walking_orders_backwards_with_ending_before_meets_the_forward_walk(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        forward, _ = await walk(http, "/v1/orders", limit=40, status="all")
        last = await http.get("/v1/orders", params={"limit": 1, "order": "asc", "status": "all"})
        oldest = last.json()["data"][0]["id"]
        backwards: list[str] = [oldest]
        cursor = oldest
        while True:
            answer = await http.get(
                "/v1/orders", params={"limit": 40, "status": "all", "ending_before": cursor}
            )
            assert answer.status_code == 200
            page = [o["id"] for o in answer.json()["data"]]
            if not page:
                break
            backwards = page + backwards
            cursor = page[0]
            if answer.json()["pagination"]["previous_page"] is None:
                break
    assert backwards == forward
    assert len(forward) == len(set(forward)) == len(state(sandbox).orders) > 200


async def test_order_asc_lists_oldest_first(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        ids, pages = await walk(http, "/v1/accounts", limit=100, order="asc")
    assert ids == state(sandbox).accounts.order
    assert pages[0]["order"] == "asc"
    assert "order=asc" in pages[0]["next_page"]


async def test_pagination_object_has_the_documented_fields(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        body = (await http.get("/v1/users", params={"limit": 3})).json()
    assert set(body) == {"pagination", "data"}
    assert body["pagination"]["ending_before"] is None
    assert body["pagination"]["starting_after"] is None
    assert body["pagination"]["limit"] == 3
    assert body["pagination"]["order"] == "desc"
    assert body["pagination"]["next_page"].startswith(
        "/v1/users?limit=3&order=desc&starting_after="
    )
    assert body["pagination"]["next_uri"] == sandbox.url("finos") + body["pagination"]["next_page"]
    assert len(body["data"]) == 3


async def test_default_limit_is_25_and_limit_0_and_100_are_accepted(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        default = (await http.get("/v1/orders", params={"status": "all"})).json()
        zero = (await http.get("/v1/orders", params={"status": "all", "limit": 0})).json()
        hundred = (await http.get("/v1/orders", params={"status": "all", "limit": 100})).json()
    assert default["pagination"]["limit"] == 25 and len(default["data"]) == 25
    assert zero["data"] == [] and zero["pagination"]["next_page"] is None
    assert len(hundred["data"]) == 100


async def test_bad_pagination_parameters_are_400_invalid_request(
    sandbox: SandboxControl,
) -> None:
    cases: list[tuple[dict[str, str | int], str]] = [
        ({"limit": 101}, "limit must be between 0 and 100"),
        ({"limit": -1}, "limit must be between 0 and 100"),
        ({"limit": "ten"}, "limit must be an integer between 0 and 100"),
        ({"order": "newest"}, "order must be asc or desc"),
        (
            {"starting_after": "a", "ending_before": "b"},
            "starting_after and ending_before cannot be used together",
        ),
        ({"starting_after": "nope"}, "starting_after nope is not an id in this list"),
        ({"ending_before": "nope"}, "ending_before nope is not an id in this list"),
    ]
    async with finos(sandbox) as http:
        for params, message in cases:
            answer = await http.get("/v1/users", params=params)
            assert answer.status_code == 400, params
            assert answer.json() == error("invalid_request", message)


async def test_every_list_route_checks_the_limit_bounds(sandbox: SandboxControl) -> None:
    st = state(sandbox)
    user = st.users.order[-1]
    account = st.accounts.order[-1]
    paths = [
        "/v1/users",
        "/v1/users/search",
        "/v1/accounts",
        f"/v1/users/{st.accounts.by_id[account]['user_id']}/accounts",
        f"/v1/users/{user}/bank_accounts",
        f"/v1/accounts/{account}/positions",
        f"/v1/accounts/{account}/transactions",
        "/v1/deposits",
        "/v1/withdrawal",
        "/v1/orders",
        "/v1/webhooks",
        "/v1/asset_classes",
        "/v1/portfolios",
        "/v1/statements",
    ]
    async with finos(sandbox) as http:
        for path in paths:
            extra = {"account_id": account} if path == "/v1/statements" else {}
            ok = await http.get(path, params={"limit": 2, **extra})
            assert ok.status_code == 200, path
            assert set(ok.json()) == {"pagination", "data"}, path
            assert len(ok.json()["data"]) <= 2, path
            bad = await http.get(path, params={"limit": 500, **extra})
            assert bad.status_code == 400, path
            assert bad.json()["error"]["type"] == "invalid_request", path


async def test_new_records_appear_first_while_a_walk_keeps_its_place(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        first = (await http.get("/v1/orders", params={"limit": 5, "status": "all"})).json()
        created = await http.post(
            "/v1/orders", json={"symbol": "AAPL", "quantity": "1", "side": "buy", "type": "market"}
        )
        second = (await http.get(first["pagination"]["next_page"])).json()
        newest = (await http.get("/v1/orders", params={"limit": 1, "status": "all"})).json()
    seen = [o["id"] for o in first["data"]] + [o["id"] for o in second["data"]]
    assert len(seen) == len(set(seen)) == 10
    assert created.json()["id"] not in seen
    assert newest["data"][0]["id"] == created.json()["id"]


async def test_a_walk_over_open_orders_survives_its_cursor_being_canceled(
    sandbox: SandboxControl,
) -> None:
    st = state(sandbox)
    open_ids = [i for i in reversed(st.orders.order) if st.orders.by_id[i]["status"] == "new"]
    async with finos(sandbox) as http:
        first = (await http.get("/v1/orders", params={"limit": 5})).json()
        cursor = first["data"][-1]["id"]
        assert (await http.delete(f"/v1/orders/{cursor}")).status_code == 200
        rest, _ = await walk(http, first["pagination"]["next_page"])
        back = await http.get("/v1/orders", params={"limit": 5, "ending_before": cursor})
        gone = await http.get("/v1/orders", params={"starting_after": "not-an-order"})
    assert [o["id"] for o in first["data"]] + rest == open_ids
    assert [o["id"] for o in back.json()["data"]] == open_ids[:4]
    assert gone.status_code == 400
