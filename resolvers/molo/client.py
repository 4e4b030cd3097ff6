"""MoloClient: one typed method per Molo route, over the pooled client and OAuth.

Molo's error bodies are Django REST Framework's (the reference is silent; the
sandbox uses the same shapes):

    {"detail": "Not found."}                                  -> message
    {"is_lead": ["..."], "address": {"postal": ["..."]}}     -> FieldError per message
    {"non_field_errors": ["..."]}                            -> FieldError(None, ...)
    {"error": "invalid_grant", "error_description": "..."}    -> "invalid_grant: ..."

Molo has no reference data the gateway caches (applications and applicants
change with every write), so the client takes no cache.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
from pydantic import BaseModel

from ..auth import TokenAuth
from ..base import ProviderClient, build_http_client, scope_of
from ..config import MoloConfig
from ..errors import FieldError
from ..pagination import iter_plain
from ..tokens import TokenStore
from .auth import MoloTokenSource, TokenKind, token_store_key
from .records import (
    Applicant,
    ApplicantInput,
    ApplicantPatch,
    ApplicantUpdate,
    Application,
    ApplicationInput,
    ApplicationPatch,
    ApplicationSummary,
    Created,
    DecisionInPrinciple,
    MaxLoan,
    MaxLoanInput,
    TokenGrant,
)

APPLICATIONS = "/api/v1/applications/"
APPLICANTS = "/api/v1/applicants/"


def _field_errors(body: Any, prefix: str = "") -> list[FieldError]:
    errors: list[FieldError] = []
    for key, value in body.items():
        name = None if key == "non_field_errors" else f"{prefix}{key}"
        if isinstance(value, dict):
            errors.extend(_field_errors(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            errors.extend(FieldError(name, str(message)) for message in value)
        else:
            errors.append(FieldError(name, str(value)))
    return errors


class MoloClient(ProviderClient):
    provider = "molo"

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        config: MoloConfig,
        base_url: str,
        tokens: MoloTokenSource,
    ) -> None:
        super().__init__(http)
        self._config = config
        self._scope = scope_of(base_url.rstrip("/"), config.client_id)
        self.tokens = tokens
        tokens.bind(self._post_token)

    @classmethod
    def create(
        cls,
        config: MoloConfig,
        base_url: str,
        *,
        token_store: TokenStore,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> MoloClient:
        tokens = MoloTokenSource(
            config,
            store=token_store,
            store_key=token_store_key(base_url, config.client_id),
            clock=clock,
        )
        auth = TokenAuth(tokens)
        http = build_http_client(base_url, config.http, auth=auth, transport=transport)
        return cls(http, config=config, base_url=base_url, tokens=tokens)

    @property
    def credential_scope(self) -> str:
        return self._scope

    def parse_error(self, body: Any) -> tuple[str | None, tuple[FieldError, ...]]:
        if isinstance(body, list):
            errors = tuple(FieldError(None, str(message)) for message in body)
            return "; ".join(e.message for e in errors) or None, errors
        if not isinstance(body, dict):
            return None, ()
        if "error" in body and isinstance(body["error"], str):
            description = body.get("error_description")
            return (f"{body['error']}: {description}" if description else body["error"]), ()
        if set(body) == {"detail"}:
            return str(body["detail"]), ()
        errors = tuple(_field_errors(body))
        message = "; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in errors)
        return message or None, errors

    def _basic_auth(self) -> httpx.BasicAuth:
        secret = self._config.client_secret.get_secret_value()
        return httpx.BasicAuth(self._config.client_id, secret)

    async def _post_token(self, form: dict[str, str]) -> TokenGrant:
        payload = await self._send("POST", "/oauth/token/", data=form, auth=self._basic_auth())
        return self._parse(TokenGrant, payload)

    # OAuth

    async def revoke_token(self, kind: TokenKind = "refresh_token") -> bool:
        """POST /oauth/revoke_token/ for this client's current token; False if it held none.

        Revoking the refresh token logs the gateway out: the next request needs
        the authorization code again (revoking it also ends its access token).
        """
        value = await self.tokens.current(kind)
        if value is None:
            return False
        form = {"token": value, "token_type_hint": kind}
        await self._send("POST", "/oauth/revoke_token/", data=form, auth=self._basic_auth())
        await self.tokens.forget(kind)
        return True

    # Applications

    async def list_applications(self) -> list[ApplicationSummary]:
        """GET /api/v1/applications/: every application, in one plain list."""
        payload = await self._send("GET", APPLICATIONS)
        return self._parse_list(ApplicationSummary, payload)

    async def iter_applications(
        self, *, cap: int | None = None
    ) -> AsyncIterator[ApplicationSummary]:
        async for application in iter_plain(self.list_applications, cap=cap):
            yield application

    async def get_application(self, pk: int) -> Application:
        payload = await self._send("GET", f"{APPLICATIONS}{pk}/")
        return self._parse(Application, payload)

    async def create_application(self, data: ApplicationInput) -> Created:
        payload = await self._send("POST", APPLICATIONS, json=_body(data))
        return self._parse(Created, payload)

    async def update_application(self, pk: int, data: ApplicationPatch) -> Application:
        """PATCH: only the fields set on `data` are sent."""
        payload = await self._send("PATCH", f"{APPLICATIONS}{pk}/", json=_body(data))
        return self._parse(Application, payload)

    async def request_decision_in_principle(
        self, pk: int, *, allow_soft_credit_search: bool = True
    ) -> DecisionInPrinciple:
        """POST .../get-dip/; Molo requires consent to a soft credit search."""
        body = {"allow_soft_credit_search": allow_soft_credit_search}
        payload = await self._send("POST", f"{APPLICATIONS}{pk}/get-dip/", json=body)
        return self._parse(DecisionInPrinciple, payload)

    async def calculate_max_loan(self, data: MaxLoanInput) -> MaxLoan:
        payload = await self._send("POST", f"{APPLICATIONS}calculate_max_loan/", json=_body(data))
        return self._parse(MaxLoan, payload)

    # Applicants

    async def create_applicant(self, data: ApplicantInput) -> Created:
        payload = await self._send("POST", APPLICANTS, json=_body(data))
        return self._parse(Created, payload)

    async def get_applicant(self, pk: int) -> Applicant:
        payload = await self._send("GET", f"{APPLICANTS}{pk}/")
        return self._parse(Applicant, payload)

    async def update_applicant(self, pk: int, data: ApplicantPatch) -> Applicant:
        """PATCH: only the fields set on `data` are sent (a partial address is merged)."""
        payload = await self._send("PATCH", f"{APPLICANTS}{pk}/", json=_body(data))
        return self._parse(Applicant, payload)

    async def replace_applicant(self, pk: int, data: ApplicantUpdate) -> Applicant:
        """PUT: the whole applicant."""
        payload = await self._send("PUT", f"{APPLICANTS}{pk}/", json=_body(data))
        return self._parse(Applicant, payload)

    async def delete_applicant(self, pk: int) -> None:
        await self._send("DELETE", f"{APPLICANTS}{pk}/")


def _body(data: BaseModel) -> dict[str, Any]:
    body: dict[str, Any] = data.model_dump(mode="json", exclude_unset=True)
    return body
