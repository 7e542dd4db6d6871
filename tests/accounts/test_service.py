"""Staff accounts: creation rules, passwords, the owner on first start."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service
from inkwell.settings import Settings


async def test_created_user_has_a_hashed_password(session: AsyncSession) -> None:
    user = await service.create_user(
        session, name="Dee", email="dee@example.com", password="correct horse"
    )
    account = await service.get_account(session, user.id)
    assert account is not None and "correct horse" not in account.password_hash
    assert service.verify_password(account.password_hash, "correct horse")
    assert not service.verify_password(account.password_hash, "wrong password")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "not-an-email"}, "is not an email address"),
        ({"password": "short"}, "at least 10 characters"),
        ({"role": "emperor"}, "unknown role"),
        ({"name": "  "}, "a name is required"),
    ],
)
async def test_bad_user_input_is_refused(
    session: AsyncSession, fields: dict[str, str], message: str
) -> None:
    data = {"name": "Dee", "email": "dee@example.com", "password": "long enough pw"} | fields
    with pytest.raises(service.UserInputError, match=message):
        await service.create_user(session, **data)


async def test_email_must_be_unique(session: AsyncSession) -> None:
    await service.create_user(session, name="A", email="a@example.com", password="0123456789")
    with pytest.raises(service.UserInputError, match="already exists"):
        await service.create_user(session, name="B", email="A@example.com", password="0123456789")


def test_verify_password_refuses_garbage_hashes() -> None:
    assert not service.verify_password("not-a-hash", "x")
    assert not service.verify_password(None, "x")


async def test_created_user_has_a_public_profile_and_the_role_asked(session: AsyncSession) -> None:
    user = await service.create_user(
        session, name="Dee Ng", email="dee@example.com", password="0123456789", role="editor"
    )
    account = await service.get_account(session, user.id)
    assert (user.slug, user.email) == ("dee-ng", "dee@example.com")
    assert account is not None and account.role == "editor"


async def test_there_is_no_owner_before_the_first_start(session: AsyncSession) -> None:
    assert await service.get_owner(session) is None
    assert await service.owner_id(session) is None


async def test_ensure_owner_creates_the_owner_with_the_password_it_shows(
    session: AsyncSession, settings: Settings
) -> None:
    lines = await service.ensure_owner(session, settings)
    owner = await service.get_owner(session)
    assert owner is not None and owner.email == settings.owner_email
    assert settings.owner_email in lines[0]
    account = await service.get_account(session, owner.id)
    password = lines[0].rsplit(": ", 1)[1]
    assert account is not None and service.verify_password(account.password_hash, password)
    assert await service.owner_id(session) == owner.id
    assert lines[-1] == f"Sign in at {settings.site_url}/admin/signin"


async def test_ensure_owner_does_nothing_when_there_is_an_owner(
    session: AsyncSession, settings: Settings
) -> None:
    await service.ensure_owner(session, settings)
    assert await service.ensure_owner(session, settings) == []
