"""Readers' sign-in by emailed link: no password, a one-time link valid for half an hour.

Asking for a link answers the same whether or not the address is known (anyone may sign up
this way). It is braked per client address (a 429 past the limit) and per email (past the
limit no more mail goes, silently, so that no one floods an inbox). The link's token is kept
only as a digest (``tokens``, purpose ``reader``) and mailed by a background job; opening the
link shows a page whose button signs in, because mail scanners open links by themselves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import readers, tokens
from inkwell.accounts.models import Reader
from inkwell.core import jobs, ratelimit
from inkwell.core.jobs import JobContext

JOB = "accounts.send_reader_link"
LINK_PATH = "/comments/auth/email/"
ADDRESS_LIMIT, ADDRESS_WINDOW = 10, timedelta(minutes=15)
EMAIL_LIMIT, EMAIL_WINDOW = 3, timedelta(hours=1)
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\]+\.[^@\s<>()\[\],;:\"\\]+$")


class EmailRefused(ValueError):
    """The address given is not one a link can be sent to."""


class TooManyRequests(Exception):
    """This client asked for too many links; ``retry_after_seconds`` until it may again."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__("Too many sign-in links were asked for from here. Try again later.")
        self.retry_after_seconds = retry_after_seconds


class LinkInvalid(Exception):
    """A sign-in link that is unknown, expired or already used."""

    def __init__(self) -> None:
        super().__init__("This sign-in link has expired or was already used. Ask for a new one.")


@dataclass(frozen=True)
class PendingLink:
    """A usable link, as its confirm page shows it."""

    email: str
    name: str


def checked_email(email: str) -> str:
    """``email`` trimmed and lower-cased, or EmailRefused with a message naming the problem."""
    email = (email or "").strip()
    if not email:
        raise EmailRefused("Enter your email address.")
    if len(email) > 191 or not _EMAIL.match(email) or any(ord(c) < 0x20 for c in email):
        raise EmailRefused("Enter a valid email address, such as name@example.com.")
    return email.lower()


async def request_link(
    session: AsyncSession,
    email: str,
    *,
    address: str,
    site_url: str,
    site_title: str,
    return_to: str = "/",
) -> None:
    """Mail a sign-in link to ``email`` (after the commit), within the limits.

    Raises EmailRefused (bad address) or TooManyRequests (this client asked too often).
    """
    email = checked_email(email)
    decision = await ratelimit.check(
        session, "reader_link.address", address, limit=ADDRESS_LIMIT, window=ADDRESS_WINDOW
    )
    if not decision.allowed:
        raise TooManyRequests(decision.retry_after_seconds)
    await ratelimit.record(session, "reader_link.address", address, window=ADDRESS_WINDOW)
    per_email = await ratelimit.check(
        session, "reader_link.email", email, limit=EMAIL_LIMIT, window=EMAIL_WINDOW
    )
    if not per_email.allowed:
        return  # the same answer as a sent link: the inbox is not flooded, nothing is said
    await ratelimit.record(session, "reader_link.email", email, window=EMAIL_WINDOW)
    token = await tokens.issue(session, tokens.READER, email)
    query = urlencode({"return_to": return_to}) if return_to and return_to != "/" else ""
    link = f"{site_url}{LINK_PATH}{token}" + (f"?{query}" if query else "")
    jobs.enqueue(session, JOB, to=email, link=link, site_title=site_title, site_url=site_url)


async def pending(session: AsyncSession, token: str) -> PendingLink | None:
    """The email (and current name) behind a usable link, or None."""
    link = await tokens.find(session, tokens.READER, token)
    if link is None:
        return None
    known = await _reader_of(session, link.email)
    name = known.name if known is not None else readers.display_name(None, link.email)
    return PendingLink(link.email, name)


async def _reader_of(session: AsyncSession, email: str) -> Reader | None:
    query = select(Reader).where(Reader.provider == "email", Reader.subject == email)
    return (await session.execute(query)).scalar_one_or_none()


async def sign_in(session: AsyncSession, token: str, *, name: str = "") -> Reader:
    """Use the link (once) and sign its reader in (made on first use); LinkInvalid otherwise."""
    link = await tokens.find(session, tokens.READER, token)
    if link is None or not await tokens.use(session, link):
        raise LinkInvalid
    known = await _reader_of(session, link.email)
    identity = readers.Identity(
        provider="email",
        subject=link.email,
        name=name.strip() or (known.name if known is not None else ""),
        email=link.email,
        email_verified=True,
    )
    return await readers.sign_up_or_in(session, identity)


async def send_link(context: JobContext, args: Mapping[str, Any]) -> None:
    """Job: mail the sign-in link (a retry mails the same link again: harmless)."""
    title, url = str(args["site_title"]), str(args["site_url"])
    text = (
        f"Someone (hopefully you) asked to sign in to comment on {title} ({url}).\n\n"
        f"Sign in here (the link works once, for 30 minutes):\n\n{args['link']}\n\n"
        "If you did not ask for this, ignore this message: nothing happens without the link.\n"
    )
    await context.mailer.send(str(args["to"]), f"Your sign-in link for {title}", text)
