"""The write spec every Finos mutation uses: records kept as stored data without secrets."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from resolvers.brokerage.writes import dump

from ..writes import WriteSpec

P = TypeVar("P")


class FinosWrite(WriteSpec[P]):
    """A WriteSpec whose records are Finos records: the store keeps them by their Finos
    names, SecretStr fields masked and an echoed SSN dropped (resolvers.brokerage.writes)."""

    def stored(self, record: Any) -> Any:
        return dump(record) if isinstance(record, BaseModel) else record
