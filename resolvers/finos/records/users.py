"""User and KYC records."""

from __future__ import annotations

from datetime import date, datetime

from .common import FinosRecord


class User(FinosRecord):
    """`GET /v1/users/{id}`; `POST /v1/users` answers only id, status and kyc_token."""

    id: str
    status: str | None = None
    kyc_token: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone_number: str | None = None
    email_address: str | None = None
    birth_date: date | None = None
    address_line_1: str | None = None
    address_line_2: str | None = None
    address_city: str | None = None
    address_state: str | None = None
    address_postal_code: str | None = None
    address_country_code: str | None = None
    created_at: datetime | None = None


class KycOutcome(FinosRecord):
    result: str | None = None
    score: float | None = None
    tags: list[str] = []
    outcome: str | None = None


class KycRequirement(FinosRecord):
    """One piece of information KYC still needs (`required` / `optional`)."""

    key: str
    type: str | None = None
    description: str | None = None
    template: dict[str, object] | None = None


class KycAnswerChoice(FinosRecord):
    id: int
    answer: str


class KycQuestion(FinosRecord):
    id: int
    question: str
    answers: list[KycAnswerChoice] = []


class KycPrompt(FinosRecord):
    questions: list[KycQuestion] = []


class KycResult(FinosRecord):
    """`POST /v1/kyc`, `GET /v1/kyc/{token}`, `PATCH /v1/kyc/{token}`.

    Either a verdict (`data`) or what is still needed (`required`, `prompts`).
    """

    token: str
    status_code: int | None = None
    data: KycOutcome | None = None
    required: list[KycRequirement] = []
    optional: list[KycRequirement] = []
    prompts: dict[str, KycPrompt] = {}

    @property
    def questions(self) -> list[KycQuestion]:
        """Every out-of-wallet question asked, across prompts."""
        return [q for prompt in self.prompts.values() for q in prompt.questions]


class KycDocumentNote(FinosRecord):
    notes: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class KycDocument(FinosRecord):
    """`POST /v1/kyc/{token}/documents`."""

    document_token: str
    name: str | None = None
    extension: str | None = None
    type: str | None = None
    uploaded: bool | None = None
    notes: list[KycDocumentNote] = []
