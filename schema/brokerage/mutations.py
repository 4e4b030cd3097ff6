# PLACEHOLDER: replaced by the brokerage domain's mutations.
from __future__ import annotations

import strawberry


@strawberry.type
class BrokerageMutation:
    pass
