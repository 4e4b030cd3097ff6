from __future__ import annotations

from datetime import UTC, datetime

import pytest

from resolvers.cursors import InvalidCursor, Position, decode_cursor, encode_cursor, page_size
from resolvers.ids import GlobalId, InvalidId, from_global_id, to_global_id
from resolvers.merge import SortKey


def test_global_ids_round_trip_even_with_colons_in_the_provider_id() -> None:
    gid = to_global_id("Order", "finos", "ord:1:2")
    assert from_global_id(gid) == GlobalId("Order", "finos", "ord:1:2")
    assert "finos" not in gid  # opaque


@pytest.mark.parametrize("bad", ["", "not base64!", to_global_id("Loan", "acme", "1"), "TG9hbg"])
def test_ids_this_gateway_did_not_issue_are_refused(bad: str) -> None:
    with pytest.raises(InvalidId):
        from_global_id(bad)


def test_cursors_round_trip_with_provider_hints() -> None:
    position = Position(
        SortKey(datetime(2026, 5, 1, 8, 30, tzinfo=UTC), "finos", "o1"), {"finos": "o1"}
    )
    assert decode_cursor(encode_cursor(position)) == position


@pytest.mark.parametrize("bad", ["", "abc", encode_cursor.__name__])
def test_foreign_cursors_are_refused(bad: str) -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(bad)


def test_page_size_defaults_and_limits() -> None:
    assert page_size(None) == 20
    assert page_size(0) == 0
    assert page_size(100) == 100
    for bad in (-1, 101):
        with pytest.raises(ValueError):
            page_size(bad)
