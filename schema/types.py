"""Every concrete type, so types reachable only through `node` or an interface are in the schema."""

from __future__ import annotations

from typing import Any


def all_types() -> list[Any]:
    from .borrower import Borrower
    from .brokerage import TYPES as brokerage
    from .loans import TYPES as loans
    from .mortgages import TYPES as mortgages

    return [Borrower, *mortgages, *loans, *brokerage]
