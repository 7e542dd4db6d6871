"""The emailed links to a commenter's privacy rights: asking for them (rate limited, the same
answer whether or not the address is known) and the job that mails them.

The links are signed (``mail_tokens``), valid for a day, and lead to ``privacy_routes``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import emails, mail_tokens
from inkwell.comments.privacy import comments_of
from inkwell.comments.settings import secret
from inkwell.content import service as content
from inkwell.core import jobs, ratelimit

LINK_JOB = "comments.privacy_link"
# Asking for the link: a few times an hour per address asked about, more per client address
# (a household or an office shares one).
REQUEST_WINDOW = timedelta(hours=1)
PER_EMAIL = 3
PER_CLIENT = 10
_EMAIL_BUCKET = "comments.privacy.email"
_CLIENT_BUCKET = "comments.privacy.client"


class PrivacyRequestError(ValueError):
    """A request for the privacy link that was refused: ``status`` 400 or 429."""

    def __init__(self, message: str, status: int, retry_after: int = 0) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def checked_email(text: str) -> str:
    """``text`` as an email address (trimmed, lower-cased); PrivacyRequestError if it is none."""
    email = text.strip().lower()
    if not email:
        raise PrivacyRequestError("Enter the email address you gave with your comments.", 400)
    local, at, domain = email.rpartition("@")
    if (
        len(email) > 191
        or not at
        or not local
        or "." not in domain
        or any(c.isspace() for c in email)
    ):
        raise PrivacyRequestError(f"“{text.strip()[:200]}” is not an email address.", 400)
    return email


async def request_links(session: AsyncSession, email_text: str, client: str) -> str:
    """Queue the email with the export and delete links for ``email_text`` (sent only if that
    address wrote something: the answer is the same either way); the address it goes to.

    Raises PrivacyRequestError: not an address (400), or asked too often (429).
    """
    email = checked_email(email_text)
    # Counted under salted digests: the rate-limit table's own digest is plain SHA-256, which
    # anyone can compute for every IPv4 address (or a guessed email) to find who asked.
    salt = await secret(session)
    client_key, email_key = _salted(salt, f"client\0{client}"), _salted(salt, f"email\0{email}")
    for bucket, key, limit in (
        (_CLIENT_BUCKET, client_key, PER_CLIENT),
        (_EMAIL_BUCKET, email_key, PER_EMAIL),
    ):
        decision = await ratelimit.check(session, bucket, key, limit=limit, window=REQUEST_WINDOW)
        if not decision.allowed:
            minutes = max(1, round(decision.retry_after_seconds / 60))
            raise PrivacyRequestError(
                f"Too many requests: try again in {minutes} minute{'s' if minutes != 1 else ''}.",
                429,
                decision.retry_after_seconds,
            )
    for bucket, key in ((_CLIENT_BUCKET, client_key), (_EMAIL_BUCKET, email_key)):
        await ratelimit.record(session, bucket, key, window=REQUEST_WINDOW)
    jobs.enqueue(session, LINK_JOB, email=email)
    return email


def _salted(salt: str, value: str) -> str:
    return hashlib.sha256(f"{salt}\0privacy\0{value}".encode()).hexdigest()


async def send_links(context: jobs.JobContext, args: Mapping[str, Any]) -> None:
    """Job: mail ``email`` its export and delete links, if it wrote any comment here."""
    email = str(args["email"]).strip().lower()
    site_url = context.settings.site_url
    async with context.database.session() as session:
        if not await comments_of(session, email):
            return  # the page said the same either way; a stranger's inbox gets nothing
        export_token = await mail_tokens.privacy_token(session, email, "export")
        delete_token = await mail_tokens.privacy_token(session, email, "delete")
        title = (await content.load_settings(session)).title
    letter = emails.privacy_links(
        to=email,
        site=emails.Site(site_url, title),
        export=f"{site_url}/comments/privacy/export/{export_token}",
        delete=f"{site_url}/comments/privacy/delete/{delete_token}",
    )
    await context.mailer.send(letter.to, letter.subject, letter.text, letter.html)


JOBS = {LINK_JOB: send_links}
