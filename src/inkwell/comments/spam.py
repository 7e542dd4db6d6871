"""Spam defences with no third party: the honeypot, the time-to-submit token, rate limits,
links, blocked words and duplicates (the Akismet-compatible check is in ``akismet``).

A rule either files a comment as spam (only the explicit ones: honeypot, blocked words,
Akismet), holds it for moderation (pending, with the reason: no, a forged or an expired form
token, sent too fast, too many links, a text posted before), or refuses it, storing nothing
(rate limits: 429; the same author's same text in the same thread again: 409, a double
submit).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.blocks import is_blocked
from inkwell.comments.models import Comment
from inkwell.comments.settings import CommentSettings, secret
from inkwell.comments.types import CommentInputError, TooManyComments
from inkwell.core import ratelimit
from inkwell.core.time import utcnow

# Long: the no-JS form carries a token rendered into a cached post page.
FORM_TOKEN_MAX_AGE = timedelta(days=30)
HOUR = timedelta(hours=1)
DUPLICATE_WINDOW = timedelta(days=7)
# Shorter texts ("Thanks!") are said by many people: not a sign of a robot.
DUPLICATE_MIN_LENGTH = 20
# The recent comments of the same length compared with a new one, newest first.
DUPLICATE_CANDIDATES = 200
_SPACES = re.compile(r"\s+")
_WORD_EDGE = r"(?<![\w]){}(?![\w])"


@dataclass(frozen=True)
class Verdict:
    """What the rules decided: ``spam``, ``pending`` (held) or None (no rule objected)."""

    status: str | None = None
    reason: str | None = None


CLEAN = Verdict()


class _FormSigner(TimestampSigner):
    """Signs with a given moment instead of the clock's when ``at`` is set."""

    at: int | None = None

    def get_timestamp(self) -> int:
        return super().get_timestamp() if self.at is None else self.at


async def _signer(session: AsyncSession) -> _FormSigner:
    return _FormSigner(await secret(session), salt="inkwell.comments.form")


async def issue_form_token(session: AsyncSession, *, issued_at: datetime | None = None) -> str:
    """A signed, timestamped token handed out with the form; it proves when the form loaded
    (``issued_at``, by default now)."""
    signer = await _signer(session)
    if issued_at is not None:
        signer.at = int(issued_at.timestamp())
    return signer.sign(secrets.token_urlsafe(8)).decode()


async def form_token_verdict(
    session: AsyncSession, token: str | None, settings: CommentSettings
) -> Verdict:
    """Hold comments sent without a valid token, or sooner than ``min_submit_seconds``."""
    if not token:
        return Verdict("pending", "sent without a form token")
    signer = await _signer(session)
    try:
        _, signed_at = signer.unsign(
            token, max_age=int(FORM_TOKEN_MAX_AGE.total_seconds()), return_timestamp=True
        )
    except SignatureExpired:
        return Verdict("pending", "the form was loaded more than 30 days before")
    except BadSignature:
        return Verdict("pending", "the form token is not one this site issued")
    if (utcnow() - signed_at).total_seconds() < settings.min_submit_seconds:
        return Verdict("pending", "sent too quickly after the form loaded")
    return CLEAN


def address_hash(address: str, salt: str) -> str | None:
    """The stored form of a client address: a salted digest (None when unknown)."""
    if not address:
        return None
    return hashlib.sha256(f"{salt}\0{address}".encode()).hexdigest()


def blocked_word(settings: CommentSettings, *texts: str | None) -> str | None:
    """The first blocked word (whole words, any case) found in ``texts``, or None."""
    joined = "\n".join(text for text in texts if text).lower()
    for word in settings.blocked_words:
        if re.search(_WORD_EDGE.format(re.escape(word)), joined):
            return word
    return None


def _normalised(body: str) -> str:
    return _SPACES.sub(" ", body).strip().lower()


async def check_blocks(
    session: AsyncSession, *, reader_id: str | None, email: str | None, address: str | None
) -> None:
    """Refuse (403) a commenter the moderators blocked by account, email or address hash."""
    if await is_blocked(session, email=email, address_hash=address, reader_id=reader_id):
        raise CommentInputError(None, "You can no longer comment on this site.", 403)


def identity_key(reader_id: str | None, user_id: str | None, email: str | None) -> str | None:
    """Who is writing, for the per-identity limit: account, else email (guests without one
    are held to the per-address limit only)."""
    if user_id:
        return f"user:{user_id}"
    if reader_id:
        return f"reader:{reader_id}"
    return f"email:{email.lower()}" if email else None


async def check_rate_limits(
    session: AsyncSession, settings: CommentSettings, *, address: str | None, identity: str | None
) -> None:
    """Refuse (429) when this address or identity posted its hourly allowance already."""
    limits = (
        ("comments.address", address, settings.per_address_per_hour),
        ("comments.identity", identity, settings.per_identity_per_hour),
    )
    salt = await secret(session)
    for bucket, key, limit in limits:
        if not key:
            continue
        decision = await ratelimit.check(session, bucket, key, limit=limit, window=HOUR, salt=salt)
        if not decision.allowed:
            minutes = max(1, round(decision.retry_after_seconds / 60))
            raise TooManyComments(
                f"Too many comments in an hour; try again in {minutes} minute"
                + ("s." if minutes != 1 else "."),
                decision.retry_after_seconds,
            )


async def record_rate_limits(
    session: AsyncSession, *, address: str | None, identity: str | None
) -> None:
    """Count one posted comment against this address and identity (keys salted with the
    site's secret: an email in the identity key is not a plain digest anyone could match)."""
    salt = await secret(session)
    for bucket, key in (("comments.address", address), ("comments.identity", identity)):
        if key:
            await ratelimit.record(session, bucket, key, window=HOUR, salt=salt)


async def duplicate_verdict(
    session: AsyncSession,
    body: str,
    *,
    thread_id: str,
    identity: str | None,
    address: str | None,
) -> Verdict:
    """A second copy of one's own comment in a thread is refused (409, a double submit);
    the same longer text posted again elsewhere, or by someone else, within a week is held.

    Texts are compared ignoring case (any script: SQLite's ``lower`` knows only ASCII, so
    the comparison is made here, among the recent comments of the same length)."""
    since = utcnow() - DUPLICATE_WINDOW
    wanted = _normalised(body)
    query = select(
        Comment.body,
        Comment.status,
        Comment.thread_id,
        Comment.reader_id,
        Comment.author_email,
        Comment.user_id,
        Comment.address_hash,
    )
    query = query.where(
        func.length(Comment.body) == len(body),
        Comment.created_at > since,
        Comment.status != "deleted",
    )
    query = query.order_by(Comment.created_at.desc()).limit(DUPLICATE_CANDIDATES)
    rows = [row for row in (await session.execute(query)).all() if _normalised(row.body) == wanted]
    for row in rows:
        keys = {f"user:{row.user_id}", f"reader:{row.reader_id}"}
        keys.add(f"email:{(row.author_email or '').lower()}")
        same_author = identity in keys or (address is not None and row.address_hash == address)
        if row.thread_id == thread_id and same_author:
            # Held spam is answered as held: a robot is not told which rule caught it.
            waits = "" if row.status == "approved" else ": it is waiting for a moderator"
            raise CommentInputError("body", f"You already posted this comment here{waits}.", 409)
    if rows and len(wanted) >= DUPLICATE_MIN_LENGTH:
        return Verdict("pending", "the same text was posted before")
    return CLEAN
