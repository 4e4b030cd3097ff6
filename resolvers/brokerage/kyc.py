"""KYC at Finos: the rules of an answer and of a document, and the calls performKyc,
answerKycQuestions and uploadKycDocument send (schema.brokerage.mutations_kyc wires
them to the mutations).

The POSTs (perform a check, upload a document) send the provider key as Finos's
Idempotency-Key, so their reconcile re-sends the same request: Finos replays the
first answer. answerKycQuestions (PATCH, no key) reconciles by reading the check:
the answers arrived once it asks no more questions.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from .. import finos
from ..checks import Checks
from ..request import Scope
from .validation import MAX_NAME, person
from .writes import PersonFields, naming_ids, naming_leads, person_details

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # the reference names no limit: the gateway's own
SIGNATURES = {b"%PDF-": "pdf", b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpg": "jpg", "jpeg": "jpg"}

# PATCH /v1/kyc/{token} field -> answerKycQuestions input path
ANSWER_FIELDS = {
    "token": "kycToken",
    "answers": "answers",
    "answers.question_id": "answers",
    "answers.answer_id": "answers",
    "name_first": "firstName",
    "name_last": "lastName",
}
# POST /v1/kyc/{token}/documents field -> uploadKycDocument input path
DOCUMENT_FIELDS = {
    "token": "kycToken",
    "name": "name",
    "type": "type",
    "data": "contentBase64",
    "extension": "extension",
    "notes": "notes",
}


def check_person(checks: Checks, someone: PersonFields) -> None:
    person(checks, "", someone)


async def send_kyc(scope: Scope, someone: PersonFields, key: str | None) -> finos.KycResult:
    """`POST /v1/kyc` under the provider key: a verdict, or the questions still to answer."""
    return await scope.providers.finos.perform_kyc(person_details(someone), idempotency_key=key)


@dataclass(frozen=True)
class KycAnswers:
    """The answers to a check's out-of-wallet questions, as the client gave them."""

    token: str
    answers: tuple[tuple[int, int], ...]  # (question id, answer id)
    first_name: str | None = None
    last_name: str | None = None


def check_answers(checks: Checks, given: KycAnswers) -> None:
    """A token, each question answered once with an id, names within the limit."""
    checks.text("kycToken", given.token, required=True)
    if not given.answers:
        checks.add("answers", "answers must answer the check's questions", "REQUIRED")
    seen: set[int] = set()
    for i, (question_id, answer_id) in enumerate(given.answers):
        if question_id < 1:
            checks.add(f"answers.{i}.questionId", "questionId must be a question's id")
        elif question_id in seen:
            checks.add(f"answers.{i}.questionId", "questionId is answered twice")
        seen.add(question_id)
        if answer_id < 1:
            checks.add(f"answers.{i}.answerId", "answerId must be one of the question's ids")
    checks.text("firstName", given.first_name, required=False, limit=MAX_NAME)
    checks.text("lastName", given.last_name, required=False, limit=MAX_NAME)


async def send_answers(scope: Scope, given: KycAnswers) -> finos.KycResult:
    """`PATCH /v1/kyc/{token}` (Finos takes no key); a refusal that leads with "answers"
    or a 404 on the token is pinned to that input field."""
    client = scope.providers.finos
    token = given.token.strip()
    answers = dict(given.answers)
    return await naming_ids(
        lambda: naming_leads(
            lambda: client.answer_kyc_questions(
                token, answers, name_first=given.first_name, name_last=given.last_name
            ),
            "answers",
        ),
        {token: "token"},
        "token",
    )


async def answers_reconciled(scope: Scope, given: KycAnswers) -> finos.KycResult | None:
    """Answered if the check no longer asks its questions."""
    result = await scope.providers.finos.get_kyc(given.token.strip())
    return None if result.questions else result


@dataclass(frozen=True)
class KycUpload:
    """A document for a check, as the client gave it (the content base64 encoded)."""

    token: str
    name: str
    type: str
    content_base64: str
    extension: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Document:
    """An upload's decoded file and its extension (declared, else found from the content)."""

    content: bytes
    extension: str | None


def _decoded(checks: Checks, upload: KycUpload) -> Document:
    """The decoded file and its extension, checked against the declared one."""
    try:
        content = base64.b64decode(upload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        checks.add("contentBase64", "contentBase64 must be base64 encoded file content")
        return Document(b"", None)
    if not content:
        checks.add("contentBase64", "contentBase64 must not be empty", "REQUIRED")
        return Document(b"", None)
    if len(content) > MAX_DOCUMENT_BYTES:
        limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
        checks.add("contentBase64", f"contentBase64 must be at most {limit} MB", "OUT_OF_RANGE")
    found = next((ext for magic, ext in SIGNATURES.items() if content.startswith(magic)), None)
    if found is None:
        checks.add("contentBase64", "contentBase64 must be a PDF, PNG or JPEG file")
    declared = upload.extension.strip().lower().lstrip(".") if upload.extension else None
    if declared is not None and declared not in EXTENSIONS:
        checks.add("extension", "extension must be one of: pdf, png, jpg, jpeg")
    elif declared is not None and found is not None and EXTENSIONS[declared] != found:
        checks.add("extension", f"extension is {declared} but the content is a {found} file")
    return Document(content, declared or found)


def check_upload(checks: Checks, upload: KycUpload) -> Document:
    """The file (a PDF, PNG or JPEG within the limit), the token, name and notes; the
    decoded document the upload sends."""
    document = _decoded(checks, upload)
    checks.text("kycToken", upload.token, required=True)
    checks.text("name", upload.name, required=True, limit=MAX_NAME)
    checks.text("notes", upload.notes, required=False, limit=1000)
    return document


async def send_upload(
    scope: Scope, upload: KycUpload, document: Document, key: str | None
) -> finos.KycDocument:
    """`POST /v1/kyc/{token}/documents` under the provider key; a 404 on the token is a
    refusal of kycToken."""
    client = scope.providers.finos
    token = upload.token.strip()
    return await naming_ids(
        lambda: client.upload_kyc_document(
            token,
            name=upload.name.strip(),
            type=upload.type,
            content=document.content,
            extension=document.extension,
            notes=upload.notes,
            idempotency_key=key,
        ),
        {token: "token"},
        "token",
    )
