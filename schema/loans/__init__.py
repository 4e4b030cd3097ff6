"""The loans domain: FinanceIt (Canadian point-of-sale consumer loans, CAD).

query.LoansQuery (root fields), mutations.LoansMutation, people.FinanceItPeople,
links.loans_of_borrower. Importing the package defines every Node and Quote type it
has (each resolves its own ids: Node.resolve_nodes).
Everything that reads FinanceIt (paging, loaders, the people index, the catalogue,
validation, bodies) is the data layer, resolvers.loans.
"""

from __future__ import annotations

from .quotes import LoanQuote
from .reference import Partner, PromoProgram, Subvertical
from .types import Loan

__all__ = ["Loan", "LoanQuote", "Partner", "PromoProgram", "Subvertical"]
