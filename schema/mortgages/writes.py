"""The write spec every Finmo mutation uses: records kept by their Finmo (camelCase) names."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from ..writes import WriteSpec

P = TypeVar("P")


class FinmoWrite(WriteSpec[P]):
    """A WriteSpec whose records are Finmo records: the store keeps them as Finmo
    names them (by alias), as every earlier version of these writes did."""

    def stored(self, record: Any) -> Any:
        if isinstance(record, BaseModel):
            return record.model_dump(mode="json", by_alias=True)
        return record
