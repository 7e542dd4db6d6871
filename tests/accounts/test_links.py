"""Password reset and invitation links: who gets one, expiry, single use, what using one does."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service, sessions, tokens
from inkwell.accounts.models import OneTimeToken, StaffAccount
from tests.accounts.conftest import make_member

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


async def test_a_reset_link_is_stored_as_a_digest(session: AsyncSession) -> None:
    dee = await make_member(session)
    token = await service.request_reset(session, dee.email.upper())
    assert token is not None
    [row] = (await session.execute(select(OneTimeToken))).scalars().all()
    assert row.id == hashlib.sha256(token.encode()).hexdigest()
    assert (row.purpose, row.email, row.user_id) == ("reset", dee.email, dee.user_id)
    assert row.expires_at - row.created_at == timedelta(hours=1)


async def test_no_link_for_an_unknown_or_disabled_email(session: AsyncSession) -> None:
    dee = await make_member(session)
    await service.set_disabled(session, None, dee.user_id, disabled=True)
    assert await service.request_reset(session, "nobody@example.com") is None
    assert await service.request_reset(session, dee.email) is None


async def test_a_reset_sets_the_password_and_ends_every_other_session(
    session: AsyncSession,
) -> None:
    dee = await make_member(session)
    old = await sessions.create(session, dee.user_id)
    token = await service.request_reset(session, dee.email)
    assert token is not None
    done = await service.complete_reset(session, token, "my new password!")
    assert done.staff.user_id == dee.user_id
    assert await sessions.lookup(session, old) is None
    assert await sessions.lookup(session, done.token) is not None
    account = await session.get(StaffAccount, dee.user_id)
    assert account is not None and service.verify_password(
        account.password_hash, "my new password!"
    )


async def test_a_reset_link_works_once(session: AsyncSession) -> None:
    dee = await make_member(session)
    token = await service.request_reset(session, dee.email)
    assert token is not None
    await service.complete_reset(session, token, "my new password!")
    assert not await service.reset_link_valid(session, token)
    with pytest.raises(service.InvalidLink, match="expired or was already used"):
        await service.complete_reset(session, token, "another password!")


async def test_a_reset_link_expires(session: AsyncSession) -> None:
    dee = await make_member(session)
    token = await tokens.issue(session, tokens.RESET, dee.email, user_id=dee.user_id, now=LONG_AGO)
    assert await tokens.find(session, tokens.RESET, token, now=LONG_AGO) is not None
    assert not await service.reset_link_valid(session, token)
    with pytest.raises(service.InvalidLink):
        await service.complete_reset(session, token, "my new password!")


async def test_a_weak_password_leaves_the_link_usable(session: AsyncSession) -> None:
    dee = await make_member(session)
    token = await service.request_reset(session, dee.email)
    assert token is not None
    with pytest.raises(service.UserInputError, match="at least 10"):
        await service.complete_reset(session, token, "short")
    assert await service.reset_link_valid(session, token)


async def test_a_newer_link_replaces_the_older(session: AsyncSession) -> None:
    dee = await make_member(session)
    first = await service.request_reset(session, dee.email)
    second = await service.request_reset(session, dee.email)
    assert first is not None and second is not None
    assert not await service.reset_link_valid(session, first)
    assert await service.reset_link_valid(session, second)


async def test_a_link_for_one_purpose_does_not_serve_another(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    token = await service.invite(session, owner.as_staff(), "new@example.com", "author")
    assert not await service.reset_link_valid(session, token)


async def test_an_invitation_creates_the_account_with_its_role(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    token = await service.invite(session, owner.as_staff(), "New@Example.com", "editor")
    invitation = await service.invitation(session, token)
    assert invitation is not None and (invitation.email, invitation.role) == (
        "new@example.com",
        "editor",
    )
    row = await session.get(OneTimeToken, invitation.id)
    assert row is not None and row.expires_at - row.created_at == timedelta(days=7)
    done = await service.accept_invitation(
        session, token, name="Nell New", password="her own password"
    )
    assert (done.staff.name, done.staff.role, done.staff.email) == (
        "Nell New",
        "editor",
        "new@example.com",
    )


async def test_an_invitation_works_once(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    token = await service.invite(session, owner.as_staff(), "new@example.com", "author")
    await service.accept_invitation(session, token, name="Nell", password="her own password")
    assert await service.invitation(session, token) is None
    with pytest.raises(service.InvalidLink):
        await service.accept_invitation(session, token, name="Nell", password="her own password")


async def test_an_invitation_expires_after_a_week(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    token = await tokens.issue(
        session,
        tokens.INVITE,
        "new@example.com",
        role="author",
        invited_by=owner.user_id,
        now=LONG_AGO,
    )
    assert await tokens.find(session, tokens.INVITE, token, now=LONG_AGO + timedelta(days=6))
    assert not await tokens.find(session, tokens.INVITE, token, now=LONG_AGO + timedelta(days=7))
    with pytest.raises(service.InvalidLink):
        await service.accept_invitation(session, token, name="Nell", password="her own password")


@pytest.mark.parametrize(
    ("inviter", "role", "allowed"),
    [
        ("editor", "author", True),
        ("editor", "contributor", True),
        ("editor", "editor", False),
        ("editor", "administrator", False),
        ("administrator", "administrator", True),
        ("author", "contributor", False),
    ],
)
async def test_who_may_invite_as_what(
    session: AsyncSession, inviter: str, role: str, allowed: bool
) -> None:
    actor = await make_member(session, inviter)
    if allowed:
        assert await service.invite(session, actor.as_staff(), "n@example.com", role)
    else:
        with pytest.raises(service.PermissionDenied):
            await service.invite(session, actor.as_staff(), "n@example.com", role)


async def test_nobody_is_invited_as_owner(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    with pytest.raises(service.PermissionDenied, match="cannot invite someone as owner"):
        await service.invite(session, owner.as_staff(), "n@example.com", "owner")


async def test_staff_members_are_not_invited_again(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    dee = await make_member(session)
    with pytest.raises(service.UserInputError, match="already has a staff account"):
        await service.invite(session, owner.as_staff(), dee.email.upper(), "author")


async def test_accepting_needs_a_name_and_a_good_password(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    token = await service.invite(session, owner.as_staff(), "n@example.com", "author")
    with pytest.raises(service.UserInputError, match="a name is required"):
        await service.accept_invitation(session, token, name=" ", password="long enough pw")
    with pytest.raises(service.UserInputError, match="at least 10"):
        await service.accept_invitation(session, token, name="Nell", password="short")
    assert await service.invitation(session, token) is not None


async def test_pending_invitations_are_listed_and_can_be_withdrawn(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    token = await service.invite(session, owner.as_staff(), "n@example.com", "author")
    [pending] = await service.pending_invitations(session)
    assert (pending.email, pending.role) == ("n@example.com", "author")
    assert await service.revoke_invitation(session, owner.as_staff(), pending.id)
    assert await service.invitation(session, token) is None
