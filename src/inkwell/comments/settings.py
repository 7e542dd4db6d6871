"""The comment settings the owner changes in the admin, stored as JSON rows and read as one
object, and the secret the comment feature signs with and salts address hashes with."""

from __future__ import annotations

import logging
import secrets
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service as accounts
from inkwell.comments.models import CommentSetting
from inkwell.core.feature_settings import SettingsError, SettingsStore
from inkwell.render.urls import is_http_url

log = logging.getLogger(__name__)
Moderation = Literal["none", "first", "all"]
MAX_BLOCKED_WORDS = 1000
MAX_BLOCKED_WORD = 100
AKISMET_URL = "https://rest.akismet.com"
Sort = Literal["oldest", "newest", "best"]
# The key of the row holding the secret (not a secret itself).
_SECRET_ROW = "_secret"  # noqa: S105


class CommentSettings(BaseModel):
    """Every comment setting with its default; unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    enabled: bool = True
    """Site-wide switch: False closes every thread (old comments stay visible)."""
    on_pages: bool = False
    """Comments under static pages too, not only under posts."""
    auto_close_days: int = Field(default=0, ge=0, le=36500)
    """Threads close this many days after the post was published (0: never)."""
    moderation: Moderation = "first"
    """none: shown at once; first: a new commenter's first comment waits; all: every one waits."""
    guests: bool = True
    """Guests may comment with a name (and an optional email and website)."""
    magic_link: bool = True
    """Readers may sign in with an emailed one-time link."""
    social_login: bool = True
    """Readers may sign in with each OAuth/OIDC provider the operator configured."""
    gravatar: bool = False
    """Avatars from Gravatar (a request to a third party); otherwise generated on this site."""
    edit_window_minutes: int = Field(default=15, ge=0, le=10080)
    max_length: int = Field(default=10_000, ge=10, le=100_000)
    max_links: int = Field(default=3, ge=0, le=100)
    min_submit_seconds: int = Field(default=3, ge=0, le=600)
    per_address_per_hour: int = Field(default=20, ge=1, le=10_000)
    per_identity_per_hour: int = Field(default=10, ge=1, le=10_000)
    blocked_words: list[str] = Field(default_factory=list)
    akismet_key: str = Field(default="", max_length=200)
    """An Akismet (or compatible) API key; empty: no outside spam check."""
    akismet_url: str = AKISMET_URL
    """Where the check is sent (``/1.1/comment-check`` is added): Akismet, or a compatible
    service. Loopback and private addresses need INKWELL_FETCH_ALLOWED_HOSTS."""
    default_sort: Sort = "oldest"
    allowed_origins: list[str] = Field(default_factory=list)
    """Other sites (``https://example.org``) that may embed the widget (CORS)."""
    notify_authors: bool = True
    """Email a post's author about each new comment."""

    @field_validator("blocked_words")
    @classmethod
    def _words(cls, value: list[str]) -> list[str]:
        words = sorted({word.strip().lower() for word in value if word.strip()})
        if len(words) > MAX_BLOCKED_WORDS:
            raise ValueError(f"at most {MAX_BLOCKED_WORDS} blocked words")
        for word in words:
            if len(word) > MAX_BLOCKED_WORD:
                raise ValueError(
                    f"a blocked word is at most {MAX_BLOCKED_WORD} characters: {word[:20]!r}…"
                )
        return words

    @field_validator("akismet_url")
    @classmethod
    def _service(cls, value: str) -> str:
        if not value.strip():
            return AKISMET_URL  # an emptied field means the usual service
        url = value.strip().rstrip("/")
        if not is_http_url(url) or any(c in url for c in " <>\"'`\\?#"):
            raise ValueError(f"{value!r} is not an address such as https://rest.akismet.com")
        return url

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        cleaned = []
        for origin in value:
            origin = origin.strip().rstrip("/")
            scheme, sep, rest = origin.partition("://")
            if scheme not in ("http", "https") or not sep or not rest or "/" in rest:
                raise ValueError(f"{origin!r} is not an origin such as https://example.org")
            cleaned.append(origin.lower())
        return sorted(set(cleaned))


class CommentSettingsError(SettingsError):
    """A comment setting was refused; the message names it (``field``)."""


_store = SettingsStore(CommentSettings, CommentSetting, "comments", CommentSettingsError)
load = _store.load
load_cached = _store.load_cached


async def reader_policy(session: AsyncSession) -> accounts.ReaderPolicy:
    """What readers' sign-in follows (accounts asks per request; it may not import comments):
    the emailed-link and social switches, Gravatar, and the sites allowed to embed the widget."""
    found = await load_cached(session)
    return accounts.ReaderPolicy(
        magic_link=found.magic_link,
        social_login=found.social_login,
        gravatar=found.gravatar,
        allowed_origins=tuple(found.allowed_origins),
    )


async def update(session: AsyncSession, wanted: dict[str, Any]) -> CommentSettings:
    """Validate and store ``wanted`` (strictly: ``"1"`` is not a number); the new settings.

    Raises CommentSettingsError naming the first refused field, storing nothing. Post pages
    show the form (or "comments are closed"): a change drops every cached page."""
    return await _store.update(session, wanted)


async def secret(session: AsyncSession) -> str:
    """This site's comment secret (made on first use): signs tokens and links, salts hashes."""
    row = await session.get(CommentSetting, _SECRET_ROW)
    if row is None:
        row = CommentSetting(key=_SECRET_ROW, value=secrets.token_hex(32))
        session.add(row)
        await session.flush()
    return str(row.value)
