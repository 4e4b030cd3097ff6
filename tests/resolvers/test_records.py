"""LazyRecords (resolvers/records.py): keys validated at once, each record when first read."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel

from resolvers.errors import ProviderBadResponse
from resolvers.records import LazyRecords


class Keys(BaseModel):
    id: str
    created_at: datetime


class Record(BaseModel):
    id: str
    created_at: datetime
    amount: int

    validations: ClassVar[int] = 0  # records validated (a counter, not a field)

    def model_post_init(self, context: Any) -> None:
        type(self).validations += 1


def raw(n: int, amount: Any = 1) -> dict[str, Any]:
    return {"id": f"r{n}", "created_at": f"2026-01-{n:02d}T00:00:00Z", "amount": amount}


def records(payload: Any) -> LazyRecords[Record, Keys]:
    Record.validations = 0
    return LazyRecords.parse("finmo", Record, Keys, payload)


def test_keys_are_validated_at_once_and_records_only_when_read() -> None:
    found = records([raw(n) for n in range(1, 11)])
    assert len(found) == 10 and Record.validations == 0
    assert [k.id for k in found.keys][:3] == ["r1", "r2", "r3"]
    newest = found.ordered(lambda k: k.created_at, reverse=True)
    assert newest[0].id == "r10" and Record.validations == 1
    assert newest[0] is found[9]  # the subset shares what was read: no second validation
    assert Record.validations == 1
    assert [r.id for r in found.where(lambda k: k.id in {"r2", "r4"})] == ["r2", "r4"]
    assert [r.id for r in found.pick([4, 0])] == ["r5", "r1"]
    assert Record.validations == 5
    assert [r.amount for r in found[1:3]] == [1, 1]
    assert len(list(found)) == 10 and Record.validations == 10


def test_a_bad_record_fails_where_it_is_read_and_only_there() -> None:
    found = records([raw(1), raw(2, amount="lots"), raw(3)])
    assert found[0].id == "r1" and found[2].id == "r3"
    with pytest.raises(ProviderBadResponse) as bad:
        found[1]
    assert bad.value.provider == "finmo" and "Record r2" in bad.value.message
    with pytest.raises(ProviderBadResponse):
        list(found)  # a reader of the whole list sees it, as before


@pytest.mark.parametrize(
    "payload",
    [{"items": []}, "applications", [raw(1), {"id": "r2"}], [raw(1), "not a record"]],
    ids=["object", "string", "missing-key", "not-an-object"],
)
def test_a_list_whose_keys_do_not_validate_fails_whole(payload: Any) -> None:
    with pytest.raises(ProviderBadResponse) as bad:
        records(payload)
    assert bad.value.provider == "finmo"
