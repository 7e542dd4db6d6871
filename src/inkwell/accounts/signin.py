"""Signing in with an email and a password, with the login rate limits.

After ``ACCOUNT_LIMIT`` failed attempts for one email, or ``ADDRESS_LIMIT`` from one client
address, within ``WINDOW``, every further attempt (even a right one) is refused with the time
to wait. A successful sign-in clears the account's count (its owner proved who they are, so
their own typos no longer lock them out) but not the address's: an address trying many
accounts cannot reset its count by signing in to one of its own.

An unknown email and a disabled account get the same answer as a wrong password, after as
much work (a password verification) as a known one.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import passwords, sessions
from inkwell.accounts.models import StaffAccount
from inkwell.accounts.sessions import Staff
from inkwell.content.service import User
from inkwell.core import ratelimit
from inkwell.core.time import utcnow

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
WINDOW = timedelta(minutes=15)
ACCOUNT_BUCKET = "signin.account"
ADDRESS_BUCKET = "signin.address"

WRONG_CREDENTIALS = "Wrong email or password."


class SignInRefused(Exception):
    """Wrong email or password (or a disabled account: the message does not say)."""


class TooManyAttempts(Exception):
    """The rate limit was reached; ``retry_after_seconds`` says when to try again."""

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, round(retry_after_seconds / 60))
        unit = "minute" if minutes == 1 else "minutes"
        super().__init__(f"Too many sign-in attempts. Try again in {minutes} {unit}.")
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True)
class SignedIn:
    """A new session: the token goes in the cookie."""

    token: str
    staff: Staff


async def find_account(session: AsyncSession, email: str) -> tuple[User, StaffAccount] | None:
    """The profile and staff account of ``email`` (case-insensitive), or None."""
    query = (
        select(User, StaffAccount)
        .join(StaffAccount, StaffAccount.user_id == User.id)
        .where(func.lower(User.email) == email.strip().lower())
    )
    row = (await session.execute(query)).one_or_none()
    return None if row is None else (row[0], row[1])


async def check_limits(
    session: AsyncSession, email: str, client_address: str, *, now: datetime | None = None
) -> None:
    """Raise TooManyAttempts when the account or the address has no attempt left."""
    decisions = [
        await ratelimit.check(
            session,
            ACCOUNT_BUCKET,
            email.strip().lower(),
            limit=ACCOUNT_LIMIT,
            window=WINDOW,
            now=now,
        )
    ]
    if client_address:
        decisions.append(
            await ratelimit.check(
                session, ADDRESS_BUCKET, client_address, limit=ADDRESS_LIMIT, window=WINDOW, now=now
            )
        )
    refused = [d.retry_after_seconds for d in decisions if not d.allowed]
    if refused:
        raise TooManyAttempts(max(refused))


async def sign_in(
    session: AsyncSession,
    email: str,
    password: str,
    *,
    client_address: str = "",
    user_agent: str = "",
    now: datetime | None = None,
) -> SignedIn:
    """Check the credentials and open a session.

    Raises TooManyAttempts (nothing checked) or SignInRefused (the failure is counted: the
    caller must commit even then).
    """
    now = now or utcnow()
    email = email.strip().lower()
    await check_limits(session, email, client_address, now=now)
    found = await find_account(session, email) if email else None
    # Verifying takes a good part of a second by design: in a thread, so that the event loop
    # keeps serving other requests meanwhile.
    if found is None:
        await asyncio.to_thread(passwords.waste_a_verification, password)
        ok = False
    else:
        ok = await asyncio.to_thread(passwords.verify_password, found[1].password_hash, password)
        ok = ok and found[1].disabled_at is None
    if not ok or found is None:
        await ratelimit.record(session, ACCOUNT_BUCKET, email, window=WINDOW, now=now)
        if client_address:
            await ratelimit.record(session, ADDRESS_BUCKET, client_address, window=WINDOW, now=now)
        raise SignInRefused(WRONG_CREDENTIALS)
    user, account = found
    if passwords.needs_rehash(account.password_hash):
        account.password_hash = await asyncio.to_thread(passwords.hash_password, password)
    account.last_signin_at = now
    await ratelimit.clear(session, ACCOUNT_BUCKET, email)
    token = await sessions.create(
        session, user.id, user_agent=user_agent, client_address=client_address, now=now
    )
    current = await sessions.lookup(session, token, now=now)
    assert current is not None  # just made, for an enabled account
    return SignedIn(token, current.staff)


async def open_session(
    session: AsyncSession,
    user_id: str,
    *,
    client_address: str = "",
    user_agent: str = "",
    now: datetime | None = None,
) -> SignedIn:
    """A session for ``user_id`` without a password (after a reset or an accepted invitation)."""
    now = now or utcnow()
    account = await session.get(StaffAccount, user_id)
    if account is not None:
        account.last_signin_at = now
    token = await sessions.create(
        session, user_id, user_agent=user_agent, client_address=client_address, now=now
    )
    current = await sessions.lookup(session, token, now=now)
    if current is None:
        raise SignInRefused(WRONG_CREDENTIALS)
    return SignedIn(token, current.staff)
