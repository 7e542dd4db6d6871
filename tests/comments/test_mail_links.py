"""Following the links in comment emails, end to end through the real local SMTP server on
SQLite and PostgreSQL: the author's signed approve and delete links act once (a GET only asks),
a reply mails its parent's writer only once approved (by the author's link too), and the
one-click unsubscribe POST stops the mail."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from inkwell.comments import service
from inkwell.comments.models import Comment
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.comments.conftest import guest, submit
from tests.comments.mail_fixtures import (
    AUTHOR,
    SITE,
    MailSite,
    text_of,
    unsubscribe_path,
)

Configure = Callable[..., Awaitable[service.CommentSettings]]
ADA = "ada@example.org"


@pytest.fixture
async def hold_all(configure: Configure) -> None:
    """Every comment waits for moderation; no minimum time to submit."""
    await configure(moderation="all", min_submit_seconds=0)


async def post_as(database: Database, post: Post, body: str, **fields: object) -> service.Posted:
    async with database.session() as session:
        return await submit(session, post, body, **fields)


async def status_of(database: Database, comment_id: str) -> str | None:
    async with database.session() as session:
        query = select(Comment.status).where(Comment.id == comment_id)
        return (await session.execute(query)).scalar_one_or_none()


def links(message: EmailMessage) -> dict[str, str]:
    """The approve and delete links of a held-comment email, as site paths."""
    text = text_of(message)
    found: dict[str, str] = {}
    for label in ("Approve", "Delete"):
        url = text.split(f"{label}: ")[1].split()[0]
        assert url.startswith(f"{SITE}/comments/moderate/"), text
        found[label.lower()] = url.removeprefix(SITE)
    return found


async def held_mail(
    mail_site: MailSite, database: Database, post: Post
) -> tuple[str, dict[str, str]]:
    """A held comment and the links of the email its post's author got about it."""
    posted = await post_as(database, post, "Please let me in.")
    await mail_site.settle()
    [message] = mail_site.mails_to(AUTHOR)
    return posted.comment.id, links(message)


@pytest.mark.usefixtures("hold_all")
async def test_opening_the_approve_link_only_asks(
    mail_site: MailSite, database: Database, post: Post
) -> None:
    comment_id, found = await held_mail(mail_site, database, post)
    page = await mail_site.http.get(found["approve"])
    assert page.status_code == 200
    assert "Approve this comment?" in page.text and "Please let me in." in page.text
    assert await status_of(database, comment_id) == "pending"


@pytest.mark.usefixtures("hold_all")
async def test_the_approve_link_approves_once(
    mail_site: MailSite, database: Database, post: Post
) -> None:
    comment_id, found = await held_mail(mail_site, database, post)
    first = await mail_site.http.post(found["approve"])
    assert (first.status_code, "Comment approved" in first.text) == (200, True)
    assert await status_of(database, comment_id) == "approved"
    again = await mail_site.http.post(found["approve"])
    assert "This comment is already approved." in again.text


@pytest.mark.usefixtures("hold_all")
async def test_the_delete_link_deletes_once(
    mail_site: MailSite, database: Database, post: Post
) -> None:
    comment_id, found = await held_mail(mail_site, database, post)
    first = await mail_site.http.post(found["delete"])
    assert (first.status_code, "The comment is deleted." in first.text) == (200, True)
    assert await status_of(database, comment_id) is None
    again = await mail_site.http.post(found["delete"])
    assert (again.status_code, "This comment was deleted." in again.text) == (404, True)


@pytest.mark.usefixtures("hold_all")
async def test_a_tampered_link_is_refused_and_changes_nothing(
    mail_site: MailSite, database: Database, post: Post
) -> None:
    comment_id, found = await held_mail(mail_site, database, post)
    forged = found["approve"][:-3] + ("AAA" if not found["approve"].endswith("AAA") else "BBB")
    answer = await mail_site.http.post(forged)
    assert (answer.status_code, "Link not valid" in answer.text) == (400, True)
    assert await status_of(database, comment_id) == "pending"


@pytest.mark.usefixtures("hold_all")
async def test_a_reply_approved_by_the_authors_link_then_mails_the_parents_writer(
    mail_site: MailSite, database: Database, post: Post
) -> None:
    parent = await post_as(
        database, post, "First!", commenter=guest("Ada", email=ADA), notify_replies=True
    )
    async with database.session() as session:
        await service.approve(session, [parent.comment.id])
    await post_as(database, post, "An answer.", parent_id=parent.comment.id)
    await mail_site.settle()
    assert mail_site.mails_to(ADA) == []
    *_, about_reply = mail_site.mails_to(AUTHOR)
    await mail_site.http.post(links(about_reply)["approve"])
    await mail_site.settle()
    [message] = mail_site.mails_to(ADA)
    assert "An answer." in text_of(message)


async def reply_mail(mail_site: MailSite, database: Database, post: Post) -> tuple[str, str]:
    """Ada's comment (asking for replies) and a reply to it: the comment's id and the path of
    the unsubscribe link in the email Ada got."""
    parent = await post_as(
        database, post, "First!", commenter=guest("Ada", email=ADA), notify_replies=True
    )
    await post_as(database, post, "Reply one.", parent_id=parent.comment.id)
    await mail_site.settle()
    [message] = mail_site.mails_to(ADA)
    return parent.comment.id, unsubscribe_path(message)


@pytest.mark.usefixtures("open_rules")
async def test_the_one_click_unsubscribe_post_stops_reply_mail(
    mail_site: MailSite, database: Database, post: Post
) -> None:
    parent_id, path = await reply_mail(mail_site, database, post)
    answer = await mail_site.http.post(path, data={"List-Unsubscribe": "One-Click"})
    assert (answer.status_code, "Unsubscribed" in answer.text) == (200, True)
    await post_as(database, post, "Reply two.", parent_id=parent_id)
    await mail_site.settle()
    assert len(mail_site.mails_to(ADA)) == 1


@pytest.mark.usefixtures("open_rules")
async def test_opening_the_unsubscribe_link_only_asks(
    mail_site: MailSite, database: Database, post: Post
) -> None:
    parent_id, path = await reply_mail(mail_site, database, post)
    page = await mail_site.http.get(path)
    assert "Unsubscribe from comment emails?" in page.text
    await post_as(database, post, "Reply two.", parent_id=parent_id)
    await mail_site.settle()
    assert len(mail_site.mails_to(ADA)) == 2


@pytest.mark.usefixtures("open_rules")
async def test_subscribing_again_brings_the_mail_back(
    mail_site: MailSite, database: Database, post: Post
) -> None:
    parent_id, path = await reply_mail(mail_site, database, post)
    await mail_site.http.post(path, data={"List-Unsubscribe": "One-Click"})
    answer = await mail_site.http.post(f"{path}/undo")
    assert "Subscribed again" in answer.text
    await post_as(database, post, "Reply two.", parent_id=parent_id)
    await mail_site.settle()
    assert len(mail_site.mails_to(ADA)) == 2
