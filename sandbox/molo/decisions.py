"""How the sandbox lends: the max-loan calculation and the decision in principle.

The reference gives one worked example (individual borrower, £70,000 income,
£230,000 property, £2,000 rent, ex-local: £172,500, which is 75% of the value)
and no formula. The sandbox uses the usual buy-to-let rules, which reproduce it:

- loan to value at most 75% (70% for a new-build property);
- rental cover: yearly rent must be at least the interest cover ratio (ICR)
  times the interest at a 5.5% stress rate; ICR 125% for limited companies and
  basic-rate taxpayers (income under £50,270), else 145%; +10 points for an HMO;
- the smaller of the two, rounded down to £100.

A decision in principle is "denied_dip_kyc" when an applicant fails the
(deterministic, seed-derived) identity check, "valid" when the desired loan is
within the max loan of the application, else "denied_dip".
"""

from __future__ import annotations

import base64
import hashlib
from decimal import ROUND_FLOOR, Decimal

STRESS_RATE = Decimal("0.055")
BASIC_RATE_LIMIT = Decimal("50270")
LTV = Decimal("0.75")
LTV_NEW_BUILD = Decimal("0.70")
ICR_LOW = Decimal("1.25")
ICR_HIGH = Decimal("1.45")
ICR_HMO_EXTRA = Decimal("0.10")
STEP = Decimal("100")


def max_loan(
    *,
    borrower_type: str,
    property_value: Decimal,
    monthly_rent: Decimal,
    taxable_income: Decimal | None = None,
    is_new_property: bool = False,
    is_hmo: bool = False,
) -> Decimal:
    """The most Molo lends on these figures, in GBP."""
    ltv = LTV_NEW_BUILD if is_new_property else LTV
    basic_rate = taxable_income is not None and taxable_income < BASIC_RATE_LIMIT
    icr = ICR_LOW if borrower_type == "ltd_company" or basic_rate else ICR_HIGH
    if is_hmo:
        icr += ICR_HMO_EXTRA
    by_value = property_value * ltv
    by_rent = monthly_rent * 12 / (icr * STRESS_RATE)
    loan = min(by_value, by_rent)
    return (loan / STEP).to_integral_value(rounding=ROUND_FLOOR) * STEP


def fails_identity_check(seed: int, email: str) -> bool:
    """About one person in twenty fails KYC; the same person always does."""
    digest = hashlib.sha256(f"molo-kyc:{seed}:{email.strip().lower()}".encode()).digest()
    return digest[0] % 20 == 0


def decide(
    *,
    seed: int,
    emails: list[str],
    borrower_type: str,
    desired_loan_amount: Decimal,
    property_value: Decimal,
    monthly_rent: Decimal,
    lead_income: Decimal | None,
) -> str:
    if any(fails_identity_check(seed, email) for email in emails):
        return "denied_dip_kyc"
    limit = max_loan(
        borrower_type=borrower_type,
        property_value=property_value,
        monthly_rent=monthly_rent,
        taxable_income=lead_income,
    )
    return "valid" if desired_loan_amount <= limit else "denied_dip"


def dip_pdf(application_id: int, amount: Decimal) -> str:
    """A small, valid one-page PDF certificate, base64 encoded as the reference says."""
    text = f"Molo decision in principle: application {application_id}, GBP {amount:.2f}"
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return base64.b64encode(bytes(out)).decode("ascii")
