"""Readers: the people who sign in to comment (by emailed link or through a provider).

A reader is found or made from what a provider vouched for (``sign_up_or_in``); the view other
features see is ``ReaderView``, whose avatar is generated here (``avatars``) rather than taken
from the provider, so that showing a comment makes no request to another host. Deleting a
reader keeps a nameless row (a tombstone): comments keep pointing at it, and the
``reader.deleted`` event lets comments anonymise what that reader wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import avatars
from inkwell.accounts.models import Reader, ReaderSession, StaffAccount
from inkwell.content import service as content
from inkwell.core import events
from inkwell.core.time import utcnow

DELETED = "reader.deleted"
events.declare(DELETED)

PROVIDERS = ("email", "github", "google", "oidc")
DELETED_NAME = "Deleted reader"
MAX_NAME = 100


@dataclass(frozen=True)
class ReaderView:
    """A signed-in reader as other features see them."""

    id: str
    name: str
    email: str | None
    email_verified: bool
    website: str | None
    avatar_url: str
    provider: str


@dataclass(frozen=True)
class Identity:
    """What a provider (or an emailed link) vouched for about a person."""

    provider: str
    subject: str
    name: str
    email: str | None = None
    email_verified: bool = False
    website: str | None = None


def view_of(reader: Reader, *, gravatar: bool = False) -> ReaderView:
    """The public view of ``reader`` (avatar generated, or Gravatar's when the owner wants)."""
    return ReaderView(
        id=reader.id,
        name=reader.name,
        email=reader.email,
        email_verified=reader.email_verified,
        website=reader.website,
        avatar_url=avatars.avatar_url(reader.name, reader.email, gravatar=gravatar),
        provider=reader.provider,
    )


def display_name(name: str | None, email: str | None) -> str:
    """A name to show: the given one (trimmed, capped), else the email's local part."""
    cleaned = " ".join((name or "").split())[:MAX_NAME]
    if cleaned:
        return cleaned
    local = (email or "").partition("@")[0].strip()
    return local[:MAX_NAME] or "Reader"


async def sign_up_or_in(
    session: AsyncSession, identity: Identity, *, now: datetime | None = None
) -> Reader:
    """The reader behind ``identity`` (made on first sign-in; name and email refreshed)."""
    if identity.provider not in PROVIDERS:
        raise ValueError(f"unknown reader provider {identity.provider!r}")
    now = now or utcnow()
    query = select(Reader).where(
        Reader.provider == identity.provider, Reader.subject == identity.subject[:191]
    )
    reader = (await session.execute(query)).scalar_one_or_none()
    email = identity.email.strip().lower()[:191] if identity.email else None
    if reader is None:
        reader = Reader(
            provider=identity.provider,
            subject=identity.subject[:191],
            name=display_name(identity.name, email),
            created_at=now,
        )
        session.add(reader)
    else:
        reader.name = display_name(identity.name, email) if identity.name else reader.name
    reader.email = email
    reader.email_verified = bool(email) and identity.email_verified
    if identity.website:
        reader.website = identity.website[:500]
    reader.last_signin_at = now
    await session.flush()
    return reader


async def get(session: AsyncSession, reader_id: str) -> Reader | None:
    """The reader ``reader_id`` (tombstones included), or None."""
    return await session.get(Reader, reader_id)


async def staff_user_for_email(session: AsyncSession, email: str | None) -> str | None:
    """The user id of the enabled staff member whose email is ``email``, or None.

    Only meaningful for a *verified* email: the caller checks ``email_verified`` first.
    """
    if not email or "@" not in email:
        return None
    user = await content.author_by_email(session, email.strip())
    if user is None:
        return None
    account = await session.get(StaffAccount, user.id)
    if account is None or account.disabled_at is not None:
        return None
    return user.id


async def delete_reader(session: AsyncSession, reader_id: str) -> None:
    """Forget who ``reader_id`` was: end their sessions, blank the row, emit reader.deleted.

    The row stays as a tombstone (provider ``deleted``) so that comments still find what the
    reader wrote; the event carries the id and the former email for comments' clean-up.
    Unknown or already deleted readers are left as they are (idempotent).
    """
    reader = await session.get(Reader, reader_id)
    if reader is None or reader.provider == "deleted":
        return
    former_email = reader.email
    await session.execute(delete(ReaderSession).where(ReaderSession.reader_id == reader_id))
    reader.provider = "deleted"
    reader.subject = reader.id
    reader.name = DELETED_NAME
    reader.email = None
    reader.email_verified = False
    reader.website = None
    reader.avatar_url = None
    await session.flush()
    events.emit(session, DELETED, reader_id, reader_id=reader_id, email=former_email)
