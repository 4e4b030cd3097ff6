"""Users (`/v1/users`) and KYC verification (`/v1/kyc`)."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import AsyncIterator, Mapping
from typing import Any

from pydantic import SecretStr

from ..base import given, seg
from .base import MAX_LIMIT, FinosBase
from .inputs import PersonDetails
from .records.common import Page
from .records.users import KycDocument, KycResult, User


class UsersMixin(FinosBase):
    async def create_user(
        self, person: PersonDetails, *, idempotency_key: str | None = None
    ) -> User:
        """`POST /v1/users`: answers id, status and kyc_token (KYC runs at once)."""
        payload = await self._post("/v1/users", person.to_json(), idempotency_key)
        return self._parse(User, payload)

    async def get_user(self, user_id: str) -> User:
        """`GET /v1/users/{id}`."""
        return await self._get_one(User, f"/v1/users/{seg(user_id)}")

    async def update_user(
        self,
        user_id: str,
        *,
        phone_number: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        email_address: str | None = None,
        birth_date: dt.date | None = None,
        ssn_number: SecretStr | None = None,
        address_line_1: str | None = None,
        address_line_2: str | None = None,
        address_city: str | None = None,
        address_state: str | None = None,
        address_postal_code: str | None = None,
        address_country_code: str | None = None,
    ) -> User:
        """`PUT /v1/users/{id}`: only the arguments given are sent."""
        body = given(
            phone_number=phone_number,
            first_name=first_name,
            last_name=last_name,
            email_address=email_address,
            birth_date=birth_date.isoformat() if birth_date else None,
            ssn_number=ssn_number.get_secret_value() if ssn_number else None,
            address_line_1=address_line_1,
            address_line_2=address_line_2,
            address_city=address_city,
            address_state=address_state,
            address_postal_code=address_postal_code,
            address_country_code=address_country_code,
        )
        return self._parse(User, await self._send("PUT", f"/v1/users/{seg(user_id)}", json=body))

    async def list_users(
        self,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        ending_before: str | None = None,
        order: str | None = None,
    ) -> Page[User]:
        """`GET /v1/users`: one page."""
        return await self._page(
            User,
            "/v1/users",
            limit=limit,
            starting_after=starting_after,
            ending_before=ending_before,
            order=order,
        )

    def iter_users(
        self, *, cap: int | None = None, limit: int = MAX_LIMIT, order: str | None = None
    ) -> AsyncIterator[User]:
        """Every user, following `next_page`, at most `cap`."""

        return self._walk(self.list_users, cap, limit=limit, order=order)

    async def search_users(
        self,
        *,
        q: str | None = None,
        email_address: str | None = None,
        status: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        limit: int | None = None,
        starting_after: str | None = None,
    ) -> Page[User]:
        """`GET /v1/users/search`: one page of matching users.

        "Search users" is only a heading in the reference's early cut; this is the
        sandbox's reading: exact (case-insensitive) `email_address`, `status`,
        `first_name`, `last_name`, and `q` a substring of the name or email.
        """
        return await self._page(
            User,
            "/v1/users/search",
            limit=limit,
            starting_after=starting_after,
            q=q,
            email_address=email_address,
            status=status,
            first_name=first_name,
            last_name=last_name,
        )

    def iter_search_users(
        self,
        *,
        q: str | None = None,
        email_address: str | None = None,
        status: str | None = None,
        cap: int | None = None,
        limit: int = MAX_LIMIT,
    ) -> AsyncIterator[User]:
        return self._walk(
            self.search_users, cap, q=q, email_address=email_address, status=status, limit=limit
        )

    async def perform_kyc(
        self, person: PersonDetails, *, idempotency_key: str | None = None
    ) -> KycResult:
        """`POST /v1/kyc`: a verdict, or the questions still to answer."""
        payload = await self._post("/v1/kyc", person.to_json(), idempotency_key)
        return self._parse(KycResult, payload)

    async def get_kyc(self, token: str) -> KycResult:
        """`GET /v1/kyc/{token}`."""
        return await self._get_one(KycResult, f"/v1/kyc/{seg(token)}")

    async def answer_kyc_questions(
        self,
        token: str,
        answers: Mapping[int, int],
        *,
        name_first: str | None = None,
        name_last: str | None = None,
    ) -> KycResult:
        """`PATCH /v1/kyc/{token}` with `{question_id: answer_id}`."""
        body: dict[str, Any] = {
            "answers": [{"question_id": q, "answer_id": a} for q, a in answers.items()]
        }
        if name_first is not None:
            body["name_first"] = name_first
        if name_last is not None:
            body["name_last"] = name_last
        payload = await self._send("PATCH", f"/v1/kyc/{seg(token)}", json=body)
        return self._parse(KycResult, payload)

    async def upload_kyc_document(
        self,
        token: str,
        *,
        name: str,
        type: str,
        content: bytes,
        extension: str | None = None,
        notes: str | None = None,
        idempotency_key: str | None = None,
    ) -> KycDocument:
        """`POST /v1/kyc/{token}/documents`; `content` goes out base64 encoded as `data`."""
        body: dict[str, Any] = {
            "name": name,
            "type": type,
            "data": base64.b64encode(content).decode("ascii"),
        }
        if extension is not None:
            body["extension"] = extension
        if notes is not None:
            body["notes"] = notes
        payload = await self._post(f"/v1/kyc/{seg(token)}/documents", body, idempotency_key)
        return self._parse(KycDocument, payload)
