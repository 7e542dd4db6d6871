"""A commenter's privacy rights through the emailed links, end to end: asked for on
``/comments/privacy``, mailed through the real local SMTP server, opened and confirmed, on
SQLite and PostgreSQL. The links are signed, expire after a day, and do one thing each."""

from __future__ import annotations

import json
from datetime import timedelta
from email.message import EmailMessage

from sqlalchemy import select

from inkwell.comments import mail_tokens
from inkwell.comments.models import Comment
from inkwell.comments.privacy import DELETED_NAME
from inkwell.core.db import Database
from inkwell.core.time import utcnow
from tests.comments.mail_fixtures import link_in
from tests.comments.xss_pages import Posted, Target, find_comment, post_through_api

ADA = "ada@example.org"


async def ask(target: Target, email: str = ADA) -> int:
    """Ask for the privacy links on the page's form; the answer's status."""
    assert target.mail is not None
    answer = await target.http.post("/comments/privacy", data={"email": email})
    await target.mail.settle()
    return answer.status_code


async def mailed(target: Target, email: str = ADA) -> EmailMessage:
    """Ask for the links and return the one email that brought them."""
    assert await ask(target, email) == 200
    assert target.mail is not None
    [message] = [m for m in target.mail.mails_to(email) if m["Subject"].startswith("Your comments")]
    return message


async def write(target: Target, body: str, reply_to: Posted | None = None, **fields: str) -> Posted:
    fields.setdefault("email", ADA)
    posted = await post_through_api(
        target, body, fields.pop("name", "Ada"), reply_to=reply_to, **fields
    )
    assert posted is not None
    return posted


async def rows(database: Database) -> dict[str, Comment]:
    async with database.session() as session:
        found = (await session.execute(select(Comment))).scalars().all()
    return {row.id: row for row in found}


async def test_a_commenter_gets_a_link_to_download_everything_they_wrote(
    mail_target: Target,
) -> None:
    first = await write(mail_target, "My *first* thought.", website="https://ada.example")
    reply = await write(mail_target, "And a second.", reply_to=first)
    await write(mail_target, "Someone else's.", email="bob@example.org", name="Bob")
    export = link_in(await mailed(mail_target), "privacy/export")
    confirm = await mail_target.http.get(export)
    assert confirm.status_code == 200 and "Download the 2 comments" in confirm.text
    download = await mail_target.http.post(export)
    assert download.status_code == 200
    assert download.headers["content-disposition"] == 'attachment; filename="my-comments.json"'
    assert download.headers["cache-control"] == "no-store"
    data = json.loads(download.text)
    assert data["email"] == ADA
    exported = {c["id"]: c for c in data["comments"]}  # oldest first, to the second
    assert set(exported) == {first.id, reply.id}
    assert exported[first.id]["body"] == "My *first* thought."
    assert exported[first.id]["website"] == "https://ada.example"
    assert exported[reply.id]["parent_id"] == first.id


async def test_the_delete_link_empties_their_comments_and_keeps_replies_by_others(
    mail_target: Target, database: Database
) -> None:
    answered = await write(mail_target, "A question?", website="https://ada.example")
    alone = await write(mail_target, "A remark.")
    answer = await write(mail_target, "An answer.", answered, email="bob@example.org", name="Bob")
    delete = link_in(await mailed(mail_target), "privacy/delete")
    done = await mail_target.http.post(delete)
    assert done.status_code == 200 and "2 comments" in done.text
    stored = await rows(database)
    assert alone.id not in stored
    tombstone = stored[answered.id]
    assert (tombstone.status, tombstone.body, tombstone.html) == ("deleted", "", "")
    assert tombstone.author_name == DELETED_NAME
    assert (tombstone.author_email, tombstone.author_website, tombstone.address_hash) == (
        None,
        None,
        None,
    )
    assert stored[answer.id].status == "approved" and stored[answer.id].parent_id == answered.id
    thread = await mail_target.http.get("/api/comments", params={"post_id": mail_target.post.id})
    shown = find_comment(thread.json()["comments"], answered.id)
    assert [r["id"] for r in shown["replies"]] == [answer.id]
    assert ADA not in thread.text and "A question?" not in thread.text


async def test_opening_the_delete_link_only_asks(mail_target: Target, database: Database) -> None:
    posted = await write(mail_target, "Still here.")
    delete = link_in(await mailed(mail_target), "privacy/delete")
    page = await mail_target.http.get(delete)
    assert (
        page.status_code == 200 and "Delete the 1 comment written with a…@example.org" in page.text
    )
    assert (await rows(database))[posted.id].body == "Still here."


async def test_an_address_that_wrote_nothing_gets_the_same_answer_and_no_email(
    mail_target: Target,
) -> None:
    await write(mail_target, "Mine.")
    answer = await mail_target.http.post("/comments/privacy", data={"email": "eve@example.org"})
    assert answer.status_code == 200 and "Check your email" in answer.text
    assert mail_target.mail is not None
    await mail_target.mail.settle()
    assert mail_target.mail.mails_to("eve@example.org") == []


async def test_a_bad_address_is_refused_with_a_clear_message(mail_target: Target) -> None:
    answer = await mail_target.http.post("/comments/privacy", data={"email": "not an address"})
    assert answer.status_code == 400
    assert "is not an email address" in answer.text
    assert mail_target.mail is not None and mail_target.mail.mails_to("not an address") == []


async def test_asking_too_often_is_refused_with_a_time_to_wait(mail_target: Target) -> None:
    for _ in range(3):
        assert await ask(mail_target, "carol@example.org") == 200
    answer = await mail_target.http.post("/comments/privacy", data={"email": "carol@example.org"})
    assert answer.status_code == 429 and int(answer.headers["retry-after"]) > 0
    assert "Too many requests" in answer.text


async def test_a_tampered_link_is_refused_and_changes_nothing(
    mail_target: Target, database: Database
) -> None:
    posted = await write(mail_target, "Keep me.")
    delete = link_in(await mailed(mail_target), "privacy/delete")
    token = delete.rsplit("/", 1)[1]
    changed = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    answer = await mail_target.http.post(delete.replace(token, changed))
    assert answer.status_code == 400 and "Link not valid" in answer.text
    assert (await rows(database))[posted.id].body == "Keep me."


async def test_a_link_older_than_a_day_has_expired(mail_target: Target, database: Database) -> None:
    posted = await write(mail_target, "Keep me too.")
    async with database.session() as session:
        token = await mail_tokens.privacy_token(
            session, ADA, "delete", issued_at=utcnow() - timedelta(hours=25)
        )
        await session.commit()
    answer = await mail_target.http.post(f"/comments/privacy/delete/{token}")
    assert answer.status_code == 410 and "Link expired" in answer.text
    assert (await rows(database))[posted.id].body == "Keep me too."


async def test_an_export_link_cannot_delete(mail_target: Target, database: Database) -> None:
    posted = await write(mail_target, "Not deleted.")
    export = link_in(await mailed(mail_target), "privacy/export")
    answer = await mail_target.http.post(export.replace("/export/", "/delete/"))
    assert answer.status_code == 400
    assert (await rows(database))[posted.id].body == "Not deleted."


async def test_an_unsubscribe_link_is_no_privacy_link(
    mail_target: Target, database: Database
) -> None:
    await write(mail_target, "Mine alone.")
    async with database.session() as session:
        token = await mail_tokens.unsubscribe_token(session, ADA)
        await session.commit()
    answer = await mail_target.http.post(f"/comments/privacy/export/{token}")
    assert answer.status_code == 400 and "application/json" not in answer.headers["content-type"]
