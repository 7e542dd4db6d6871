"""Process settings, read from ``INKWELL_*`` environment variables and an optional ``.env``.

Everything a reader of the blog sees (title, navigation, permalinks...) lives in the database as
site settings; this class holds only what an operator sets before the process starts.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from inkwell.core.cli import fail, mask_url_password
from inkwell.core.mail import DEFAULT_SENDER, MailConfig

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/inkwell.db"
# Settings whose values are secrets: ``masked`` shows them as ``***``.
SECRET_FIELDS = frozenset(
    {
        "smtp_password",
        "oauth_github_client_secret",
        "oauth_google_client_secret",
        "oidc_client_secret",
    }
)


class Settings(BaseSettings):
    """Operator settings. Each field is documented in the README's configuration table."""

    model_config = SettingsConfigDict(
        env_prefix="INKWELL_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL of the database (SQLite file or PostgreSQL).",
    )
    site_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Public base URL used in feeds, canonical links and sitemaps "
        "(unset: the address `inkwell serve` listens on).",
    )
    demo_content: bool = Field(
        default=True, description="Create demo posts and an About page on first start."
    )
    theme: str = Field(
        default="default", description="Name of a bundled theme, or a path to a theme folder."
    )
    media_dir: Path = Field(
        default=Path("./data/media"), description="Where uploaded and downloaded images are kept."
    )
    max_upload_mb: int = Field(
        default=20, ge=1, le=1024, description="Largest image upload accepted, in MiB."
    )
    max_image_pixels: int = Field(
        default=50_000_000,
        ge=1_000_000,
        le=1_000_000_000,
        description="Most pixels (width × height) an uploaded image may have; larger ones are "
        "refused as possible decompression bombs.",
    )
    owner_email: str = Field(
        default="owner@example.com", description="Email of the owner account made on first start."
    )
    owner_name: str = Field(
        default="Site Owner", description="Name of the owner account made on first start."
    )
    response_cache: bool = Field(
        default=True, description="Keep whole public responses in memory (per web process)."
    )
    response_cache_mb: int = Field(
        default=64, ge=1, le=65536, description="Memory budget of that cache, in MiB."
    )
    cache_control_pages: str = Field(
        default="public, max-age=0",
        description="Cache-Control of public pages and feeds (caches revalidate with the ETag).",
    )
    cache_control_assets: str = Field(
        default="public, max-age=31536000, immutable",
        description="Cache-Control of fingerprinted theme assets.",
    )
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description="Proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For "
        "gives the client's address; empty: the connection's address is the client's.",
    )

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _check_trusted_proxies(cls, value: object) -> tuple[str, ...]:
        from inkwell.core.client_address import entries, malformed

        if not isinstance(value, str | list | tuple):
            raise ValueError("must be addresses or CIDR ranges separated by commas")
        if bad := malformed(value):
            raise ValueError(f"{bad[0]!r} is not an IP address or a CIDR range")
        return tuple(entries(value))

    geoip_db: Path | None = Field(
        default=None,
        description="A MaxMind-format country database (.mmdb) for analytics' country "
        "column; none is shipped, and without it no country is worked out.",
    )

    @field_validator("geoip_db", mode="before")
    @classmethod
    def _check_geoip_db(cls, value: object) -> Path | None:
        if value is None or value == "":
            return None
        value = Path(str(value))
        if not value.is_file():
            raise ValueError(f"{value} is not a file (a MaxMind .mmdb country database)")
        return value

    analytics_batch_size: int = Field(
        default=500, ge=1, le=100_000, description="Analytics events written per batch."
    )
    analytics_flush_ms: int = Field(
        default=500,
        ge=10,
        le=60_000,
        description="At most this long (ms) between an event's arrival and its batch write.",
    )
    analytics_buffer: int = Field(
        default=50_000,
        ge=100,
        le=10_000_000,
        description="Events held in memory waiting to be written; beyond, new ones are dropped.",
    )
    host: str = Field(default="127.0.0.1", description="Address `inkwell serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `inkwell serve` binds to.")
    workers: int = Field(default=1, ge=1, le=64, description="Web worker processes.")
    log_level: str = Field(default="info", description="debug, info, warning or error.")
    fetch_allowed_hosts: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description="Hosts or addresses (comma-separated) that imports may fetch from and "
        "webhooks deliver to even though they are loopback or private; every other such "
        "address is refused.",
    )
    smtp_host: str = Field(
        default="", description="SMTP server for outgoing mail; empty writes mail to the outbox."
    )
    smtp_port: int = Field(default=587, ge=1, le=65535, description="Port of that SMTP server.")
    smtp_username: str = Field(default="", description="SMTP login name (empty: no login).")
    smtp_password: str = Field(default="", description="SMTP password (never shown or logged).")
    smtp_starttls: bool = Field(
        default=True, description="Upgrade the SMTP connection with STARTTLS (refused if absent)."
    )
    smtp_ssl: bool = Field(
        default=False, description="Connect to the SMTP server over TLS at once (port 465)."
    )
    mail_from: str = Field(
        default=DEFAULT_SENDER, description="The From of every message Inkwell sends."
    )
    outbox_dir: Path = Field(
        default=Path("./data/outbox"),
        description="Where mail is written as .eml files when no SMTP host is set.",
    )
    oauth_github_client_id: str = Field(
        default="", description="GitHub OAuth app's client id: commenters may sign in with GitHub."
    )
    oauth_github_client_secret: str = Field(
        default="", description="That GitHub OAuth app's client secret (never shown or logged)."
    )
    oauth_google_client_id: str = Field(
        default="", description="Google OAuth client id: commenters may sign in with Google."
    )
    oauth_google_client_secret: str = Field(
        default="", description="That Google client's secret (never shown or logged)."
    )
    oidc_issuer: str = Field(
        default="",
        description="Any OpenID Connect provider's issuer URL (its discovery document is read "
        "from /.well-known/openid-configuration): commenters may sign in with it.",
    )
    oidc_client_id: str = Field(default="", description="Client id at that OpenID provider.")
    oidc_client_secret: str = Field(
        default="", description="Client secret at that OpenID provider (never shown or logged)."
    )
    oidc_name: str = Field(
        default="OpenID", description="The provider's name on the sign-in button."
    )
    oauth_github_base_url: str = Field(
        default="https://github.com",
        description="Where GitHub's OAuth pages are (GitHub Enterprise, or a test's fake).",
    )
    oauth_github_api_url: str = Field(
        default="https://api.github.com",
        description="GitHub's REST API, asked who signed in and for their verified email.",
    )
    oauth_google_issuer: str = Field(
        default="https://accounts.google.com",
        description="Google's OpenID Connect issuer (its discovery document is read there).",
    )

    @field_validator("database_url")
    @classmethod
    def _normalise_database_url(cls, value: str) -> str:
        value = value.strip()
        scheme, sep, rest = value.partition("://")
        if not sep:
            raise ValueError("must be a URL such as sqlite:///./data/inkwell.db or postgresql://…")
        drivers = {
            "sqlite": "sqlite+aiosqlite",
            "sqlite+aiosqlite": "sqlite+aiosqlite",
            "postgres": "postgresql+asyncpg",
            "postgresql": "postgresql+asyncpg",
            "postgresql+asyncpg": "postgresql+asyncpg",
        }
        if scheme not in drivers:
            raise ValueError(f"unsupported database {scheme!r}: use sqlite or postgresql")
        return f"{drivers[scheme]}://{rest}"

    @field_validator("site_url")
    @classmethod
    def _check_site_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an absolute http(s) URL such as https://blog.example.com")
        if parts.query or parts.fragment:
            raise ValueError("must not carry a query string or fragment")
        return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"

    @model_validator(mode="after")
    def _site_url_follows_the_bind_address(self) -> Settings:
        # Unset, the site is where `inkwell serve` listens: with INKWELL_PORT=8123 alone, links
        # in mail, previews and feeds must not point at port 8000 where nothing answers.
        if "site_url" not in self.model_fields_set:
            host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.host, self.host)  # noqa: S104
            self.site_url = f"http://{f'[{host}]' if ':' in host else host}:{self.port}"
        return self

    @field_validator("fetch_allowed_hosts", mode="before")
    @classmethod
    def _split_allowed_hosts(cls, value: object) -> tuple[str, ...]:
        from inkwell.core.addresses import normalise_host

        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple | set | frozenset):
            raise ValueError("must be host names or addresses separated by commas")
        hosts = tuple(normalise_host(str(item)) for item in items if str(item).strip())
        for host in hosts:
            if any(c in host for c in "/@ "):
                raise ValueError(f"{host!r} is not a host name or address (no URL, no path)")
        return hosts

    @field_validator("mail_from")
    @classmethod
    def _check_mail_from(cls, value: str) -> str:
        from email.utils import parseaddr

        value = value.strip()
        if "\n" in value or "\r" in value or "@" not in parseaddr(value)[1]:
            raise ValueError("must be an address such as Inkwell <noreply@blog.example.com>")
        return value

    @field_validator("log_level")
    @classmethod
    def _check_log_level(cls, value: str) -> str:
        level = value.strip().lower()
        if level not in ("debug", "info", "warning", "error"):
            raise ValueError("must be one of debug, info, warning, error")
        return level

    @cached_property
    def is_sqlite(self) -> bool:
        """True when the database is an SQLite file."""
        return self.database_url.startswith("sqlite")

    @cached_property
    def site_host(self) -> str:
        """Host name of the public site, used for ``?ref=`` tagging."""
        return urlsplit(self.site_url).hostname or ""

    def mail_config(self) -> MailConfig:
        """How outgoing mail leaves this process (``core.mail``), from the ``SMTP_*`` settings."""
        return MailConfig(
            host=self.smtp_host.strip(),
            port=self.smtp_port,
            username=self.smtp_username,
            password=self.smtp_password,
            sender=self.mail_from,
            starttls=self.smtp_starttls,
            ssl=self.smtp_ssl,
            outbox_dir=self.outbox_dir,
        )

    def masked(self) -> dict[str, str]:
        """Settings in force with secrets (the SMTP password, any password in the database
        URL) hidden."""
        shown: dict[str, str] = {}
        for name in type(self).model_fields:
            raw = getattr(self, name)
            value = ",".join(raw) if isinstance(raw, tuple) else str(raw)
            if name == "database_url":
                value = mask_url_password(value)
            elif name in SECRET_FIELDS and value:
                value = "***"
            shown[f"INKWELL_{name.upper()}"] = value
        return shown


class SettingsError(Exception):
    """Raised when an ``INKWELL_*`` setting is invalid; the message names it."""


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning pydantic's report into one line that names the setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        message = first["msg"].removeprefix("Value error, ")
        raise SettingsError(f"invalid setting INKWELL_{field.upper()}: {message}") from None


def settings_or_exit() -> Settings:
    """The settings in force, or exit 2 naming the invalid one (for commands)."""
    try:
        return load_settings()
    except SettingsError as exc:
        fail(str(exc), code=2)


def _app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(_app_settings)]
"""The application's settings, for a route (``create_app`` keeps them in ``app.state``)."""
