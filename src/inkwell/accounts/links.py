"""The flows behind emailed links: password reset and staff invitations.

A reset is asked by email; whether or not the address belongs to anyone, the caller answers
the same way (``request_reset`` returns None for no one, and the caller sends no mail). Using
a reset link sets the password, ends every session of the account, and opens a new one.
An invitation names an email and a role; accepting it creates the account with that role.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import signin, staff, tokens
from inkwell.accounts.models import OneTimeToken, StaffAccount
from inkwell.accounts.permissions import Actor, PermissionDenied, invitable_roles, require
from inkwell.content import service as content


class InvalidLink(Exception):
    """A link that is unknown, expired or already used."""

    def __init__(self) -> None:
        super().__init__("This link has expired or was already used. Ask for a new one.")


@dataclass(frozen=True)
class Invitation:
    """A pending invitation, as the accept page and the staff list show it."""

    id: str
    email: str
    role: str
    expires_at: datetime


async def request_reset(
    session: AsyncSession, email: str, *, now: datetime | None = None
) -> str | None:
    """A reset token for the enabled account of ``email``, or None when there is none."""
    found = await signin.find_account(session, email)
    if found is None or found[1].disabled_at is not None or not found[0].email:
        return None
    return await tokens.issue(session, tokens.RESET, found[0].email, user_id=found[0].id, now=now)


async def reset_link_valid(session: AsyncSession, token: str) -> bool:
    """True when ``token`` is a usable reset link (the form may be shown)."""
    return await tokens.find(session, tokens.RESET, token) is not None


async def complete_reset(
    session: AsyncSession,
    token: str,
    password: str,
    *,
    client_address: str = "",
    user_agent: str = "",
) -> signin.SignedIn:
    """Set the password of the reset link's account, end its sessions, sign it in afresh."""
    staff.check_password(password)
    link = await tokens.find(session, tokens.RESET, token)
    if link is None or link.user_id is None:
        raise InvalidLink
    account = await session.get(StaffAccount, link.user_id)
    if account is None or account.disabled_at is not None or not await tokens.use(session, link):
        raise InvalidLink
    await staff.set_password(session, link.user_id, password)
    return await signin.open_session(
        session, link.user_id, client_address=client_address, user_agent=user_agent
    )


async def invite(
    session: AsyncSession, actor: Actor, email: str, role: str, *, now: datetime | None = None
) -> str:
    """An invitation token for ``email`` as ``role``; refuses roles ``actor`` may not give."""
    require(actor, "staff.invite")
    email = staff.check_email(email)
    staff.check_role(role)
    if role not in invitable_roles(actor):
        article = "an" if actor.role[:1] in "aeiou" else "a"
        raise PermissionDenied(f"{article} {actor.role} cannot invite someone as {role}")
    user = await content.author_by_email(session, email)
    if user is not None and await session.get(StaffAccount, user.id) is not None:
        raise staff.UserInputError(f"{email} already has a staff account")
    return await tokens.issue(
        session, tokens.INVITE, email, role=role, invited_by=actor.user_id, now=now
    )


def _invitation(link: OneTimeToken) -> Invitation:
    return Invitation(link.id, link.email, link.role or "contributor", link.expires_at)


async def invitation(session: AsyncSession, token: str) -> Invitation | None:
    """The pending invitation behind ``token``, or None."""
    link = await tokens.find(session, tokens.INVITE, token)
    return None if link is None else _invitation(link)


async def pending_invitations(session: AsyncSession) -> list[Invitation]:
    """Invitations not yet accepted nor expired, newest first."""
    return [_invitation(link) for link in await tokens.pending(session, tokens.INVITE)]


async def revoke_invitation(session: AsyncSession, actor: Actor, invitation_id: str) -> bool:
    """Withdraw a pending invitation; False when there was none."""
    require(actor, "staff.invite")
    return await tokens.revoke(session, tokens.INVITE, invitation_id)


async def accept_invitation(
    session: AsyncSession,
    token: str,
    *,
    name: str,
    password: str,
    client_address: str = "",
    user_agent: str = "",
) -> signin.SignedIn:
    """Create the invited account (name and password chosen now) and sign it in."""
    link = await tokens.find(session, tokens.INVITE, token)
    if link is None:
        raise InvalidLink
    user = await staff.create_user(
        session,
        name=name,
        email=link.email,
        password=password,
        role=link.role or "contributor",
    )
    if not await tokens.use(session, link):
        raise InvalidLink
    return await signin.open_session(
        session, user.id, client_address=client_address, user_agent=user_agent
    )
