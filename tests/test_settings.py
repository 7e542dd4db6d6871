"""Operator settings: parsing, normalising, one-line errors, and the README documents them all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inkwell.settings import Settings, SettingsError, load_settings, mask_url_password

README = Path(__file__).resolve().parent.parent / "README.md"


def test_defaults() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.database_url == "sqlite+aiosqlite:///./data/inkwell.db"
    assert settings.site_url == "http://127.0.0.1:8000"
    assert settings.demo_content is True


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKWELL_SITE_URL", "https://blog.example.com/")
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    settings = load_settings()
    assert settings.site_url == "https://blog.example.com"
    assert settings.demo_content is False


def test_an_unset_site_url_follows_the_port_served_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INKWELL_SITE_URL", raising=False)
    monkeypatch.setenv("INKWELL_PORT", "8123")
    assert load_settings().site_url == "http://127.0.0.1:8123"


def test_an_unset_site_url_on_every_address_is_the_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("INKWELL_SITE_URL", raising=False)
    monkeypatch.setenv("INKWELL_HOST", "::")
    assert load_settings().site_url == "http://[::1]:8000"


def test_a_site_url_given_is_kept_whatever_the_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKWELL_SITE_URL", "https://blog.example.com")
    monkeypatch.setenv("INKWELL_PORT", "8123")
    assert load_settings().site_url == "https://blog.example.com"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@h/db", "postgresql+asyncpg://u:p@h/db"),
        ("postgres://u:p@h/db", "postgresql+asyncpg://u:p@h/db"),
        ("sqlite:///x.db", "sqlite+aiosqlite:///x.db"),
    ],
)
def test_database_urls_are_normalised_to_async_drivers(given: str, expected: str) -> None:
    assert Settings(database_url=given).database_url == expected


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("INKWELL_SITE_URL", "blog.example.com", "invalid setting INKWELL_SITE_URL"),
        ("INKWELL_DATABASE_URL", "mysql://x/y", "invalid setting INKWELL_DATABASE_URL"),
        ("INKWELL_PORT", "99999", "invalid setting INKWELL_PORT"),
        ("INKWELL_DEMO_CONTENT", "maybe", "invalid setting INKWELL_DEMO_CONTENT"),
        ("INKWELL_LOG_LEVEL", "loud", "invalid setting INKWELL_LOG_LEVEL"),
    ],
)
def test_invalid_settings_name_the_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message) as raised:
        load_settings()
    assert "\n" not in str(raised.value)


def test_fetch_allowed_hosts_are_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKWELL_FETCH_ALLOWED_HOSTS", " 127.0.0.1, [::1],Intranet.Example. ,")
    settings = load_settings()
    assert settings.fetch_allowed_hosts == ("127.0.0.1", "::1", "intranet.example")
    assert settings.masked()["INKWELL_FETCH_ALLOWED_HOSTS"] == "127.0.0.1,::1,intranet.example"


def test_fetch_allowed_hosts_refuse_a_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKWELL_FETCH_ALLOWED_HOSTS", "https://intranet.example/")
    with pytest.raises(SettingsError, match="invalid setting INKWELL_FETCH_ALLOWED_HOSTS"):
        load_settings()


def test_no_host_is_allowed_by_default() -> None:
    assert Settings(_env_file=None).fetch_allowed_hosts == ()  # type: ignore[call-arg]


def test_masked_hides_the_database_password() -> None:
    settings = Settings(database_url="postgresql://user:s3cret@db/blog")
    shown = settings.masked()
    assert "s3cret" not in "".join(shown.values())
    assert shown["INKWELL_DATABASE_URL"] == "postgresql+asyncpg://user:***@db/blog"


def test_mask_leaves_urls_without_password() -> None:
    assert mask_url_password("sqlite+aiosqlite:///x.db") == "sqlite+aiosqlite:///x.db"


def test_every_setting_is_in_the_readme_table() -> None:
    documented = set(re.findall(r"^\| `(INKWELL_[A-Z_]+)`", README.read_text(), re.MULTILINE))
    expected = {f"INKWELL_{name.upper()}" for name in Settings.model_fields}
    assert expected - documented == set()
