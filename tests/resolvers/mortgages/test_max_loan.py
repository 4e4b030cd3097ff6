"""Molo's max-loan body from plain inputs, and a quote's id as its canonical inputs."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

import pytest

from resolvers.mortgages.max_loan import body, decode_inputs, encode_inputs
from resolvers.refusals import BadInput


class Purpose(enum.Enum):  # any enum with the schema's names will do
    PURCHASE = "x"
    PRE_APPROVAL = "y"


class Kind(enum.Enum):
    INDIVIDUAL = "i"


@dataclass
class Given:
    mortgage_type: Purpose = Purpose.PURCHASE
    borrower_type: Kind = Kind.INDIVIDUAL
    property_value: Decimal = Decimal("250000")
    estimated_rent_per_month: Decimal = Decimal("1200.50")
    taxable_income: Decimal | None = None
    is_new_property: bool | None = True
    is_hmo: bool | None = None
    is_ex_local: bool | None = False


def test_a_quote_id_gives_back_the_same_body() -> None:
    sent = body(Given(taxable_income=Decimal("45000")))
    assert sent.mortgage_type == "new_purchase"
    assert sent.borrower_type == "individual_borrower"
    provider_id = encode_inputs(sent)
    assert provider_id == "new_purchase|individual_borrower|250000|1200.5|45000|1||0"
    assert decode_inputs(provider_id) == sent


@pytest.mark.parametrize(
    "provider_id",
    [
        "new_purchase|individual_borrower|250000|1200.5|1||0",  # seven parts
        "purchase|individual_borrower|250000|1200.5||1||0",  # not Molo's mortgage type
        "new_purchase|individual_borrower|9000000|1200.5||1||0",  # out of range
        "new_purchase|individual_borrower|abc|1200.5||1||0",
        "new_purchase|individual_borrower|250000|1200.5||yes||0",
    ],
)
def test_an_id_that_is_not_a_quote_of_ours_decodes_to_none(provider_id: str) -> None:
    assert decode_inputs(provider_id) is None


def test_a_purpose_molo_does_not_lend_for_names_the_field() -> None:
    with pytest.raises(BadInput) as refused:
        body(Given(mortgage_type=Purpose.PRE_APPROVAL))
    assert refused.value.extensions == {"field": "mortgageType"}
    assert "PURCHASE, REMORTGAGE, REMORTGAGE_AND_BORROW" in refused.value.message


def test_an_amount_with_too_many_places_names_the_field() -> None:
    with pytest.raises(BadInput) as refused:
        body(Given(estimated_rent_per_month=Decimal("1.005")))
    assert refused.value.message == "estimatedRentPerMonth has at most 2 decimal places."
