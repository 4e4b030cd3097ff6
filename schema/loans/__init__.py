"""The loans domain: FinanceIt (Canadian point-of-sale consumer loans, CAD).

query.LoansQuery (root fields), nodes.NODE_LOADERS, people.FinanceItPeople,
links.loans_of_borrower; TYPES lists every Node and Quote type it defines.
"""

from __future__ import annotations

from .quotes import LoanQuote
from .reference import Partner, PromoProgram, Subvertical
from .types import Loan

TYPES: list[type] = [Loan, LoanQuote, PromoProgram, Partner, Subvertical]

__all__ = ["TYPES", "Loan", "LoanQuote", "Partner", "PromoProgram", "Subvertical"]
