"""The loans domain: FinanceIt (Canadian point-of-sale consumer loans, CAD).

query.LoansQuery and mutations.LoansMutation (root fields; each mutation a write
spec in writes), nodes.NODE_LOADERS, people.FinanceItPeople, links.loans_of_borrower;
TYPES lists every Node and Quote type it defines. Everything that reads FinanceIt
(paging, loaders, the people index, the catalogue, validation, bodies) is the data
layer, resolvers.loans.
"""

from __future__ import annotations

from .quotes import LoanQuote
from .reference import Partner, PromoProgram, Subvertical
from .types import Loan

TYPES: list[type] = [Loan, LoanQuote, PromoProgram, Partner, Subvertical]

__all__ = ["TYPES", "Loan", "LoanQuote", "Partner", "PromoProgram", "Subvertical"]
