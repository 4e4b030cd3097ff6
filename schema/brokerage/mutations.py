"""Every documented Finos write as a mutation (issue 5).

Each takes one `input` (with `idempotencyKey`) and answers a payload with the
affected object and `userErrors`; `schema.writes.run_write` validates, claims the
key and writes once. Each write is a `WriteSpec` in a mutations_* module, whose
rules and provider calls are the resolvers.brokerage module beside it:

    people    (people_writes)    createUser, updateUser
    kyc       (kyc)              performKyc, answerKycQuestions, uploadKycDocument
    accounts  (accounts_writes)  openAccount, updateAccount, updateAccountSettings
    funding   (funding)          linkBankAccount, updateBankAccount, removeBankAccount,
                                 deposit, withdraw
    trading   (trading)          placeOrder, cancelOrder
    webhooks  (webhooks)         createWebhook, updateWebhook
"""

from __future__ import annotations

import strawberry

from ..access import FUNDS_WRITE, KYC_WRITE, PEOPLE_WRITE, STAFF_ONLY, TRADING_WRITE, access
from ..context import Info
from . import mutations_accounts as accounts
from . import mutations_funding as funding
from . import mutations_kyc as kyc
from . import mutations_people as people
from . import mutations_trading as trading
from . import mutations_webhooks as webhooks
from .inputs import (
    AnswerKycQuestionsInput,
    CancelOrderInput,
    CreateUserInput,
    CreateWebhookInput,
    DepositInput,
    LinkBankAccountInput,
    OpenAccountInput,
    PerformKycInput,
    PlaceOrderInput,
    RemoveBankAccountInput,
    UpdateAccountInput,
    UpdateAccountSettingsInput,
    UpdateBankAccountInput,
    UpdateUserInput,
    UpdateWebhookInput,
    UploadKycDocumentInput,
    WithdrawInput,
)
from .payloads import (
    AnswerKycQuestionsPayload,
    CancelOrderPayload,
    CreateUserPayload,
    CreateWebhookPayload,
    DepositPayload,
    LinkBankAccountPayload,
    OpenAccountPayload,
    PerformKycPayload,
    PlaceOrderPayload,
    RemoveBankAccountPayload,
    UpdateAccountPayload,
    UpdateAccountSettingsPayload,
    UpdateBankAccountPayload,
    UpdateUserPayload,
    UpdateWebhookPayload,
    UploadKycDocumentPayload,
    WithdrawPayload,
)


@strawberry.type
class BrokerageMutation:
    @strawberry.mutation(
        description="Create a Finos user; KYC runs at once (Finos).", metadata=access(PEOPLE_WRITE)
    )
    async def create_user(self, info: Info, input: CreateUserInput) -> CreateUserPayload:
        return await people.create_user(info, input)

    @strawberry.mutation(
        description="Change a Finos user's profile (Finos).", metadata=access(PEOPLE_WRITE)
    )
    async def update_user(self, info: Info, input: UpdateUserInput) -> UpdateUserPayload:
        return await people.update_user(info, input)

    @strawberry.mutation(
        description="Run a KYC identity check on a person (Finos).", metadata=access(KYC_WRITE)
    )
    async def perform_kyc(self, info: Info, input: PerformKycInput) -> PerformKycPayload:
        return await kyc.perform_kyc(info, input)

    @strawberry.mutation(
        description="Answer a KYC check's out-of-wallet questions (Finos).",
        metadata=access(KYC_WRITE),
    )
    async def answer_kyc_questions(
        self, info: Info, input: AnswerKycQuestionsInput
    ) -> AnswerKycQuestionsPayload:
        return await kyc.answer_kyc_questions(info, input)

    @strawberry.mutation(
        description="Upload a document for a KYC manual review (Finos).", metadata=access(KYC_WRITE)
    )
    async def upload_kyc_document(
        self, info: Info, input: UploadKycDocumentInput
    ) -> UploadKycDocumentPayload:
        return await kyc.upload_kyc_document(info, input)

    @strawberry.mutation(
        description="Open an individual or joint brokerage account (Finos).",
        metadata=access(TRADING_WRITE),
    )
    async def open_account(self, info: Info, input: OpenAccountInput) -> OpenAccountPayload:
        return await accounts.open_account(info, input)

    @strawberry.mutation(
        description="Change an account's profile, type or ownership (Finos).",
        metadata=access(TRADING_WRITE),
    )
    async def update_account(self, info: Info, input: UpdateAccountInput) -> UpdateAccountPayload:
        return await accounts.update_account(info, input)

    @strawberry.mutation(
        description="Set an account's investment management (Finos).",
        metadata=access(TRADING_WRITE),
    )
    async def update_account_settings(
        self, info: Info, input: UpdateAccountSettingsInput
    ) -> UpdateAccountSettingsPayload:
        return await accounts.update_account_settings(info, input)

    @strawberry.mutation(
        description="Link an external bank account to a Finos user (Finos).",
        metadata=access(FUNDS_WRITE),
    )
    async def link_bank_account(
        self, info: Info, input: LinkBankAccountInput
    ) -> LinkBankAccountPayload:
        return await funding.link_bank_account(info, input)

    @strawberry.mutation(
        description="Rename a linked bank account or make it the default.",
        metadata=access(FUNDS_WRITE),
    )
    async def update_bank_account(
        self, info: Info, input: UpdateBankAccountInput
    ) -> UpdateBankAccountPayload:
        return await funding.update_bank_account(info, input)

    @strawberry.mutation(description="Unlink a bank account (Finos).", metadata=access(FUNDS_WRITE))
    async def remove_bank_account(
        self, info: Info, input: RemoveBankAccountInput
    ) -> RemoveBankAccountPayload:
        return await funding.remove_bank_account(info, input)

    @strawberry.mutation(
        description="A one-time ACH deposit from a linked bank (Finos).",
        metadata=access(FUNDS_WRITE),
    )
    async def deposit(self, info: Info, input: DepositInput) -> DepositPayload:
        return await funding.deposit(info, input)

    @strawberry.mutation(
        description="A one-time ACH withdrawal to a linked bank (Finos).",
        metadata=access(FUNDS_WRITE),
    )
    async def withdraw(self, info: Info, input: WithdrawInput) -> WithdrawPayload:
        return await funding.withdraw(info, input)

    @strawberry.mutation(
        description="Place a market, limit, stop or stop-limit order (Finos).",
        metadata=access(TRADING_WRITE),
    )
    async def place_order(self, info: Info, input: PlaceOrderInput) -> PlaceOrderPayload:
        return await trading.place_order(info, input)

    @strawberry.mutation(
        description="Cancel an order that is not filled yet (Finos).",
        metadata=access(TRADING_WRITE),
    )
    async def cancel_order(self, info: Info, input: CancelOrderInput) -> CancelOrderPayload:
        return await trading.cancel_order(info, input)

    @strawberry.mutation(
        description="Send Finos event notifications to a URL (Finos).", metadata=access(STAFF_ONLY)
    )
    async def create_webhook(self, info: Info, input: CreateWebhookInput) -> CreateWebhookPayload:
        return await webhooks.create_webhook(info, input)

    @strawberry.mutation(
        description="Change a webhook's name, endpoint, events or state.",
        metadata=access(STAFF_ONLY),
    )
    async def update_webhook(self, info: Info, input: UpdateWebhookInput) -> UpdateWebhookPayload:
        return await webhooks.update_webhook(info, input)
