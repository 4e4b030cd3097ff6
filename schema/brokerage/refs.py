"""The Finos values a mutation input can name, with their owner rules (schema.refs)."""

from __future__ import annotations

from typing import Annotated

from ..refs import Ref
from .owners import kyc_token_owned

# a Finos KYC check's token: one of the caller's own Finos users' (a user search)
KycTokenRef = Annotated[str, Ref("KycCheck", owned=kyc_token_owned)]

__all__ = ["KycTokenRef"]
