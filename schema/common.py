"""Types every part of the schema shares: Node, Provider, Money, Address."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, ClassVar

import strawberry

if TYPE_CHECKING:
    from .context import Info


@strawberry.enum
class Provider(enum.Enum):
    FINMO = "finmo"
    FINANCEIT = "financeit"
    FINOS = "finos"
    MOLO = "molo"


@strawberry.enum
class Currency(enum.Enum):
    CAD = "CAD"
    USD = "USD"
    GBP = "GBP"


PROVIDER_CURRENCY = {
    Provider.FINMO: Currency.CAD,
    Provider.FINANCEIT: Currency.CAD,
    Provider.FINOS: Currency.USD,
    Provider.MOLO: Currency.GBP,
}


class _NodeTypes:
    """The Node types in order of definition, indexed by GraphQL name when a name is
    not found yet (a type defined, or decorated, after the last lookup)."""

    def __init__(self) -> None:
        self.defined: list[type[Node]] = []
        self._by_name: dict[str, type[Node]] = {}

    def add(self, node_type: type[Node]) -> None:
        self.defined.append(node_type)

    def concrete(self) -> list[type[Node]]:
        return [
            t
            for t in self.defined
            if (d := getattr(t, "__strawberry_definition__", None)) is not None
            and not d.is_interface
        ]

    def named(self, name: str) -> type[Node] | None:
        found = self._by_name.get(name)
        if found is None:
            concrete = self.concrete()
            self._by_name = {t.__strawberry_definition__.name: t for t in concrete}  # type: ignore[attr-defined]
            found = self._by_name.get(name)
        return found


_NODE_TYPES = _NodeTypes()


@strawberry.interface(description="An object with an opaque global id.")
class Node:
    """Every Node type states, next to its fields, the rules about it:

        PUBLIC          reference data (teams, promo programs, quotes): anyone holding the
                        root field's scope sees it; False: it belongs to someone
        visible_to      whose it is: may this borrower caller see it (deny by default)
        NODE_CALLS      the providers whose ids `node(id)` resolves for this type, each
                        with the upstream calls one id can cost (unbatched)
        resolve_nodes   those ids' objects, batched: in the order asked, None where
                        missing, an exception for an id whose read failed

    Subclassing registers the type (`Node.implementations`), so `node(id)` and the
    schema find it without a list to keep up to date.
    """

    id: strawberry.ID = strawberry.field(
        description="Opaque global id: encodes type, provider and provider id."
    )

    PUBLIC: ClassVar[bool] = False
    NODE_CALLS: ClassVar[Mapping[str, int]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _NODE_TYPES.add(cls)

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """This type's objects with these provider ids (a type in NODE_CALLS overrides it)."""
        return [None] * len(ids)

    async def visible_to(self, info: Info) -> bool:
        """May this borrower caller see the object? Deny by default: a personal type
        states its owner rule by overriding this; reference data sets PUBLIC."""
        return self.PUBLIC

    @staticmethod
    def implementations() -> list[type[Node]]:
        """Every concrete Node type defined so far (interfaces left out)."""
        return _NODE_TYPES.concrete()

    @staticmethod
    def type_named(name: str) -> type[Node] | None:
        """The concrete Node type with this GraphQL name."""
        return _NODE_TYPES.named(name)


@strawberry.type(description="An amount in the currency the provider keeps it in.")
class Money:
    amount: Decimal
    currency: Currency

    @classmethod
    def of(cls, amount: object, currency: Currency) -> Money | None:
        """Money from a provider amount (number or string); None when absent or unreadable."""
        if amount is None or amount == "":
            return None
        try:
            value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
        except InvalidOperation:
            return None
        if not value.is_finite():
            return None
        return cls(amount=value, currency=currency)


@strawberry.type
class Address:
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    region: str | None = strawberry.field(default=None, description="Province, state or county.")
    postal_code: str | None = None
    country: str | None = None
