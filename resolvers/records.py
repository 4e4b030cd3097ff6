"""A provider's whole list, validated as far as it is read.

Finmo answers every application in one unpaginated list (300 records, ~240 kB in
the sandbox) for a page that shows 20. Validating and mapping all of them was
most of a list page's CPU (`../shared/PERF.md`). A `LazyRecords` validates, at
once, only each record's *keys*: a slim model of the fields a list is sorted,
filtered and matched on (id, team, createdAt, applicants' ids). A whole record is
validated the first time it is read, and kept.

What the provider sends wrong still fails loudly: a list that is not a list, or a
record whose keys do not validate, is `ProviderBadResponse` for the whole list (the
list cannot be ordered without them); a record whose other fields do not validate
is `ProviderBadResponse` where it is read, so a page that shows it fails and a page
that does not is answered.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import ProviderBadResponse

M = TypeVar("M", bound=BaseModel)
K = TypeVar("K", bound=BaseModel)


@functools.cache
def list_adapter(model: type[M]) -> TypeAdapter[list[M]]:
    """Built once per model: building a TypeAdapter costs more than most validations."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


class _Cell(Generic[M, K]):
    """One record: what arrived, its keys, and the whole record once validated."""

    __slots__ = ("key", "raw", "record")

    def __init__(self, raw: Any, key: K) -> None:
        self.raw = raw
        self.key = key
        self.record: M | None = None


class LazyRecords(Sequence[M], Generic[M, K]):
    """A provider list in the order it arrived; `keys` validated, records on first read.

    Subsets (`where`, `ordered`) share the records already validated."""

    __slots__ = ("_cells", "_model", "_provider")

    def __init__(self, provider: str, model: type[M], cells: list[_Cell[M, K]]) -> None:
        self._provider = provider
        self._model = model
        self._cells = cells

    @classmethod
    def parse(cls, provider: str, model: type[M], keys: type[K], payload: Any) -> LazyRecords[M, K]:
        """The provider's answer (a JSON array), its keys validated now."""
        if not isinstance(payload, list):
            raise ProviderBadResponse(
                provider, f"expected a list of {model.__name__}, got {type(payload).__name__}"
            )
        try:
            parsed = list_adapter(keys).validate_python(payload)
        except ValidationError as exc:
            raise ProviderBadResponse(
                provider, f"unexpected list of {model.__name__}: {exc.error_count()} errors"
            ) from exc
        return cls(provider, model, [_Cell(r, k) for r, k in zip(payload, parsed, strict=True)])

    def _read(self, cell: _Cell[M, K]) -> M:
        if cell.record is None:
            try:
                cell.record = self._model.model_validate(cell.raw)
            except ValidationError as exc:
                raise ProviderBadResponse(
                    self._provider,
                    f"unexpected {self._model.__name__} {getattr(cell.key, 'id', '')}: "
                    f"{exc.error_count()} errors",
                ) from exc
        return cell.record

    @property
    def keys(self) -> list[K]:
        """Each record's keys, in list order."""
        return [c.key for c in self._cells]

    def where(self, keep: Callable[[K], bool]) -> LazyRecords[M, K]:
        """The records whose keys pass `keep`, none of them validated by choosing."""
        return LazyRecords(self._provider, self._model, [c for c in self._cells if keep(c.key)])

    def pick(self, positions: Iterable[int]) -> LazyRecords[M, K]:
        """The records at these positions, in that order."""
        return LazyRecords(self._provider, self._model, [self._cells[i] for i in positions])

    def ordered(self, key: Callable[[K], Any], *, reverse: bool = False) -> LazyRecords[M, K]:
        """Sorted on the keys (a stable sort, as `sorted`)."""
        cells = sorted(self._cells, key=lambda c: key(c.key), reverse=reverse)
        return LazyRecords(self._provider, self._model, cells)

    def __len__(self) -> int:
        return len(self._cells)

    @overload
    def __getitem__(self, index: int) -> M: ...

    @overload
    def __getitem__(self, index: slice) -> list[M]: ...

    def __getitem__(self, index: int | slice) -> M | list[M]:
        if isinstance(index, slice):
            return [self._read(c) for c in self._cells[index]]
        return self._read(self._cells[index])

    def __iter__(self) -> Iterator[M]:
        for cell in self._cells:
            yield self._read(cell)

    def __repr__(self) -> str:
        read = sum(c.record is not None for c in self._cells)
        return f"<LazyRecords {self._model.__name__}: {len(self._cells)}, {read} read>"
