"""Staff management: the list, roles, one owner, ownership transfer, disabling, passwords."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service, sessions
from inkwell.accounts.models import StaffAccount
from inkwell.content import service as content
from tests.accounts.conftest import make_member


async def role_of(session: AsyncSession, user_id: str) -> str:
    account = await session.get(StaffAccount, user_id)
    assert account is not None
    return account.role


async def test_the_list_shows_the_most_powerful_first(session: AsyncSession) -> None:
    await make_member(session, "contributor", name="Cy")
    await make_member(session, "owner", name="Olu")
    await make_member(session, "editor", name="Bea")
    await make_member(session, "editor", name="Ada")
    listed = await service.list_staff(session)
    assert [(m.name, m.role) for m in listed] == [
        ("Olu", "owner"),
        ("Ada", "editor"),
        ("Bea", "editor"),
        ("Cy", "contributor"),
    ]
    assert not any(m.disabled for m in listed)


async def test_an_administrator_changes_roles(session: AsyncSession) -> None:
    admin = await make_member(session, "administrator")
    dee = await make_member(session, "author")
    await service.change_role(session, admin.as_staff(), dee.user_id, "editor")
    assert await role_of(session, dee.user_id) == "editor"


async def test_an_editor_cannot_change_roles(session: AsyncSession) -> None:
    editor = await make_member(session, "editor")
    dee = await make_member(session, "author")
    with pytest.raises(service.PermissionDenied, match="an editor cannot manage staff"):
        await service.change_role(session, editor.as_staff(), dee.user_id, "editor")


async def test_nobody_is_made_owner_by_a_role_change(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    admin = await make_member(session, "administrator")
    with pytest.raises(service.UserInputError, match="ownership is transferred"):
        await service.change_role(session, owner.as_staff(), admin.user_id, "owner")


async def test_the_owners_role_does_not_change(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    admin = await make_member(session, "administrator")
    with pytest.raises(service.UserInputError, match="the owner transfers ownership"):
        await service.change_role(session, admin.as_staff(), owner.user_id, "editor")


async def test_an_unknown_role_is_refused(session: AsyncSession) -> None:
    admin = await make_member(session, "administrator")
    dee = await make_member(session, "author")
    with pytest.raises(service.UserInputError, match="unknown role 'boss'"):
        await service.change_role(session, admin.as_staff(), dee.user_id, "boss")


async def test_the_owner_transfers_ownership_and_becomes_an_administrator(
    session: AsyncSession,
) -> None:
    owner = await make_member(session, "owner")
    admin = await make_member(session, "administrator")
    await service.transfer_ownership(session, owner.as_staff(), admin.user_id)
    assert await role_of(session, admin.user_id) == "owner"
    assert await role_of(session, owner.user_id) == "administrator"
    assert await service.owner_id(session) == admin.user_id


async def test_only_the_owner_transfers_ownership(session: AsyncSession) -> None:
    await make_member(session, "owner")
    admin = await make_member(session, "administrator")
    other = await make_member(session, "administrator")
    with pytest.raises(service.PermissionDenied, match="cannot transfer ownership"):
        await service.transfer_ownership(session, admin.as_staff(), other.user_id)


async def test_ownership_goes_to_an_administrator(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    editor = await make_member(session, "editor")
    with pytest.raises(service.UserInputError, match="goes to an administrator"):
        await service.transfer_ownership(session, owner.as_staff(), editor.user_id)
    assert await role_of(session, owner.user_id) == "owner"


async def test_there_is_never_a_second_owner(session: AsyncSession) -> None:
    await make_member(session, "owner")
    with pytest.raises(service.UserInputError, match="there is already an owner"):
        await make_member(session, "owner")


async def test_disabling_ends_every_session(session: AsyncSession) -> None:
    admin = await make_member(session, "administrator")
    dee = await make_member(session)
    token = await sessions.create(session, dee.user_id)
    await service.set_disabled(session, admin.as_staff(), dee.user_id, disabled=True)
    assert await sessions.lookup(session, token) is None
    [listed] = [m for m in await service.list_staff(session) if m.user_id == dee.user_id]
    assert listed.disabled


async def test_an_enabled_account_signs_in_again(session: AsyncSession) -> None:
    dee = await make_member(session)
    await service.set_disabled(session, None, dee.user_id, disabled=True)
    await service.set_disabled(session, None, dee.user_id, disabled=False)
    done = await service.sign_in(session, dee.email, dee.password)
    assert done.staff.user_id == dee.user_id


async def test_the_owner_cannot_be_disabled(session: AsyncSession) -> None:
    owner = await make_member(session, "owner")
    admin = await make_member(session, "administrator")
    with pytest.raises(service.UserInputError, match="the owner cannot be disabled"):
        await service.set_disabled(session, admin.as_staff(), owner.user_id, disabled=True)
    with pytest.raises(service.UserInputError, match="the owner cannot be disabled"):
        await service.set_disabled(session, None, owner.user_id, disabled=True)


async def test_nobody_disables_themselves(session: AsyncSession) -> None:
    admin = await make_member(session, "administrator")
    with pytest.raises(service.UserInputError, match="your own account"):
        await service.set_disabled(session, admin.as_staff(), admin.user_id, disabled=True)


async def test_a_new_password_ends_the_sessions(session: AsyncSession) -> None:
    dee = await make_member(session)
    token = await sessions.create(session, dee.user_id)
    await service.set_password(session, dee.user_id, "a brand new password")
    assert await sessions.lookup(session, token) is None
    done = await service.sign_in(session, dee.email, "a brand new password")
    assert done.staff.user_id == dee.user_id


async def test_a_weak_new_password_is_refused(session: AsyncSession) -> None:
    dee = await make_member(session)
    with pytest.raises(service.UserInputError, match="at least 10 characters"):
        await service.set_password(session, dee.user_id, "short")


async def test_changing_ones_own_password_keeps_this_session(session: AsyncSession) -> None:
    dee = await make_member(session)
    here = await service.sign_in(session, dee.email, dee.password)
    elsewhere = await sessions.create(session, dee.user_id)
    with pytest.raises(service.UserInputError, match="current password is not right"):
        await service.change_own_password(
            session, here.staff, "wrong", "another password!", session_id=here.staff.session_id
        )
    await service.change_own_password(
        session, here.staff, dee.password, "another password!", session_id=here.staff.session_id
    )
    assert await sessions.lookup(session, here.token) is not None
    assert await sessions.lookup(session, elsewhere) is None


async def test_an_imported_author_becomes_staff_with_their_profile(session: AsyncSession) -> None:
    profile = await content.create_author_profile(session, name="Old Author", email="old@ex.com")
    user = await service.create_user(
        session, name="Old Author", email="OLD@ex.com", password="0123456789"
    )
    assert user.id == profile.id
    assert await role_of(session, user.id) == "author"


async def test_the_account_of_an_unknown_email_is_a_clear_error(session: AsyncSession) -> None:
    with pytest.raises(service.UserInputError, match=r"no staff user has the email x@y\.z"):
        await service.account_by_email(session, "x@y.z")
