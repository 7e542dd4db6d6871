"""The staff page: the list, invitations by mail, roles, disabling, ownership."""

from __future__ import annotations

from pathlib import Path

import pytest

from inkwell.settings import Settings
from tests.admin.conftest import SignIn, Staffer
from tests.conftest import LocalSMTPServer


@pytest.fixture
def settings(settings: Settings, smtp_server: LocalSMTPServer, tmp_path: Path) -> Settings:
    """Mail goes to a real local SMTP server."""
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp_server.port,
            "smtp_starttls": False,
            "outbox_dir": tmp_path / "outbox",
        }
    )


async def test_the_staff_page_lists_everyone(owner: Staffer, sign_in: SignIn) -> None:
    editor = await sign_in("editor", name="Eddie Editor")
    page = await owner.get("/admin/staff/")
    assert "Eddie Editor" in page.text
    assert editor.email in page.text


async def test_an_invitation_is_mailed_with_its_link(
    owner: Staffer, smtp_server: LocalSMTPServer
) -> None:
    answer = await owner.post("/admin/staff/invite", {"email": "new@example.com", "role": "author"})
    assert answer.headers["location"] == "/admin/staff/?done=invited"
    assert smtp_server.messages[-1]["To"] == "new@example.com"
    assert "/admin/invite/" in smtp_server.messages[-1].get_content()
    assert "new@example.com" in (await owner.get("/admin/staff/")).text


async def test_a_bad_email_is_named_next_to_the_field(owner: Staffer) -> None:
    answer = await owner.post("/admin/staff/invite", {"email": "not-an-email", "role": "author"})
    assert answer.status_code == 422
    assert '<p class="field-error" id="invite-email-error">' in answer.text


async def test_an_editor_may_invite_only_authors_and_contributors(sign_in: SignIn) -> None:
    editor = await sign_in("editor")
    page = await editor.get("/admin/staff/")
    invite_form = page.text.split('id="invite-role"')[1].split("</select>")[0]
    assert '"author"' in invite_form and '"contributor"' in invite_form
    assert '"administrator"' not in invite_form


async def test_the_owner_changes_a_role(owner: Staffer, sign_in: SignIn) -> None:
    author = await sign_in("author")
    answer = await owner.post(f"/admin/staff/{author.user_id}/role", {"role": "editor"})
    assert answer.status_code == 303
    assert (await author.get("/admin/tags/")).status_code == 200  # an editor's page now


async def test_a_disabled_member_is_signed_out(owner: Staffer, sign_in: SignIn) -> None:
    author = await sign_in("author")
    await owner.post(f"/admin/staff/{author.user_id}/disable")
    answer = await author.get("/admin/", headers={"accept": "text/html"})
    assert answer.status_code == 303


async def test_the_owner_cannot_be_disabled_by_an_administrator(
    owner: Staffer, sign_in: SignIn
) -> None:
    admin = await sign_in("administrator")
    answer = await admin.post(f"/admin/staff/{owner.user_id}/disable")
    assert answer.status_code == 422
    assert "owner cannot be disabled" in answer.text


async def test_ownership_goes_to_an_administrator(owner: Staffer, sign_in: SignIn) -> None:
    admin = await sign_in("administrator", name="Ada Admin")
    page = await owner.get("/admin/staff/")
    assert "Transfer ownership" in page.text
    await owner.post(f"/admin/staff/{admin.user_id}/transfer")
    assert "Transfer ownership" in (await admin.get("/admin/staff/")).text
    assert "Transfer ownership" not in (await owner.get("/admin/staff/")).text
