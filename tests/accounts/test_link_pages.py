"""Password reset and invitations end to end: real mail through a local SMTP server."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fastapi import APIRouter, Form, Request
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts.web import StaffDep, invite_by_email
from inkwell.core.db import Database
from inkwell.core.deps import SessionDep
from tests.accounts.conftest import PASSWORD, MakeMember, WebFactory, form_token, sign_in
from tests.conftest import LocalSMTPServer

router = APIRouter()


@router.post("/admin/t/invite")
async def invite(
    request: Request, staff: StaffDep, session: SessionDep, email: str = Form(), role: str = Form()
) -> dict[str, str | None]:
    return {"notice": await invite_by_email(request, session, staff, email, role)}


@pytest.fixture
async def mailing(make_web: WebFactory, smtp_server: LocalSMTPServer) -> AsyncIterator[AsyncClient]:
    """An app whose mail goes to the local SMTP server."""
    async with make_web(
        router=router, smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_starttls=False
    ) as http:
        yield http


def link_in(smtp_server: LocalSMTPServer, kind: str) -> str:
    [message] = smtp_server.messages
    found = re.search(rf"http://blog\.test(/admin/{kind}/\S+)", message.get_content())
    assert found, message.get_content()
    return found.group(1)


async def ask_reset(http: AsyncClient, email: str) -> str:
    page = await http.get("/admin/reset")
    answer = await http.post("/admin/reset", data={"email": email, "csrf_token": form_token(page)})
    assert answer.status_code == 200
    return answer.text


async def test_a_reset_link_arrives_by_mail_and_sets_the_password(
    mailing: AsyncClient, smtp_server: LocalSMTPServer, member: MakeMember, make_web: WebFactory
) -> None:
    dee = await member()
    async with make_web() as other_browser:
        assert (await sign_in(other_browser, dee.email)).status_code == 303
        text = await ask_reset(mailing, dee.email)
        assert "a link to choose a new password is on its way" in text
        [message] = smtp_server.messages
        assert message["To"] == dee.email and message["Subject"] == "Reset your password on Inkwell"
        path = link_in(smtp_server, "reset")
        form = await mailing.get(path)
        assert '<label for="password">New password</label>' in form.text
        done = await mailing.post(
            path, data={"password": "a fresh password", "csrf_token": form_token(form)}
        )
        assert (done.status_code, done.headers["location"]) == (303, "/admin/")
        assert "inkwell_session=" in done.headers["set-cookie"]
        # Every other browser was signed out.
        again = await other_browser.get("/admin/signin")
        assert again.status_code == 200
    async with make_web() as third_browser:
        assert (await sign_in(third_browser, dee.email, PASSWORD)).status_code == 401
        assert (await sign_in(third_browser, dee.email, "a fresh password")).status_code == 303


async def test_a_used_reset_link_says_it_expired(
    mailing: AsyncClient, smtp_server: LocalSMTPServer, member: MakeMember
) -> None:
    dee = await member()
    await ask_reset(mailing, dee.email)
    path = link_in(smtp_server, "reset")
    form = await mailing.get(path)
    await mailing.post(path, data={"password": "a fresh password", "csrf_token": form_token(form)})
    reused = await mailing.get(path)
    assert reused.status_code == 410
    assert "expired or was already used" in reused.text
    token = form_token(await mailing.get("/admin/reset"))
    posted = await mailing.post(path, data={"password": "another password", "csrf_token": token})
    assert posted.status_code == 410


async def test_an_unknown_email_gets_the_same_answer_and_no_mail(
    mailing: AsyncClient, smtp_server: LocalSMTPServer, member: MakeMember
) -> None:
    dee = await member()
    known = await ask_reset(mailing, dee.email)
    unknown = await ask_reset(mailing, "nobody@example.com")
    assert known.replace(dee.email, "EMAIL") == unknown.replace("nobody@example.com", "EMAIL")
    assert len(smtp_server.messages) == 1


async def test_a_too_short_new_password_is_said_next_to_the_field(
    mailing: AsyncClient, smtp_server: LocalSMTPServer, member: MakeMember
) -> None:
    dee = await member()
    await ask_reset(mailing, dee.email)
    path = link_in(smtp_server, "reset")
    form = await mailing.get(path)
    answer = await mailing.post(path, data={"password": "short", "csrf_token": form_token(form)})
    assert answer.status_code == 400
    assert 'class="field-error" id="password-error"' in answer.text
    assert "at least 10 characters" in answer.text


async def test_without_a_mail_server_the_page_says_where_mail_went(
    web: AsyncClient, member: MakeMember, tmp_path: Path
) -> None:
    dee = await member()
    text = await ask_reset(web, dee.email)
    assert "No mail server is set up: messages are written to" in text
    [written] = list((tmp_path / "outbox").iterdir())
    assert "/admin/reset/" in written.read_text()


async def test_an_invitation_arrives_by_mail_and_creates_the_account(
    mailing: AsyncClient, smtp_server: LocalSMTPServer, member: MakeMember, make_web: WebFactory
) -> None:
    owner = await member("owner", name="Olu Owner")
    token = await signed_in_token(mailing, owner.email)
    sent = await mailing.post(
        "/admin/t/invite",
        data={"email": "nell@example.com", "role": "editor"},
        headers={"X-CSRF-Token": token},
    )
    assert sent.status_code == 200 and sent.json() == {"notice": None}
    [message] = smtp_server.messages
    assert message["To"] == "nell@example.com"
    assert message["Subject"] == "Olu Owner invited you to write on Inkwell"
    path = link_in(smtp_server, "invite")
    async with make_web() as newcomer:
        page = await newcomer.get(path)
        assert "nell@example.com" in page.text and "editor" in page.text
        done = await newcomer.post(
            path,
            data={"name": "Nell", "password": "nells password", "csrf_token": form_token(page)},
        )
        assert (done.status_code, done.headers["location"]) == (303, "/admin/")
        reused = await newcomer.get(path)
        assert reused.status_code == 410
    async with make_web() as later:
        assert (await sign_in(later, "nell@example.com", "nells password")).status_code == 303


async def test_an_invitation_to_a_role_one_may_not_give_is_refused(
    mailing: AsyncClient, smtp_server: LocalSMTPServer, member: MakeMember
) -> None:
    editor = await member("editor")
    token = await signed_in_token(mailing, editor.email)
    refused = await mailing.post(
        "/admin/t/invite",
        data={"email": "nell@example.com", "role": "administrator"},
        headers={"X-CSRF-Token": token},
    )
    assert refused.status_code == 403
    assert refused.json() == {"error": "An editor cannot invite someone as administrator."}
    assert smtp_server.messages == []


async def test_a_bad_name_on_acceptance_keeps_the_invitation(
    mailing: AsyncClient,
    smtp_server: LocalSMTPServer,
    member: MakeMember,
    database: Database,
    make_web: WebFactory,
) -> None:
    owner = await member("owner")
    token = await signed_in_token(mailing, owner.email)
    await mailing.post(
        "/admin/t/invite",
        data={"email": "nell@example.com", "role": "author"},
        headers={"X-CSRF-Token": token},
    )
    path = link_in(smtp_server, "invite")
    async with make_web() as newcomer:
        page = await newcomer.get(path)
        answer = await newcomer.post(
            path, data={"name": "  ", "password": "nells password", "csrf_token": form_token(page)}
        )
        assert answer.status_code == 400
        assert 'id="name-error"' in answer.text and "A name is required." in answer.text
        assert (await newcomer.get(path)).status_code == 200
    async with database.session() as session:
        assert await _staff_emails(session) == [owner.email]


async def signed_in_token(http: AsyncClient, email: str) -> str:
    assert (await sign_in(http, email)).status_code == 303
    page = await http.get("/admin/reset")  # any accounts page shows the session's token
    return form_token(page)


async def _staff_emails(session: AsyncSession) -> list[str]:
    from inkwell.accounts import service

    return [m.email for m in await service.list_staff(session)]
