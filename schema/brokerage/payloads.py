"""What the brokerage mutations answer: the affected object and userErrors.

The objects that only writes produce (a KYC check, a KYC document, a webhook)
are defined here with their `from_finos` mappings; the others reuse the query
types (Account, Order, BankAccount, Deposit, Withdrawal, Borrower, AccountSettings).
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers import finos

from ..borrower import Borrower
from ..common import Provider
from ..ids import to_global_id
from ..writes import UserError
from .funding import BankAccount, Deposit, Withdrawal
from .managed import AccountSettings
from .orders import Order
from .types import Account

FINOS = Provider.FINOS.value


@strawberry.type(description="The verdict of a KYC check.")
class KycOutcome:
    result: str | None
    score: float | None
    tags: list[str]
    outcome: str | None = strawberry.field(description="Approved, Rejected...")


@strawberry.type(description="Something a KYC check still needs (answers, documents...).")
class KycRequirement:
    key: str
    type: str | None
    description: str | None


@strawberry.type
class KycAnswerChoice:
    id: int
    answer: str


@strawberry.type(description="An out-of-wallet question: answer it with answerKycQuestions.")
class KycQuestion:
    id: int
    question: str
    answers: list[KycAnswerChoice]


@strawberry.type(description="A Finos KYC check: a verdict, or what it still needs.")
class KycCheck:
    token: str = strawberry.field(description="The kycToken for answers and documents.")
    status_code: int | None
    outcome: KycOutcome | None
    required: list[KycRequirement]
    optional: list[KycRequirement]
    questions: list[KycQuestion]

    @classmethod
    def from_finos(cls, k: finos.KycResult) -> KycCheck:
        def needs(items: list[finos.KycRequirement]) -> list[KycRequirement]:
            return [
                KycRequirement(key=r.key, type=r.type, description=r.description) for r in items
            ]

        data = k.data
        return cls(
            token=k.token,
            status_code=k.status_code,
            outcome=None
            if data is None
            else KycOutcome(
                result=data.result, score=data.score, tags=data.tags, outcome=data.outcome
            ),
            required=needs(k.required),
            optional=needs(k.optional),
            questions=[
                KycQuestion(
                    id=q.id,
                    question=q.question,
                    answers=[KycAnswerChoice(id=a.id, answer=a.answer) for a in q.answers],
                )
                for q in k.questions
            ],
        )


@strawberry.type
class KycDocumentNote:
    notes: str | None
    created_at: datetime | None


@strawberry.type(description="A document uploaded for a KYC check's manual review.")
class KycDocument:
    document_token: str
    name: str | None
    extension: str | None
    type: str | None
    uploaded: bool | None
    notes: list[KycDocumentNote]

    @classmethod
    def from_finos(cls, d: finos.KycDocument) -> KycDocument:
        return cls(
            document_token=d.document_token,
            name=d.name,
            extension=d.extension,
            type=d.type,
            uploaded=d.uploaded,
            notes=[KycDocumentNote(notes=n.notes, created_at=n.created_at) for n in d.notes],
        )


@strawberry.type(description="A Finos webhook: where event notifications go (no password shown).")
class BrokerageWebhook:
    id: strawberry.ID
    provider: Provider
    provider_id: strawberry.ID
    name: str | None
    active: bool | None
    url: str | None
    basic_auth_username: str | None
    has_basic_auth_password: bool
    events: list[str]

    @classmethod
    def from_finos(cls, w: finos.Webhook) -> BrokerageWebhook:
        config = w.config or finos.WebhookConfig()
        return cls(
            id=strawberry.ID(to_global_id("Webhook", FINOS, w.id)),
            provider=Provider.FINOS,
            provider_id=strawberry.ID(w.id),
            name=w.name,
            active=w.active,
            url=config.url,
            basic_auth_username=config.basic_auth_username,
            has_basic_auth_password=config.basic_auth_password is not None,
            events=list(w.events),
        )


@strawberry.type
class CreateUserPayload:
    user: Borrower | None = None
    status: str | None = strawberry.field(
        default=None,
        description="The user's status after the initial KYC check (active once approved).",
    )
    kyc_token: str | None = strawberry.field(
        default=None, description="For answerKycQuestions and documents."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UpdateUserPayload:
    user: Borrower | None = None
    status: str | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class PerformKycPayload:
    kyc: KycCheck | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AnswerKycQuestionsPayload:
    kyc: KycCheck | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UploadKycDocumentPayload:
    document: KycDocument | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class OpenAccountPayload:
    account: Account | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UpdateAccountPayload:
    account: Account | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UpdateAccountSettingsPayload:
    settings: AccountSettings | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class LinkBankAccountPayload:
    bank_account: BankAccount | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UpdateBankAccountPayload:
    bank_account: BankAccount | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RemoveBankAccountPayload:
    removed_bank_account_id: strawberry.ID | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class DepositPayload:
    deposit: Deposit | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class WithdrawPayload:
    withdrawal: Withdrawal | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class PlaceOrderPayload:
    order: Order | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CancelOrderPayload:
    order: Order | None = strawberry.field(
        default=None, description="The order as it stands after the cancel."
    )
    canceled: bool = False
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CreateWebhookPayload:
    webhook: BrokerageWebhook | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UpdateWebhookPayload:
    webhook: BrokerageWebhook | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)
