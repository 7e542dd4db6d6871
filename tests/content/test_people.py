"""Users: creation rules and passwords."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import people


async def test_created_user_has_a_hashed_password(session: AsyncSession) -> None:
    user = await people.create_user(
        session, name="Dee", email="dee@example.com", password="correct horse"
    )
    assert user.password_hash and "correct horse" not in user.password_hash
    assert people.verify_password(user.password_hash, "correct horse")
    assert not people.verify_password(user.password_hash, "wrong password")


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
    with pytest.raises(people.UserInputError, match=message):
        await people.create_user(session, **data)


async def test_email_must_be_unique(session: AsyncSession) -> None:
    await people.create_user(session, name="A", email="a@example.com", password="0123456789")
    with pytest.raises(people.UserInputError, match="already exists"):
        await people.create_user(session, name="B", email="A@example.com", password="0123456789")


def test_verify_password_refuses_garbage_hashes() -> None:
    assert not people.verify_password("not-a-hash", "x")
    assert not people.verify_password(None, "x")
