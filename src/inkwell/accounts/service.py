"""The one door into accounts for other features: staff, roles and permissions, sign-in,
sessions, emailed links. The rules live in the small modules behind it:

- ``permissions``: Ghost's roles and what each may do (``can``, ``require``);
- ``passwords``: argon2id hashing and password rules;
- ``signin``: email + password, with the login rate limits;
- ``sessions``: server-side sessions (``Staff`` is who a session signs in);
- ``staff``: creating, listing, roles, ownership, disabling, passwords;
- ``links`` and ``tokens``: password reset and invitations by one-time link;
- readers (who comment): ``readers``, ``reader_sessions``, ``reader_web`` (the reader cookie
  and ``Authorization: Reader`` header), ``avatars``, ``providers`` and ``oauth`` (GitHub,
  Google, any OpenID Connect provider), ``magic_links``; ``reader_policy`` is how comments
  tells accounts the owner's choices (accounts never imports comments).

The HTTP side (cookies, CSRF, security headers, ``require_staff``) is ``accounts.web``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts.avatars import avatar_url
from inkwell.accounts.links import (
    InvalidLink,
    Invitation,
    accept_invitation,
    complete_reset,
    invitation,
    invite,
    pending_invitations,
    request_reset,
    reset_link_valid,
    revoke_invitation,
)
from inkwell.accounts.models import StaffAccount
from inkwell.accounts.passwords import hash_password, new_password, verify_password
from inkwell.accounts.permissions import (
    PERMISSIONS,
    ROLES,
    PermissionDenied,
    can,
    invitable_roles,
    permissions_of,
    require,
)
from inkwell.accounts.providers import ProviderInfo, reader_providers
from inkwell.accounts.reader_policy import PolicySource, ReaderPolicy
from inkwell.accounts.reader_policy import use as use_reader_policy
from inkwell.accounts.reader_web import current_reader
from inkwell.accounts.readers import DELETED as READER_DELETED
from inkwell.accounts.readers import ReaderView, delete_reader, staff_user_for_email
from inkwell.accounts.sessions import Staff
from inkwell.accounts.sessions import list_for as list_sessions
from inkwell.accounts.sessions import revoke as revoke_session
from inkwell.accounts.sessions import revoke_all as revoke_all_sessions
from inkwell.accounts.signin import SignedIn, SignInRefused, TooManyAttempts, sign_in
from inkwell.accounts.staff import (
    StaffMember,
    UserInputError,
    account_by_email,
    change_own_password,
    change_role,
    create_user,
    list_staff,
    set_disabled,
    set_password,
    transfer_ownership,
)
from inkwell.content.service import User
from inkwell.settings import Settings

__all__ = [
    "PERMISSIONS",
    "READER_DELETED",
    "ROLES",
    "InvalidLink",
    "Invitation",
    "PermissionDenied",
    "PolicySource",
    "ProviderInfo",
    "ReaderPolicy",
    "ReaderView",
    "SignInRefused",
    "SignedIn",
    "Staff",
    "StaffMember",
    "TooManyAttempts",
    "UserInputError",
    "accept_invitation",
    "account_by_email",
    "avatar_url",
    "can",
    "change_own_password",
    "change_role",
    "complete_reset",
    "create_user",
    "current_reader",
    "delete_reader",
    "ensure_owner",
    "get_account",
    "get_owner",
    "hash_password",
    "invitable_roles",
    "invitation",
    "invite",
    "list_sessions",
    "list_staff",
    "new_password",
    "owner_id",
    "pending_invitations",
    "permissions_of",
    "reader_providers",
    "request_reset",
    "require",
    "reset_link_valid",
    "revoke_all_sessions",
    "revoke_invitation",
    "revoke_session",
    "set_disabled",
    "set_password",
    "sign_in",
    "sign_out_everywhere",
    "staff_user_for_email",
    "transfer_ownership",
    "use_reader_policy",
    "verify_password",
]


async def get_account(session: AsyncSession, user_id: str) -> StaffAccount | None:
    """The staff account of the user ``user_id``, or None (an author without one)."""
    return await session.get(StaffAccount, user_id)


async def get_owner(session: AsyncSession) -> User | None:
    """The site owner's profile, or None before the first start."""
    query = (
        select(User)
        .join(StaffAccount, StaffAccount.user_id == User.id)
        .where(StaffAccount.role == "owner")
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def owner_id(session: AsyncSession) -> str | None:
    """The owner's user id: the author of posts that name none."""
    query = select(StaffAccount.user_id).where(StaffAccount.role == "owner").limit(1)
    return (await session.execute(query)).scalar_one_or_none()


async def sign_out_everywhere(session: AsyncSession, staff: Staff) -> int:
    """End every session of ``staff`` but the current one; how many ended."""
    return await revoke_all_sessions(session, staff.user_id, keep=staff.session_id)


async def ensure_owner(session: AsyncSession, settings: Settings) -> list[str]:
    """First start: create the owner when there is none; the lines to show the operator once."""
    if await owner_id(session) is not None:
        return []
    password = new_password()
    await create_user(
        session,
        name=settings.owner_name,
        email=settings.owner_email,
        password=password,
        role="owner",
    )
    return [
        f"Created the owner account {settings.owner_email} with password: {password}",
        "This password is shown only once: keep it somewhere safe.",
        f"Sign in at {settings.site_url}/admin/signin",
    ]
