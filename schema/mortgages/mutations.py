# PLACEHOLDER: replaced by the mortgages domain's mutations.
from __future__ import annotations

import strawberry


@strawberry.type
class MortgagesMutation:
    pass
