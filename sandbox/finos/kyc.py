"""KYC routes: perform a check, retrieve it, answer questions, upload documents.

    POST  /v1/kyc                     201, the result or what is still required
    GET   /v1/kyc/{token}             200
    PATCH /v1/kyc/{token}             200, answers to the out-of-wallet questions
    POST  /v1/kyc/{token}/documents   201, a document for manual review

Outcomes follow the rules in kycflow.py. Every change of a check emits
`kyctransition.<state>` (approved, questions, documents, review, rejected) and,
for a user's check, `usertransition.<user status>`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.responses import JSONResponse

from . import kycflow
from .backend import Backend
from .errors import invalid, invalid_field, not_found
from .models import DocumentIn, KycAnswers, PersonIn
from .store import Record


def start_check(backend: Backend, person: PersonIn, user_id: str | None) -> Record:
    state = kycflow.first_state(person.ssn_number)
    token = backend.ids.token("S-", 20)
    check = kycflow.new_check(token, state, backend.now_ms(), backend.ids.rng)
    check["user_id"] = user_id
    backend.state.kyc[token] = check
    backend.emit(f"kyctransition.{state}", kycflow.render(check, 201))
    return check


def set_state(backend: Backend, check: Record, state: str) -> None:
    check["state"] = state
    backend.emit(f"kyctransition.{state}", kycflow.render(check))
    user = backend.state.users.get(check["user_id"] or "")
    if user is not None and user["status"] != kycflow.USER_STATUS[state]:
        user["status"] = kycflow.USER_STATUS[state]
        backend.emit(f"usertransition.{user['status']}", user)


def router(backend: Backend) -> APIRouter:
    api = APIRouter()

    def check_of(token: str) -> Record:
        check = backend.state.kyc.get(token)
        if check is None:
            raise not_found("KYC check", token)
        return check

    @api.post("/v1/kyc", status_code=201)
    async def perform_kyc(body: PersonIn) -> JSONResponse:
        """Runs a standalone check (no user is created); 201 as the example's status_code."""
        check = start_check(backend, body, None)
        return JSONResponse(kycflow.render(check, 201), 201)

    @api.get("/v1/kyc/{token}")
    async def retrieve_kyc(token: str) -> JSONResponse:
        return JSONResponse(kycflow.render(check_of(token)))

    @api.patch("/v1/kyc/{token}")
    async def answer_kyc(token: str, body: KycAnswers) -> JSONResponse:
        """Answers to every question, once each; see kycflow for what passes."""
        check = check_of(token)
        if check["state"] != "questions":
            raise invalid(f"KYC check {token} has no questions waiting for answers")
        questions = {q["id"]: {a["id"] for a in q["answers"]} for q in kycflow.questions()}
        given: dict[int, int] = {}
        for answer in body.answers:
            if answer.question_id not in questions:
                raise invalid_field(f"answers.question_id {answer.question_id} is not a question")
            if answer.answer_id not in questions[answer.question_id]:
                raise invalid_field(
                    f"answers.answer_id {answer.answer_id} is not an answer to question "
                    f"{answer.question_id}"
                )
            given[answer.question_id] = answer.answer_id
        missing = sorted(set(questions) - set(given))
        if missing:
            raise invalid(f"answers is missing question_id {', '.join(map(str, missing))}")
        right = sum(1 for a in given.values() if a == kycflow.CORRECT_ANSWER_ID)
        set_state(backend, check, "approved" if right >= 4 else "documents")
        return JSONResponse(kycflow.render(check))

    @api.post("/v1/kyc/{token}/documents", status_code=201)
    async def upload_document(token: str, body: DocumentIn) -> JSONResponse:
        """Accepted while documents are required or under review; the review approves
        the check KYC_REVIEW_SECONDS later on the sandbox clock."""
        check = check_of(token)
        if check["state"] not in ("documents", "review"):
            raise invalid(f"KYC check {token} does not require documents")
        now = backend.now_ms()
        document: dict[str, Any] = {
            "document_token": backend.ids.token("D-", 20),
            "name": body.name,
            "extension": body.extension,
            "uploaded": True,
            "notes": [{"notes": body.notes, "created_at": now, "updated_at": now}]
            if body.notes
            else [],
        }
        check["documents"].append({"document_token": document["document_token"], "type": body.type})
        if check["state"] != "review":
            set_state(backend, check, "review")

            def approve() -> None:
                if check["state"] == "review":
                    set_state(backend, check, "approved")

            backend.after(kycflow.KYC_REVIEW_SECONDS, approve)
        return JSONResponse(document, 201)

    return api
