"""KYC checks: the sandbox's deterministic rules and the reference's result shapes.

Rules (the reference documents shapes, not outcomes; these are the sandbox's):
- the last digit of `ssn_number` decides the first outcome: 0 asks five
  out-of-wallet questions, 1 asks for documents (manual review), 2 is
  rejected, any other digit is approved at once;
- answering the questions: answer id 1 is the right answer to every
  question; four or five right approve the check, fewer send it to
  manual review (documents required);
- an uploaded document puts the check under review; the review approves it
  KYC_REVIEW_SECONDS of sandbox clock later (a webhook tells the outcome).

Internal states and the user status they give:
    approved -> active, questions/documents -> action_required,
    review -> pending_review, rejected -> rejected
"""

from __future__ import annotations

import random
from typing import Any

from .store import Record

KYC_REVIEW_SECONDS = 300
USER_STATUS = {
    "approved": "active",
    "questions": "action_required",
    "documents": "action_required",
    "review": "pending_review",
    "rejected": "rejected",
}
CORRECT_ANSWER_ID = 1
QUESTION_BANK: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("What state was your SSN issued in?", ("Virginia", "Arkansas", "Alabama", "West Virginia")),
    ("Which of these streets have you lived on?", ("Oak St", "Maple Ave", "Pine Rd", "Elm Ct")),
    ("Which bank holds your mortgage?", ("Wells Fargo", "Chase", "Citibank", "US Bank")),
    ("What year was your current vehicle made?", ("2014", "2011", "2017", "2019")),
    ("Which of these counties have you lived in?", ("Henrico", "Fairfax", "Loudoun", "Surry")),
)


def first_state(ssn_number: str) -> str:
    last = ssn_number[-1:] or "9"
    return {"0": "questions", "1": "documents", "2": "rejected"}.get(last, "approved")


def questions() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for qid, (text, answers) in enumerate(QUESTION_BANK, start=1):
        choices = [{"id": i, "answer": a} for i, a in enumerate(answers, start=1)]
        choices.append({"id": len(answers) + 1, "answer": "None Of The Above"})
        out.append({"id": qid, "question": text, "answers": choices})
    return out


def new_check(token: str, state: str, created_at: int, rng: random.Random) -> Record:
    score = {
        "approved": round(rng.uniform(0.9, 0.99), 2),
        "rejected": round(rng.uniform(0.05, 0.3), 2),
    }.get(state, round(rng.uniform(0.4, 0.7), 2))
    return {
        "token": token,
        "state": state,
        "user_id": None,
        "score": score,
        "created_at": created_at,
        "documents": [],
    }


def _data(check: Record) -> dict[str, Any]:
    state = check["state"]
    if state == "approved":
        return {
            "result": "success",
            "score": check["score"],
            "tags": ["Address Match", "Phone Match"],
            "outcome": "Approved",
        }
    if state == "rejected":
        return {
            "result": "failure",
            "score": check["score"],
            "tags": ["SSN Mismatch", "Address Mismatch"],
            "outcome": "Rejected",
        }
    return {
        "result": "review",
        "score": check["score"],
        "tags": ["Documents Received"],
        "outcome": "Manual Review",
    }


def render(check: Record, status_code: int = 200) -> dict[str, Any]:
    """The reference's KYC result: a `data` outcome, or what is still `required`."""
    token = check["token"]
    state = check["state"]
    if state == "questions":
        template = {"answers": [{"question_id": q, "answer_id": 0} for q in range(1, 6)]}
        return {
            "token": token,
            "required": [
                {
                    "key": "answers",
                    "type": "object",
                    "description": "Object containing answers to out of wallet question prompts.",
                    "template": template,
                }
            ],
            "optional": [],
            "prompts": {"answers": {"questions": questions()}},
        }
    if state == "documents":
        return {
            "token": token,
            "required": [
                {
                    "key": "documents",
                    "type": "array",
                    "description": (
                        "Identity documents for manual review (ssn card, license, passport "
                        f"or utility), uploaded to /v1/kyc/{token}/documents."
                    ),
                    "template": {"type": "license"},
                }
            ],
            "optional": [],
            "prompts": {},
        }
    return {"status_code": status_code, "token": token, "data": _data(check)}
