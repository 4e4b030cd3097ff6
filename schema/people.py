"""Borrowers across providers, as the root fields and `Borrower.profiles` ask for them.

The people index itself (batched lookups by id and email, profiles by
normalized email, the sources of the merged list) is resolvers.people; here are
the providers' directories of `Borrower`s and the calls that hand them the
request, record a failing provider as a partial result, and make the merged
list a `Connection`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from resolvers import people
from resolvers.errors import ProviderError

from .authz_owner import caller_email, is_borrower
from .borrower import Borrower
from .brokerage.people import FinosPeople
from .common import Provider
from .context import Info
from .errors import record_partial
from .loans.people import FinanceItPeople
from .mortgages.people import FinmoPeople, MoloPeople
from .paging import connect
from .relay import Connection

Directory = people.PeopleDirectory[Info, Borrower]


@functools.cache  # module constants: built once per process, not per lookup
def directories() -> dict[Provider, Directory]:
    found: list[Directory] = [FinmoPeople(), MoloPeople(), FinanceItPeople(), FinosPeople()]
    return {Provider(d.provider.value): d for d in found}


async def borrowers_by_email(info: Info, provider: Provider, email: str) -> list[Borrower]:
    """One provider's borrowers with this normalized email, batched per request."""
    return await people.by_email(info.context, info, directories()[provider], email)


async def borrower_by_id(info: Info, provider: Provider, provider_id: str) -> Borrower | None:
    return await people.by_id(info.context, info, directories()[provider], provider_id)


async def profiles_of(info: Info, borrower: Borrower, *, include_self: bool) -> list[Borrower]:
    def failed(error: ProviderError) -> None:
        record_partial(info, error)

    every = list(directories().values())
    return await people.profiles(
        info.context, info, every, borrower, include_self=include_self, on_failure=failed
    )


async def list_borrowers(
    info: Info,
    *,
    providers: Sequence[Provider] | None,
    first: int | None,
    after: str | None,
) -> Connection[Borrower]:
    chosen = people.chosen(directories(), providers)
    if is_borrower(info):  # only the caller's own profiles, from the same cached indexes
        sources = people.own(info.context, info, chosen, caller_email(info))
    else:
        sources = people.everyone(info, chosen)
    # a failing provider costs only its own records (info: partial results)
    return await connect(sources, first=first, after=after, info=info)
