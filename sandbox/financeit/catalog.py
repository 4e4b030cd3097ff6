"""FinanceIt's fixed vocabulary: enums, state filters, the sandbox credentials.

Enums are the reference's own. Where the reference leaves a list unnamed (loan
states, subverticals, what a state filter covers) the values here are the
sandbox's choice and are documented next to them.
"""

from __future__ import annotations

from typing import Literal

API = "/en/api/v3"

APP_ID = "sandbox-app"
APP_SECRET = "sandbox-secret"  # the published fixed sandbox credential
LOGIN = "sandbox-partner"  # a multi-location business (broker) user
MERCHANT_LOGIN = "sandbox-merchant"  # an individual merchant: one of the broker's locations
PASSWORD = "sandbox-password"  # the published fixed sandbox credential

Vertical = Literal["Home Improvement", "Retail", "Power", "Marine", "Recreational Vehicle"]
VERTICALS: tuple[str, ...] = (
    "Home Improvement",
    "Retail",
    "Power",
    "Marine",
    "Recreational Vehicle",
)
Region = Literal["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
Frequency = Literal["m", "f", "w"]
FeePaidBy = Literal["borrower", "partner"]
YesNo = Literal["yes", "no"]
SendVia = Literal["email", "sms", "none", "centah"]
Language = Literal["en", "fr"]
StateFilter = Literal[
    "all",
    "active",
    "pending_or_disbursed",
    "pending",
    "ready_for_funding",
    "disbursed_or_closed",
    "declined",
    "aborted",
]

# The reference documents the state filters but not the states a loan takes; the
# sandbox uses these six, and each filter selects the states below.
LOAN_STATES: tuple[str, ...] = (
    "pending",
    "ready_for_funding",
    "disbursed",
    "closed",
    "declined",
    "aborted",
)
STATE_FILTERS: dict[str, frozenset[str]] = {
    "all": frozenset(LOAN_STATES),
    "active": frozenset({"pending", "ready_for_funding", "disbursed"}),
    "pending_or_disbursed": frozenset({"pending", "ready_for_funding", "disbursed"}),
    "pending": frozenset({"pending"}),
    "ready_for_funding": frozenset({"ready_for_funding"}),
    "disbursed_or_closed": frozenset({"disbursed", "closed"}),
    "declined": frozenset({"declined"}),
    "aborted": frozenset({"aborted"}),
}
NEXT_STEP: dict[str, str | None] = {
    "pending": "Complete Financeit Checklist",
    "ready_for_funding": "Request Funding",
    "disbursed": None,
    "closed": None,
    "declined": None,
    "aborted": None,
}

# Payments per year for each payment frequency.
PERIODS_PER_YEAR: dict[str, int] = {"m": 12, "f": 26, "w": 52}

# Standard rate (promo_program_id 0, "free program") per vertical, in percent.
STANDARD_RATE: dict[str, str] = {
    "Home Improvement": "9.99",
    "Retail": "12.99",
    "Power": "10.99",
    "Marine": "8.99",
    "Recreational Vehicle": "8.49",
}
STANDARD_AMORTIZATIONS: tuple[int, ...] = (12, 24, 36, 60, 120, 180)
MIN_AMOUNT = 500
MAX_AMOUNT = 100_000
BORROWER_FEE = "99.00"  # the dealer fee when the borrower pays it
INSURANCE_RATE = "0.04"  # payment protection premium, share of the amount financed
QUEBEC_SURCHARGE = "0.50"  # percentage points added to the rate for Quebec work sites
COMMISSION_RATE = "0.025"  # partner commission, share of the principal

SUBVERTICALS: dict[str, list[tuple[str, list[str]]]] = {
    "Home Improvement": [
        ("HVAC", ["Furnace", "Air Conditioner", "Heat Pump", "Water Heater"]),
        ("Windows and Doors", ["Windows", "Doors"]),
        ("Roofing", ["Shingles", "Metal Roof"]),
        ("Renovation", ["Kitchen", "Bathroom", "Basement"]),
    ],
    "Retail": [
        ("Furniture", ["Sofa", "Mattress", "Dining Set"]),
        ("Electronics", ["Television", "Computer", "Home Theatre"]),
    ],
    "Power": [
        ("Powersports", ["ATV", "Snowmobile", "Motorcycle"]),
        ("Outdoor Power", ["Lawn Tractor", "Generator"]),
    ],
    "Marine": [
        ("Boats", ["Fishing Boat", "Pontoon", "Personal Watercraft"]),
        ("Marine Engines", ["Outboard Motor"]),
    ],
    "Recreational Vehicle": [
        ("Towables", ["Travel Trailer", "Fifth Wheel"]),
        ("Motorhomes", ["Class A", "Class C"]),
    ],
}
