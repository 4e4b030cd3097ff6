"""What each provider's part of the schema offers `node` and `nodes`.

A `NodeLoader` loads one provider's records of one type by id, as the schema's
types; the domain packages (mortgages, loans, brokerage) implement them and
`schema.node` batches the calls through per-request dataloaders, so each
provider is asked once per level of a query. (A provider's people directory,
what `schema.people` asks, is resolvers.people.PeopleDirectory.)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from .context import Info

# (info, provider ids) -> records in the order asked, None where missing
NodeLoader = Callable[[Info, Sequence[str]], Awaitable[Sequence[Any]]]
