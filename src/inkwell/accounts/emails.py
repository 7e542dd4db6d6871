"""The messages accounts sends: a password reset link and a staff invitation.

Links are absolute (``INKWELL_SITE_URL``), since a mail client has no page to be relative to.
The caller sends inside the transaction that made the link: when the mail cannot go, the link
is rolled back with it and nothing is half-done.
"""

from __future__ import annotations

from inkwell.core.mail import Delivery, Mailer


async def send_reset(
    mailer: Mailer, *, to: str, site_url: str, site_title: str, token: str
) -> Delivery:
    """Mail ``to`` the link that lets them choose a new password (valid for an hour)."""
    link = f"{site_url}/admin/reset/{token}"
    text = (
        "Someone (hopefully you) asked to reset the password of your account on "
        f"{site_title} ({site_url}).\n\n"
        f"Choose a new password here (the link works once, for one hour):\n\n{link}\n\n"
        "If you did not ask for this, ignore this message: your password stays as it is.\n"
    )
    return await mailer.send(to, f"Reset your password on {site_title}", text)


async def send_invitation(
    mailer: Mailer,
    *,
    to: str,
    site_url: str,
    site_title: str,
    token: str,
    role: str,
    inviter: str,
) -> Delivery:
    """Mail ``to`` the link that lets them join the staff as ``role`` (valid for a week)."""
    link = f"{site_url}/admin/invite/{token}"
    article = "an" if role[:1] in "aeiou" else "a"
    text = (
        f"{inviter} invited you to join {site_title} ({site_url}) as {article} {role}.\n\n"
        f"Choose your name and password here (the link works once, for seven days):\n\n"
        f"{link}\n"
    )
    return await mailer.send(to, f"{inviter} invited you to write on {site_title}", text)


def outbox_notice(mailer: Mailer, delivery: Delivery | None = None) -> str | None:
    """What to tell the user when mail goes to the outbox folder instead of a mail server.

    Without a ``delivery`` (a reset request, whose answer must not say whether a message was
    written) it names the folder only.
    """
    if not mailer.uses_outbox:
        return None
    if delivery is not None and delivery.outbox_path is not None:
        return f"No mail server is set up: the message was written to {delivery.outbox_path}."
    return f"No mail server is set up: messages are written to {mailer.config.outbox_dir}."
