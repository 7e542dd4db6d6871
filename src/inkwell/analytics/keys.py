"""Stats API keys: made, listed, deleted and checked.

A key is a random secret shown once, when it is made; the database keeps only its SHA-256
digest and its first characters (the hint that tells keys apart in a list). A stolen copy of
the database therefore opens nothing. ``verify`` compares digests in constant time and notes
when a key was last used, at most once a minute, so that a dashboard polling the API does not
turn every read into a write.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics.models import StatsKey
from inkwell.core.time import as_utc, utcnow

MAX_NAME = 100
HINT_LENGTH = 8
KEY_BYTES = 48  # 64 URL-safe characters, as long as Plausible's keys
MAX_PRESENTED = 200  # anything longer is no key of ours: refused before hashing
USE_RESOLUTION = timedelta(minutes=1)


class StatsKeyError(ValueError):
    """A refused key operation (an empty, long or taken name; an unknown key)."""


def digest(key: str) -> str:
    """The SHA-256 digest (hex) under which a key is stored."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def clean_name(name: str) -> str:
    """``name`` with its runs of white space made single; refused if empty, long or odd."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise StatsKeyError("A Stats API key needs a name.")
    if len(cleaned) > MAX_NAME:
        raise StatsKeyError(f"A Stats API key's name has at most {MAX_NAME} characters.")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in cleaned):
        raise StatsKeyError("A Stats API key's name cannot contain control characters.")
    return cleaned


async def list_keys(session: AsyncSession) -> list[StatsKey]:
    """Every key, by name (without regard to case), then age."""
    found = (await session.execute(select(StatsKey))).scalars().all()
    return sorted(found, key=lambda k: (k.name.casefold(), k.created_at))


async def _named(session: AsyncSession, name: str) -> StatsKey | None:
    # Names are told apart without regard to case: "Grafana" and "grafana" would be one
    # to a person typing `inkwell analytics key delete grafana`.
    every = await list_keys(session)
    exact = [k for k in every if k.name == name]
    folded = [k for k in every if k.name.casefold() == name.casefold()]
    matches = exact or folded
    return matches[0] if matches else None


async def create_key(session: AsyncSession, name: str) -> tuple[StatsKey, str]:
    """A new key called ``name``: the stored row and the key itself (shown once)."""
    name = clean_name(name)
    taken = await _named(session, name)
    if taken is not None:
        raise StatsKeyError(f"A Stats API key named “{taken.name}” already exists.")
    key = secrets.token_urlsafe(KEY_BYTES)
    row = StatsKey(name=name, key_hash=digest(key), hint=key[:HINT_LENGTH], created_at=utcnow())
    session.add(row)
    await session.flush()
    return row, key


async def delete_key(session: AsyncSession, name: str) -> str:
    """Delete the key called ``name`` (any case); its name as stored. It stops working at once."""
    found = await _named(session, " ".join((name or "").split()))
    if found is None:
        raise StatsKeyError(f"No Stats API key is named “{name}”.")
    await session.delete(found)
    await session.flush()
    return found.name


async def verify(session: AsyncSession, presented: str) -> StatsKey | None:
    """The key whose secret is ``presented``, or None; notes the use (at most once a minute).

    The caller's transaction carries the note: commit it (or not) with the request."""
    if not presented or len(presented) > MAX_PRESENTED:
        return None
    wanted = digest(presented)
    found = (
        await session.execute(select(StatsKey).where(StatsKey.key_hash == wanted))
    ).scalar_one_or_none()
    # The lookup is by digest, so timing tells nothing of the secret; the comparison is
    # constant-time all the same, so that no future lookup change can make it leak.
    if found is None or not hmac.compare_digest(found.key_hash, wanted):
        return None
    now = utcnow()
    if found.last_used_at is None or now - as_utc(found.last_used_at) >= USE_RESOLUTION:
        found.last_used_at = now
        await session.flush()
    return found
