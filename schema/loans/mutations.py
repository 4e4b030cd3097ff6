# PLACEHOLDER: replaced by the loans domain's mutations.
from __future__ import annotations

import strawberry


@strawberry.type
class LoansMutation:
    pass
