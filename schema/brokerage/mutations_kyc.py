"""KYC: the performKyc, answerKycQuestions and uploadKycDocument mutations, wired to
the data layer.

The rules and the calls sent are resolvers.brokerage.kyc; the records become
`KycCheck` and `KycDocument` (schema.brokerage.payloads); each mutation is one
write spec (schema.writes.WriteSpec).
"""

from __future__ import annotations

from resolvers import finos
from resolvers.brokerage.kyc import (
    ANSWER_FIELDS,
    DOCUMENT_FIELDS,
    KycAnswers,
    KycUpload,
    answers_reconciled,
    check_answers,
    check_person,
    check_upload,
    send_answers,
    send_kyc,
    send_upload,
)
from resolvers.brokerage.writes import PERSON_FIELDS
from resolvers.checks import Checks

from ..context import Info
from ..writes import run_write
from .inputs import AnswerKycQuestionsInput, PerformKycInput, UploadKycDocumentInput
from .payloads import (
    AnswerKycQuestionsPayload,
    KycCheck,
    KycDocument,
    PerformKycPayload,
    UploadKycDocumentPayload,
)
from .writes import FinosWrite


class PerformKyc(FinosWrite[PerformKycPayload]):
    """POST /v1/kyc under the provider key; an unanswered one is sent again under the
    same key (Finos replays the first answer)."""

    mutation = "performKyc"
    record = finos.KycResult
    field_map = PERSON_FIELDS
    input: PerformKycInput

    def check(self, checks: Checks) -> None:
        check_person(checks, self.input)

    async def send(self, provider_key: str | None) -> finos.KycResult:
        return await send_kyc(self.info.context, self.input, provider_key)

    async def reconcile(self, provider_key: str) -> finos.KycResult:
        return await self.send(provider_key)

    def payload(self, record: finos.KycResult) -> PerformKycPayload:
        return PerformKycPayload(kyc=KycCheck.from_finos(record), user_errors=[])


def kyc_answers(data: AnswerKycQuestionsInput) -> KycAnswers:
    """The input in the data layer's plain terms."""
    return KycAnswers(
        token=data.kyc_token,
        answers=tuple((a.question_id, a.answer_id) for a in data.answers),
        first_name=data.first_name,
        last_name=data.last_name,
    )


class AnswerKycQuestions(FinosWrite[AnswerKycQuestionsPayload]):
    """PATCH /v1/kyc/{token} (Finos takes no key); an unanswered one is settled by
    reading the check: no questions left means the answers arrived."""

    mutation = "answerKycQuestions"
    record = finos.KycResult
    field_map = ANSWER_FIELDS
    input: AnswerKycQuestionsInput

    def check(self, checks: Checks) -> None:
        check_answers(checks, kyc_answers(self.input))

    async def send(self, provider_key: str | None) -> finos.KycResult:
        return await send_answers(self.info.context, kyc_answers(self.input))

    async def reconcile(self, provider_key: str) -> finos.KycResult | None:
        return await answers_reconciled(self.info.context, kyc_answers(self.input))

    def payload(self, record: finos.KycResult) -> AnswerKycQuestionsPayload:
        return AnswerKycQuestionsPayload(kyc=KycCheck.from_finos(record), user_errors=[])


def kyc_upload(data: UploadKycDocumentInput) -> KycUpload:
    """The input in the data layer's plain terms."""
    return KycUpload(
        token=data.kyc_token,
        name=data.name,
        type=data.type.value,
        content_base64=data.content_base64,
        extension=data.extension,
        notes=data.notes,
    )


class UploadKycDocument(FinosWrite[UploadKycDocumentPayload]):
    """POST /v1/kyc/{token}/documents under the provider key; an unanswered one is sent
    again under the same key (Finos replays the first answer)."""

    mutation = "uploadKycDocument"
    record = finos.KycDocument
    field_map = DOCUMENT_FIELDS
    input: UploadKycDocumentInput

    def check(self, checks: Checks) -> None:
        self.upload = kyc_upload(self.input)
        self.document = check_upload(checks, self.upload)

    async def send(self, provider_key: str | None) -> finos.KycDocument:
        return await send_upload(self.info.context, self.upload, self.document, provider_key)

    async def reconcile(self, provider_key: str) -> finos.KycDocument:
        return await self.send(provider_key)

    def payload(self, record: finos.KycDocument) -> UploadKycDocumentPayload:
        return UploadKycDocumentPayload(document=KycDocument.from_finos(record), user_errors=[])


async def perform_kyc(info: Info, data: PerformKycInput) -> PerformKycPayload:
    return await run_write(info, PerformKyc(info, data))


async def answer_kyc_questions(
    info: Info, data: AnswerKycQuestionsInput
) -> AnswerKycQuestionsPayload:
    return await run_write(info, AnswerKycQuestions(info, data))


async def upload_kyc_document(info: Info, data: UploadKycDocumentInput) -> UploadKycDocumentPayload:
    return await run_write(info, UploadKycDocument(info, data))
