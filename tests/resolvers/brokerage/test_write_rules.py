"""The Finos write rules in plain terms: documents, bank links, webhooks, settings, KYC answers."""

from __future__ import annotations

import base64
from decimal import Decimal

from resolvers.brokerage.accounts_writes import SettingsChange, check_settings, shows
from resolvers.brokerage.funding import BankLink, check_link
from resolvers.brokerage.kyc import KycAnswers, KycUpload, check_answers, check_upload
from resolvers.brokerage.webhooks import WebhookChange, check_webhook_change
from resolvers.checks import Checks

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8


def upload(content: bytes, extension: str | None = None) -> KycUpload:
    encoded = base64.b64encode(content).decode()
    return KycUpload("tok", "passport", "passport", encoded, extension=extension)


def test_an_upload_is_decoded_and_its_extension_found_from_the_content() -> None:
    checks = Checks()
    document = check_upload(checks, upload(PNG))
    assert checks.problems == []
    assert (document.content, document.extension) == (PNG, "png")


def test_an_upload_whose_declared_extension_disagrees_with_its_content_is_refused() -> None:
    checks = Checks()
    check_upload(checks, upload(PNG, extension=".pdf"))
    assert [(p.path, p.message) for p in checks.problems] == [
        ("extension", "extension is pdf but the content is a png file")
    ]


def test_an_upload_that_is_not_base64_is_refused_on_its_content() -> None:
    checks = Checks()
    check_upload(checks, KycUpload("tok", "passport", "passport", "not base64!"))
    assert [p.path for p in checks.problems] == ["contentBase64"]


def test_a_question_answered_twice_is_refused_at_its_second_answer() -> None:
    checks = Checks()
    check_answers(checks, KycAnswers("tok", ((1, 2), (1, 3))))
    assert [(p.path, p.message) for p in checks.problems] == [
        ("answers.1.questionId", "questionId is answered twice")
    ]


def test_a_routing_number_failing_the_aba_checksum_is_refused() -> None:
    checks = Checks()
    check_link(checks, BankLink("12345678", "123456789", "Checking"))
    assert [p.path for p in checks.problems] == ["bankRoutingNumber"]
    checks = Checks()
    check_link(checks, BankLink("12345678", "011000015", "Checking"))
    assert checks.problems == []


def test_webhook_credentials_without_a_url_are_refused() -> None:
    checks = Checks()
    check_webhook_change(checks, WebhookChange(basic_auth_username="u", basic_auth_password="p"))
    assert [(p.path, p.code) for p in checks.problems] == [("url", "REQUIRED")]


def test_a_webhook_change_that_changes_nothing_is_refused_as_a_whole() -> None:
    checks = Checks()
    check_webhook_change(checks, WebhookChange())
    assert [(p.path, p.code) for p in checks.problems] == [(None, "REQUIRED")]


def test_a_cash_minimum_above_the_maximum_is_refused() -> None:
    checks = Checks()
    check_settings(
        checks, SettingsChange(min_cash_percent=Decimal(20), max_cash_percent=Decimal(5))
    )
    assert [(p.path, p.code) for p in checks.problems] == [("minCashPercent", "OUT_OF_RANGE")]


def test_a_record_read_back_shows_changes_compared_loosely() -> None:
    shown = {"employer_name": " ACME ", "min_cash_percent": 5.0, "managed": True}
    assert shows(shown, {"employer_name": "acme", "min_cash_percent": Decimal(5), "x": None})
    assert not shows(shown, {"managed": False})
