from __future__ import annotations

import pytest
from pydantic import ValidationError

from gateway.settings import Settings


def test_settings_come_from_fingate_variables_with_nested_sections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FINGATE_PORT", "9100")
    monkeypatch.setenv("FINGATE_FINOS__API_KEY", "sk_from_env")
    monkeypatch.setenv("FINGATE_FINOS__AUTH_SCHEME", "bearer")
    monkeypatch.setenv("FINGATE_MOLO__HTTP__READ_TIMEOUT", "1.5")
    settings = Settings()
    assert settings.port == 9100
    assert settings.finos.api_key.get_secret_value() == "sk_from_env"
    assert settings.finos.auth_scheme == "bearer"
    assert settings.molo.http.read_timeout == 1.5


def test_defaults_point_every_provider_at_the_embedded_sandbox() -> None:
    settings = Settings(port=8123)
    assert settings.base_url("finmo") == "http://127.0.0.1:8123/sandbox/finmo"
    assert settings.base_url("molo") == "http://127.0.0.1:8123/sandbox/molo"
    assert all(settings.uses_sandbox(p) for p in ("finmo", "financeit", "finos", "molo"))


def test_a_wildcard_listen_address_reaches_the_sandbox_over_loopback() -> None:
    assert Settings(host="0.0.0.0", port=80).sandbox_url() == "http://127.0.0.1:80/sandbox"


def test_a_real_provider_is_configuration_only() -> None:
    settings = Settings.model_validate({"finos": {"base_url": "https://api.example.test"}})
    assert settings.base_url("finos") == "https://api.example.test"
    assert not settings.uses_sandbox("finos")
    assert settings.uses_sandbox("finmo")


def test_secrets_do_not_show_in_the_settings_repr() -> None:
    text = repr(Settings()) + str(Settings().model_dump())
    for secret in ("sandbox-finmo-brokerage", "sandbox-secret", "sk_sandbox_finos"):
        assert secret not in text


def test_a_misspelt_setting_is_refused() -> None:
    with pytest.raises(ValidationError):
        Settings.model_validate({"prot": 1})
    with pytest.raises(ValidationError):
        Settings.model_validate({"finos": {"api_kee": "x"}})
