"""LoansQuery: FinanceIt's root fields (loans, loan, loanQuote, promoPrograms, partners...)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from resolvers.loans import catalog, lists, loaders, quotes
from resolvers.loans.paging import LoanFilter, offset_window

from ..access import LOANS_READ, QUOTES_READ, access
from ..authz_owner import is_borrower, visible
from ..context import Info
from ..errors import BadInput, NotFound
from ..ids import InvalidId, from_global_id
from ..relay import Connection
from ..upstream import CATALOG_CALLS, upstream
from .enums import LoanStateFilter, LoanVertical
from .links import own_loans, page_of
from .quotes import LoanQuote, LoanQuoteInput, quote_params
from .reference import Partner, PromoProgram, Subvertical
from .types import Loan


def _loan_number(global_id: str) -> int:
    """The FinanceIt id in a Loan's global id; BadInput for anything else."""
    try:
        gid = from_global_id(global_id)
        if (gid.type_name, gid.provider) != ("Loan", "financeit"):
            raise InvalidId(global_id)
        return int(gid.provider_id)
    except (InvalidId, ValueError) as exc:
        raise BadInput(f"{global_id!r} is not the id of a FinanceIt loan.") from exc


@strawberry.type
class LoansQuery:
    @strawberry.field(
        description="FinanceIt loans, newest first (default: every state).",
        metadata=access(LOANS_READ, filtered_at_source=True),
    )
    async def loans(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        state: LoanStateFilter = LoanStateFilter.ALL,
        partner_id: int | None = None,
        created_from: date | None = None,
        created_to: date | None = None,
    ) -> Connection[Loan] | None:
        if created_from and created_to and created_to < created_from:
            raise BadInput("createdTo must not be before createdFrom.")
        flt = LoanFilter(state=state.value, partner=partner_id, start=created_from, end=created_to)
        if is_borrower(info):
            return page_of(await own_loans(info, flt), first=first, after=after)
        return Connection.of(
            await lists.loans(info.context, flt, first, after), Loan.from_financeit
        )

    @strawberry.field(
        description="One FinanceIt loan by global id.",
        metadata=access(LOANS_READ, filtered_at_source=True),
    )
    async def loan(self, info: Info, id: strawberry.ID) -> Loan | None:
        try:
            gid = from_global_id(id)
        except InvalidId as exc:
            raise NotFound(f"No loan has the id {id!r}.") from exc
        if (gid.type_name, gid.provider) != ("Loan", "financeit"):
            raise NotFound(f"No loan has the id {id!r}.")
        (found,) = await Loan.resolve_nodes(info, "financeit", [gid.provider_id])
        if isinstance(found, Exception):
            raise found
        if found is None or not await visible(info, found):
            raise NotFound(f"No loan has the id {id!r}.")
        loan: Loan = found
        return loan

    @strawberry.field(
        description="The FinanceIt loan made from a lead (two calls: id, loan).",
        metadata=access(LOANS_READ, filtered_at_source=True),
    )
    async def loan_by_lead_id(
        self, info: Info, lead_id: int, partner_id: int | None = None
    ) -> Loan | None:
        loan_id = await loaders.loan_id_by_lead_id(info.context, lead_id, partner_id)
        if loan_id is None:
            raise NotFound(f"No loan has the lead id {lead_id}.")
        (found,) = await Loan.resolve_nodes(info, "financeit", [str(loan_id)])
        if isinstance(found, Exception):
            raise found
        if found is None or not await visible(info, found):
            raise NotFound(f"No loan has the lead id {lead_id}.")
        loan: Loan = found
        return loan

    @strawberry.field(
        description="FinanceIt calculator: loan options for an amount.",
        metadata=access(QUOTES_READ),
    )
    async def loan_quote(self, info: Info, input: LoanQuoteInput) -> LoanQuote | None:
        params = quote_params(input)
        return LoanQuote.from_financeit(params, await quotes.calculate(info.context, params))

    @strawberry.field(
        description="FinanceIt promo programs (cached reference data).",
        metadata=upstream(CATALOG_CALLS) | access(LOANS_READ),
    )
    async def promo_programs(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        vertical: LoanVertical | None = None,
        partner_id: int | None = None,
        loan_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only the programs FinanceIt offers for this loan."),
        ] = None,
    ) -> Connection[PromoProgram] | None:
        if loan_id is not None:
            number = _loan_number(loan_id)
            if is_borrower(info):  # someone else's loan: as for a loan that does not exist
                (loan,) = await Loan.resolve_nodes(info, "financeit", [str(number)])
                if not isinstance(loan, Loan) or not await visible(info, loan):
                    raise NotFound(f"No loan has the id {loan_id!r}.")
            found = await catalog.programs_for_loan(info.context, number)
            if vertical is not None:
                found = [p for p in found if p.vertical_name == vertical.value]
        else:
            found = await catalog.promo_programs(
                info.context, vertical=vertical.value if vertical else None, partner_id=partner_id
            )
        page = offset_window(found, lambda p: str(p.id), first, after)
        return Connection.of(page, PromoProgram.from_financeit)

    @strawberry.field(
        description="The user's FinanceIt partners (cached reference data).",
        metadata=access(LOANS_READ),
    )
    async def partners(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Partner] | None:
        found = await catalog.partners(info.context)
        page = offset_window(found, lambda p: str(p.id), first, after)
        return Connection.of(page, Partner.from_financeit)

    @strawberry.field(
        description="FinanceIt subverticals and product types (cached).",
        metadata=upstream(CATALOG_CALLS) | access(LOANS_READ),
    )
    async def subverticals(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        vertical: LoanVertical | None = None,
        partner_id: int | None = None,
    ) -> Connection[Subvertical] | None:
        found = await catalog.subverticals(
            info.context, vertical=vertical.value if vertical else None, partner_id=partner_id
        )
        page = offset_window(found, catalog.subvertical_id, first, after)
        return Connection.of(page, Subvertical.from_financeit)
