"""The signed tokens in comment emails: moderation links, unsubscribe links, privacy links.

Each is signed with itsdangerous, keyed by the comment feature's secret
(``comments.settings.secret``) and salted by its purpose, so a token made for one purpose is
refused for every other. A token holds only what its link acts on (a comment id and an action,
or an email address); it is never stored, and never logged (``comments.logs``).

- moderation (approve or delete a held comment): valid for 30 days, then the admin's queue is
  the way;
- unsubscribe: never expires (an old newsletter's one-click link must still work, RFC 8058);
- privacy (export or delete everything an address wrote): valid for one day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.settings import secret

ModerationAction = Literal["approve", "delete"]
PrivacyAction = Literal["export", "delete"]

MODERATION_VALID = timedelta(days=30)
PRIVACY_VALID = timedelta(days=1)

_MODERATION = "inkwell.comments.moderate"
_UNSUBSCRIBE = "inkwell.comments.unsubscribe"
_PRIVACY = "inkwell.comments.privacy"


class TokenRefused(ValueError):
    """A token that was tampered with, made for something else, or too old (``expired``)."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


@dataclass(frozen=True)
class ModerationGrant:
    """What a moderation link allows: one action on one comment."""

    comment_id: str
    action: ModerationAction


@dataclass(frozen=True)
class PrivacyGrant:
    """What a privacy link allows: export or delete what one address wrote."""

    email: str
    action: PrivacyAction


async def _serializer(
    session: AsyncSession, salt: str, issued_at: datetime | None = None
) -> URLSafeTimedSerializer:
    if issued_at is None:
        return URLSafeTimedSerializer(await secret(session), salt=salt)
    moment = int(issued_at.timestamp())

    class _IssuedThen(TimestampSigner):
        def get_timestamp(self) -> int:
            return moment

    return URLSafeTimedSerializer(await secret(session), salt=salt, signer=_IssuedThen)


async def moderation_token(
    session: AsyncSession,
    comment_id: str,
    action: ModerationAction,
    *,
    issued_at: datetime | None = None,
) -> str:
    """A link token that lets its holder ``action`` the comment ``comment_id`` (for 30 days
    from ``issued_at``, now unless given)."""
    signer = await _serializer(session, _MODERATION, issued_at)
    return str(signer.dumps({"c": comment_id, "a": action}))


async def unsubscribe_token(session: AsyncSession, email: str) -> str:
    """A link token that stops every comment email to ``email``."""
    signer = await _serializer(session, _UNSUBSCRIBE)
    return str(signer.dumps({"e": email.strip().lower()}))


async def privacy_token(
    session: AsyncSession,
    email: str,
    action: PrivacyAction,
    *,
    issued_at: datetime | None = None,
) -> str:
    """A link token that lets its holder ``action`` everything ``email`` wrote (for a day from
    ``issued_at``, now unless given)."""
    signer = await _serializer(session, _PRIVACY, issued_at)
    return str(signer.dumps({"e": email.strip().lower(), "a": action}))


async def read_moderation(session: AsyncSession, token: str) -> ModerationGrant:
    """The grant in a moderation token; raises TokenRefused."""
    data = await _load(session, _MODERATION, token, MODERATION_VALID)
    comment_id, action = data.get("c"), data.get("a")
    if not isinstance(comment_id, str) or action not in ("approve", "delete"):
        raise TokenRefused("This link is not a moderation link.")
    return ModerationGrant(comment_id, action)


async def read_unsubscribe(session: AsyncSession, token: str) -> str:
    """The address an unsubscribe token stops mailing; raises TokenRefused."""
    data = await _load(session, _UNSUBSCRIBE, token, None)
    email = data.get("e")
    if not isinstance(email, str) or "@" not in email:
        raise TokenRefused("This link is not an unsubscribe link.")
    return email


async def read_privacy(session: AsyncSession, token: str, action: PrivacyAction) -> PrivacyGrant:
    """The grant in a privacy token made for ``action``; raises TokenRefused."""
    data = await _load(session, _PRIVACY, token, PRIVACY_VALID)
    email = data.get("e")
    if not isinstance(email, str) or "@" not in email or data.get("a") != action:
        raise TokenRefused(f"This link is not a link to {action} your comments.")
    return PrivacyGrant(email, action)


async def _load(
    session: AsyncSession, salt: str, token: str, valid_for: timedelta | None
) -> dict[str, Any]:
    signer = await _serializer(session, salt)
    max_age = None if valid_for is None else int(valid_for.total_seconds())
    try:
        data = signer.loads(token, max_age=max_age)
    except SignatureExpired:
        raise TokenRefused("This link has expired.", expired=True) from None
    except BadSignature:
        raise TokenRefused(
            "This link is not valid: it may have been cut short or changed."
        ) from None
    if not isinstance(data, dict):
        raise TokenRefused("This link is not valid.")
    return data
