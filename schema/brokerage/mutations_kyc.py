"""KYC: performKyc, answerKycQuestions and uploadKycDocument.

The POSTs (perform a check, upload a document) send the provider key as Finos's
Idempotency-Key, so their reconcile re-sends the same request: Finos replays the
first answer. answerKycQuestions (PATCH) reconciles by reading the check: the
answers arrived once it asks no more questions.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from resolvers import finos
from resolvers.brokerage.validation import MAX_NAME, person
from resolvers.brokerage.writes import (
    PERSON_FIELDS,
    dump,
    naming_ids,
    naming_leads,
    parse,
    person_details,
)
from resolvers.checks import Checks

from ..context import Info
from ..writes import UserError, Write, run_write, user_errors
from .inputs import AnswerKycQuestionsInput, PerformKycInput, UploadKycDocumentInput
from .payloads import (
    AnswerKycQuestionsPayload,
    KycCheck,
    KycDocument,
    PerformKycPayload,
    UploadKycDocumentPayload,
)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # the reference names no limit: the gateway's own
SIGNATURES = {b"%PDF-": "pdf", b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpg": "jpg", "jpeg": "jpg"}


def _kyc_payload(cls: type[Any]) -> tuple[Any, Any]:
    def build(stored: dict[str, Any]) -> Any:
        return cls(kyc=KycCheck.from_finos(parse(finos.KycResult, stored)), user_errors=[])

    def refused(errors: list[UserError]) -> Any:
        return cls(kyc=None, user_errors=errors)

    return build, refused


async def perform_kyc(info: Info, data: PerformKycInput) -> PerformKycPayload:
    client = info.context.providers.finos

    def validate() -> list[UserError]:
        checks = Checks()
        person(checks, "", data)
        return user_errors(checks.problems)

    async def perform(key: str | None) -> dict[str, Any]:
        return dump(await client.perform_kyc(person_details(data), idempotency_key=key))

    build, refused = _kyc_payload(PerformKycPayload)
    write = Write("performKyc", data, validate, perform, build, refused, PERSON_FIELDS, perform)
    result: PerformKycPayload = await run_write(info, write)
    return result


async def answer_kyc_questions(
    info: Info, data: AnswerKycQuestionsInput
) -> AnswerKycQuestionsPayload:
    client = info.context.providers.finos
    token = data.kyc_token.strip()

    def validate() -> list[UserError]:
        checks = Checks()
        checks.text("kycToken", data.kyc_token, required=True)
        if not data.answers:
            checks.add("answers", "answers must answer the check's questions", "REQUIRED")
        seen: set[int] = set()
        for i, answer in enumerate(data.answers):
            if answer.question_id < 1:
                checks.add(f"answers.{i}.questionId", "questionId must be a question's id")
            elif answer.question_id in seen:
                checks.add(f"answers.{i}.questionId", "questionId is answered twice")
            seen.add(answer.question_id)
            if answer.answer_id < 1:
                checks.add(f"answers.{i}.answerId", "answerId must be one of the question's ids")
        checks.text("firstName", data.first_name, required=False, limit=MAX_NAME)
        checks.text("lastName", data.last_name, required=False, limit=MAX_NAME)
        return user_errors(checks.problems)

    async def perform(_key: str | None) -> dict[str, Any]:  # a PATCH: Finos takes no key
        answers = {a.question_id: a.answer_id for a in data.answers}
        result = await naming_ids(
            lambda: naming_leads(
                lambda: client.answer_kyc_questions(
                    token, answers, name_first=data.first_name, name_last=data.last_name
                ),
                "answers",
            ),
            {token: "token"},
            "token",
        )
        return dump(result)

    async def reconcile(_key: str) -> dict[str, Any] | None:
        """Answered if the check no longer asks its questions."""
        result = await client.get_kyc(token)
        return None if result.questions else dump(result)

    build, refused = _kyc_payload(AnswerKycQuestionsPayload)
    fields = {
        "token": "kycToken",
        "answers": "answers",
        "answers.question_id": "answers",
        "answers.answer_id": "answers",
        "name_first": "firstName",
        "name_last": "lastName",
    }
    write = Write("answerKycQuestions", data, validate, perform, build, refused, fields, reconcile)
    result: AnswerKycQuestionsPayload = await run_write(info, write)
    return result


def _document(checks: Checks, data: UploadKycDocumentInput) -> tuple[bytes, str | None]:
    """The decoded file and its extension, checked against the declared one."""
    try:
        content = base64.b64decode(data.content_base64, validate=True)
    except (binascii.Error, ValueError):
        checks.add("contentBase64", "contentBase64 must be base64 encoded file content")
        return b"", None
    if not content:
        checks.add("contentBase64", "contentBase64 must not be empty", "REQUIRED")
        return b"", None
    if len(content) > MAX_DOCUMENT_BYTES:
        limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
        checks.add("contentBase64", f"contentBase64 must be at most {limit} MB", "OUT_OF_RANGE")
    found = next((ext for magic, ext in SIGNATURES.items() if content.startswith(magic)), None)
    if found is None:
        checks.add("contentBase64", "contentBase64 must be a PDF, PNG or JPEG file")
    declared = data.extension.strip().lower().lstrip(".") if data.extension else None
    if declared is not None and declared not in EXTENSIONS:
        checks.add("extension", "extension must be one of: pdf, png, jpg, jpeg")
    elif declared is not None and found is not None and EXTENSIONS[declared] != found:
        checks.add("extension", f"extension is {declared} but the content is a {found} file")
    return content, declared or found


async def upload_kyc_document(info: Info, data: UploadKycDocumentInput) -> UploadKycDocumentPayload:
    client = info.context.providers.finos
    checks = Checks()
    content, extension = _document(checks, data)
    token = data.kyc_token.strip()

    def validate() -> list[UserError]:
        checks.text("kycToken", data.kyc_token, required=True)
        checks.text("name", data.name, required=True, limit=MAX_NAME)
        checks.text("notes", data.notes, required=False, limit=1000)
        return user_errors(checks.problems)

    async def perform(key: str | None) -> dict[str, Any]:
        document = await naming_ids(
            lambda: client.upload_kyc_document(
                token,
                name=data.name.strip(),
                type=data.type.value,
                content=content,
                extension=extension,
                notes=data.notes,
                idempotency_key=key,
            ),
            {token: "token"},
            "token",
        )
        return dump(document)

    def build(stored: dict[str, Any]) -> UploadKycDocumentPayload:
        document = KycDocument.from_finos(parse(finos.KycDocument, stored))
        return UploadKycDocumentPayload(document=document, user_errors=[])

    def refused(errors: list[UserError]) -> UploadKycDocumentPayload:
        return UploadKycDocumentPayload(document=None, user_errors=errors)

    fields = {
        "token": "kycToken",
        "name": "name",
        "type": "type",
        "data": "contentBase64",
        "extension": "extension",
        "notes": "notes",
    }
    write = Write("uploadKycDocument", data, validate, perform, build, refused, fields, perform)
    return await run_write(info, write)
