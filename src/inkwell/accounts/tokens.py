"""One-time links: password resets (an hour), invitations (a week) and readers' sign-in links
(half an hour), each used once.

The email carries a random token; the row stores its digest. Issuing a new link for the same
purpose and email replaces the older ones, so only the latest email works.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts.models import OneTimeToken
from inkwell.accounts.sessions import digest
from inkwell.core.time import utcnow

RESET = "reset"
INVITE = "invite"
READER = "reader"
VALID_FOR = {RESET: timedelta(hours=1), INVITE: timedelta(days=7), READER: timedelta(minutes=30)}


async def issue(
    session: AsyncSession,
    purpose: str,
    email: str,
    *,
    role: str | None = None,
    user_id: str | None = None,
    invited_by: str | None = None,
    now: datetime | None = None,
) -> str:
    """A new link token for ``email`` (the older unused ones of that purpose stop working)."""
    now = now or utcnow()
    email = email.strip().lower()
    await session.execute(
        delete(OneTimeToken).where(
            OneTimeToken.purpose == purpose,
            OneTimeToken.email == email,
            OneTimeToken.used_at.is_(None),
        )
    )
    token = secrets.token_urlsafe(32)
    session.add(
        OneTimeToken(
            id=digest(token),
            purpose=purpose,
            email=email,
            role=role,
            user_id=user_id,
            invited_by=invited_by,
            created_at=now,
            expires_at=now + VALID_FOR[purpose],
        )
    )
    await session.flush()
    return token


async def find(
    session: AsyncSession, purpose: str, token: str, *, now: datetime | None = None
) -> OneTimeToken | None:
    """The unused, unexpired link of ``purpose`` behind ``token``, or None."""
    if not token or len(token) > 200:
        return None
    query = select(OneTimeToken).where(
        OneTimeToken.id == digest(token),
        OneTimeToken.purpose == purpose,
        OneTimeToken.used_at.is_(None),
        OneTimeToken.expires_at > (now or utcnow()),
    )
    return (await session.execute(query)).scalar_one_or_none()


async def use(session: AsyncSession, link: OneTimeToken, *, now: datetime | None = None) -> bool:
    """Mark ``link`` used; False when another request used it first (it works once)."""
    result = await session.execute(
        update(OneTimeToken)
        .where(OneTimeToken.id == link.id, OneTimeToken.used_at.is_(None))
        .values(used_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def pending(
    session: AsyncSession, purpose: str, *, now: datetime | None = None
) -> list[OneTimeToken]:
    """The unused, unexpired links of ``purpose``, newest first."""
    query = (
        select(OneTimeToken)
        .where(
            OneTimeToken.purpose == purpose,
            OneTimeToken.used_at.is_(None),
            OneTimeToken.expires_at > (now or utcnow()),
        )
        .order_by(OneTimeToken.created_at.desc())
    )
    return list((await session.execute(query)).scalars())


async def revoke(session: AsyncSession, purpose: str, link_id: str) -> bool:
    """Delete the link ``link_id`` (its digest); False when there was none."""
    result = await session.execute(
        delete(OneTimeToken).where(OneTimeToken.id == link_id, OneTimeToken.purpose == purpose)
    )
    return bool(getattr(result, "rowcount", 0))


async def prune(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Delete links that expired or were used more than a day ago; how many."""
    cutoff = (now or utcnow()) - timedelta(days=1)
    result = await session.execute(
        delete(OneTimeToken).where(
            (OneTimeToken.expires_at <= cutoff) | (OneTimeToken.used_at <= cutoff)
        )
    )
    return int(getattr(result, "rowcount", 0))
