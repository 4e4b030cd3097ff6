"""FinmoClient: one typed method per Finmo route, over one pooled httpx client.

Auth is a static `Authorization: Bearer <token>`. A brokerage token sees every
team, a team token one team, so the reference-data cache (teams, brokers) is
scoped by a digest of (provider, base URL, token): a team-level client never
reads what a brokerage-level client cached, and the token itself is never a
cache key, a log field or part of a message.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx

from ..auth import StaticBearerAuth
from ..base import ProviderClient, build_http_client, scope_of, seg
from ..cache import RefCache
from ..config import FinmoConfig
from ..errors import FieldError
from ..pagination import iter_plain
from ..records import LazyRecords
from .inputs import (
    AssetInput,
    IncomeInput,
    LiabilityInput,
    MortgageInformationInput,
    NewApplicant,
    PropertyInput,
)
from .records import (
    Application,
    ApplicationKeys,
    Applications,
    Asset,
    Borrower,
    Broker,
    Income,
    Liability,
    MortgageInformation,
    Property,
    Team,
)

API = "/api/v1"


class FinmoClient(ProviderClient):
    provider = "finmo"

    def __init__(self, http: httpx.AsyncClient, *, cache: RefCache, scope: str) -> None:
        super().__init__(http)
        self._cache = cache
        self._scope = scope

    @classmethod
    def create(
        cls,
        config: FinmoConfig,
        base_url: str,
        *,
        cache: RefCache,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> FinmoClient:
        token = config.token.get_secret_value()
        http = build_http_client(
            base_url, config.http, auth=StaticBearerAuth(token), transport=transport
        )
        return cls(http, cache=cache, scope=scope_of("finmo", base_url, token))

    def __repr__(self) -> str:
        return f"FinmoClient(base_url={str(self._http.base_url)!r}, scope={self._scope!r})"

    @property
    def credential_scope(self) -> str:
        return self._scope

    def parse_error(self, body: Any) -> tuple[str | None, tuple[FieldError, ...]]:
        """{"message": ..., "errors": [{"field": ..., "message": ...}]}"""
        if not isinstance(body, dict):
            return None, ()
        message = body.get("message")
        fields = tuple(
            FieldError(item.get("field"), str(item.get("message", "")))
            for item in body.get("errors") or ()
            if isinstance(item, dict)
        )
        return (str(message) if message else None), fields

    # teams, brokers, borrowers ---------------------------------------------------

    async def teams(self) -> list[Team]:
        """Every team the token sees (reference data: cached per credential)."""

        async def load() -> list[Team]:
            return self._parse_list(Team, await self._send("GET", f"{API}/teams"))

        return await self._cache.get_or_load("teams", self._scope, "all", load)

    async def team(self, team_id: str) -> Team:
        async def load() -> Team:
            return self._parse(Team, await self._send("GET", f"{API}/teams/{seg(team_id)}"))

        return await self._cache.get_or_load("teams", self._scope, ("team", team_id), load)

    async def brokers(self, team_id: str | None = None) -> list[Broker]:
        """Brokers the token sees, optionally of one team (cached per credential)."""

        async def load() -> list[Broker]:
            payload = await self._send("GET", f"{API}/brokers", params={"teamId": team_id})
            return self._parse_list(Broker, payload)

        return await self._cache.get_or_load("brokers", self._scope, ("list", team_id), load)

    async def broker(self, broker_id: str) -> Broker:
        async def load() -> Broker:
            payload = await self._send("GET", f"{API}/brokers/{seg(broker_id)}")
            return self._parse(Broker, payload)

        return await self._cache.get_or_load("brokers", self._scope, ("one", broker_id), load)

    async def team_borrowers(self, team_id: str) -> list[Borrower]:
        payload = await self._send("GET", f"{API}/teams/{seg(team_id)}/borrowers")
        return self._parse_list(Borrower, payload)

    # applications ---------------------------------------------------------------

    async def applications(self, team_id: str | None = None) -> Applications:
        """Every application the token sees (optionally of one team), newest first.

        Finmo does not paginate: this is the whole list in one answer, each record
        validated when first read (resolvers.records: a page reads 20 of 300).
        """
        payload = await self._send("GET", f"{API}/applications", params={"teamId": team_id})
        return LazyRecords.parse(self.provider, Application, ApplicationKeys, payload)

    def iter_applications(
        self, team_id: str | None = None, *, cap: int | None = None
    ) -> AsyncIterator[Application]:
        """The applications one by one, at most `cap` of them."""

        async def fetch() -> Sequence[Application]:
            return await self.applications(team_id)

        return iter_plain(fetch, cap=cap)

    async def application(self, application_id: str) -> Application:
        """One application with its assets, incomes, liabilities, properties, mortgage."""
        payload = await self._send("GET", f"{API}/applications/{seg(application_id)}")
        return self._parse(Application, payload)

    async def create_application(
        self,
        team_id: str,
        team_members: list[str],
        *,
        applicant: NewApplicant | None = None,
        applicant_id: str | None = None,
        goal: str = "purchase",
        send_invite: bool = False,
        send_sms: bool = False,
    ) -> Application:
        """Create an application for a new applicant (invited) or an existing borrower
        (`applicant_id`, a Borrower.user_id of that team). Sent once, never retried."""
        body: dict[str, Any] = {
            "teamId": team_id,
            "teamMembers": list(team_members),
            "sendInvite": send_invite,
            "sendSMS": send_sms,
            "goal": goal,
        }
        if applicant is not None:
            body["applicant"] = applicant.to_json()
        if applicant_id is not None:
            body["applicantId"] = applicant_id
        payload = await self._send("POST", f"{API}/applications", json=body)
        return self._parse(Application, payload)

    # sub-resources -----------------------------------------------------------------

    def _sub(self, application_id: str, kind: str) -> str:
        return f"{API}/applications/{seg(application_id)}/{kind}"

    async def assets(self, application_id: str) -> list[Asset]:
        return self._parse_list(Asset, await self._send("GET", self._sub(application_id, "assets")))

    async def add_asset(self, application_id: str, asset: AssetInput) -> Asset:
        path = self._sub(application_id, "assets")
        return self._parse(Asset, await self._send("POST", path, json=asset.to_json()))

    async def incomes(self, application_id: str) -> list[Income]:
        payload = await self._send("GET", self._sub(application_id, "incomes"))
        return self._parse_list(Income, payload)

    async def add_income(self, application_id: str, income: IncomeInput) -> Income:
        path = self._sub(application_id, "incomes")
        return self._parse(Income, await self._send("POST", path, json=income.to_json()))

    async def liabilities(self, application_id: str) -> list[Liability]:
        payload = await self._send("GET", self._sub(application_id, "liabilities"))
        return self._parse_list(Liability, payload)

    async def add_liability(self, application_id: str, liability: LiabilityInput) -> Liability:
        path = self._sub(application_id, "liabilities")
        return self._parse(Liability, await self._send("POST", path, json=liability.to_json()))

    async def properties(self, application_id: str) -> list[Property]:
        payload = await self._send("GET", self._sub(application_id, "properties"))
        return self._parse_list(Property, payload)

    async def add_property(self, application_id: str, prop: PropertyInput) -> Property:
        path = self._sub(application_id, "properties")
        return self._parse(Property, await self._send("POST", path, json=prop.to_json()))

    async def mortgage_information(self, application_id: str) -> MortgageInformation:
        payload = await self._send("GET", self._sub(application_id, "mortgage-information"))
        return self._parse(MortgageInformation, payload)

    async def set_mortgage_information(
        self, application_id: str, info: MortgageInformationInput
    ) -> MortgageInformation:
        """Replace the application's mortgage information (PUT)."""
        path = self._sub(application_id, "mortgage-information")
        return self._parse(MortgageInformation, await self._send("PUT", path, json=info.to_json()))
