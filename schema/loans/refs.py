"""The FinanceIt values a mutation input can name, with their owner rules (schema.refs)."""

from __future__ import annotations

from typing import Annotated

from ..refs import Ref
from .owners import lead_owned

# a FinanceIt lead: the lead of one of the caller's own loans
LeadRef = Annotated[int, Ref("Lead", owned=lead_owned)]

__all__ = ["LeadRef"]
