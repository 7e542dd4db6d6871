"""Comment notification emails end to end: posted through comments.service, sent by the real
job runner through the real local SMTP server, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from inkwell.comments import service
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.comments.conftest import guest, submit
from tests.comments.mail_fixtures import (
    AUTHOR,
    SITE,
    MailSite,
    html_of,
    link_in,
    text_of,
    unsubscribe_path,
)

Configure = Callable[..., Awaitable[service.CommentSettings]]


async def post_as(database: Database, post: Post, body: str, **fields: object) -> service.Posted:
    """Post a comment in its own committed transaction, as a request would."""
    async with database.session() as session:
        return await submit(session, post, body, **fields)


async def test_a_new_comment_mails_the_post_author_with_a_link_to_it(
    mail_site: MailSite, database: Database, post: Post, open_rules: None
) -> None:
    posted = await post_as(database, post, "What a *fine* post.", commenter=guest("Grace"))
    await mail_site.settle()
    [message] = mail_site.mails_to(AUTHOR)
    assert message["Subject"] == f"New comment on “{post.title}”"
    text = text_of(message)
    assert "Grace commented on" in text and "What a *fine* post." in text
    assert f"#comment-{posted.comment.id}" in text
    assert "<em>fine</em>" in html_of(message)
    assert message["Auto-Submitted"] == "auto-generated"


async def test_every_notification_offers_one_click_unsubscribe(
    mail_site: MailSite, database: Database, post: Post, open_rules: None
) -> None:
    await post_as(database, post, "Hello there.")
    await mail_site.settle()
    [message] = mail_site.mails_to(AUTHOR)
    path = unsubscribe_path(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{SITE}{path}" in text_of(message) and f"{SITE}{path}" in html_of(message)


async def test_a_held_comment_mails_signed_approve_and_delete_links(
    mail_site: MailSite, database: Database, post: Post, configure: Configure
) -> None:
    await configure(moderation="all", min_submit_seconds=0)
    posted = await post_as(database, post, "Please hold me.")
    assert posted.status == "pending"
    await mail_site.settle()
    [message] = mail_site.mails_to(AUTHOR)
    assert message["Subject"] == f"A comment on “{post.title}” waits for approval"
    approve, delete = link_in(message, "moderate"), text_of(message).split("Delete: ")[1].split()[0]
    assert approve != delete and delete.startswith(f"{SITE}/comments/moderate/")
    assert "Readers will not see this comment until it is approved" in html_of(message)


async def test_spam_mails_no_one(
    mail_site: MailSite, database: Database, post: Post, open_rules: None
) -> None:
    posted = await post_as(database, post, "Buy now.", honeypot="http://spam.test")
    assert posted.status == "spam"
    await mail_site.settle()
    assert mail_site.smtp.messages == []


async def test_no_author_mail_when_the_owner_turned_it_off(
    mail_site: MailSite, database: Database, post: Post, configure: Configure
) -> None:
    await configure(moderation="none", min_submit_seconds=0, notify_authors=False)
    await post_as(database, post, "Quietly now.")
    await mail_site.settle()
    assert mail_site.smtp.messages == []


async def test_the_author_is_not_told_of_their_own_comment(
    mail_site: MailSite, database: Database, post: Post, open_rules: None
) -> None:
    await post_as(database, post, "Thanks for reading.", commenter=guest("Me", email=AUTHOR))
    await mail_site.settle()
    assert mail_site.smtp.messages == []


async def test_an_approved_reply_mails_the_parent_writer_who_asked(
    mail_site: MailSite, database: Database, post: Post, open_rules: None
) -> None:
    parent = await post_as(
        database,
        post,
        "First!",
        commenter=guest("Ada", email="ada@example.org"),
        notify_replies=True,
    )
    reply = await post_as(
        database, post, "Second, *gladly*.", commenter=guest("Bob"), parent_id=parent.comment.id
    )
    await mail_site.settle()
    [message] = mail_site.mails_to("ada@example.org")
    assert message["Subject"] == f"Bob replied to your comment on “{post.title}”"
    assert f"#comment-{reply.comment.id}" in text_of(message)
    assert "> First!" in text_of(message)
    assert "<em>gladly</em>" in html_of(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


async def test_no_reply_mail_to_a_writer_who_did_not_ask(
    mail_site: MailSite, database: Database, post: Post, open_rules: None
) -> None:
    parent = await post_as(
        database, post, "First!", commenter=guest("Ada", email="ada@example.org")
    )
    await post_as(database, post, "Second.", commenter=guest("Bob"), parent_id=parent.comment.id)
    await mail_site.settle()
    assert mail_site.mails_to("ada@example.org") == []


async def test_no_reply_mail_to_the_replys_own_writer(
    mail_site: MailSite, database: Database, post: Post, open_rules: None
) -> None:
    ada = guest("Ada", email="ada@example.org")
    parent = await post_as(database, post, "First!", commenter=ada, notify_replies=True)
    await post_as(
        database,
        post,
        "And a correction.",
        commenter=guest("Ada", email="ADA@example.org"),
        parent_id=parent.comment.id,
    )
    await mail_site.settle()
    assert mail_site.mails_to("ada@example.org") == []


async def test_a_held_reply_mails_once_it_is_approved_and_only_once(
    mail_site: MailSite, database: Database, post: Post, configure: Configure
) -> None:
    await configure(moderation="all", min_submit_seconds=0)
    ada = guest("Ada", email="ada@example.org")
    parent = await post_as(database, post, "First!", commenter=ada, notify_replies=True)
    async with database.session() as session:
        await service.approve(session, [parent.comment.id])
    reply = await post_as(database, post, "A held answer.", parent_id=parent.comment.id)
    await mail_site.settle()
    assert mail_site.mails_to("ada@example.org") == []
    for _ in range(2):  # approving again changes nothing and mails no one
        async with database.session() as session:
            await service.approve(session, [reply.comment.id])
        await mail_site.settle()
    [message] = mail_site.mails_to("ada@example.org")
    assert "A held answer." in text_of(message)


async def test_a_held_reply_deleted_as_spam_mails_no_reader(
    mail_site: MailSite, database: Database, post: Post, configure: Configure
) -> None:
    await configure(moderation="all", min_submit_seconds=0)
    ada = guest("Ada", email="ada@example.org")
    parent = await post_as(database, post, "First!", commenter=ada, notify_replies=True)
    async with database.session() as session:
        await service.approve(session, [parent.comment.id])
    reply = await post_as(database, post, "Cheap pills.", parent_id=parent.comment.id)
    async with database.session() as session:
        await service.mark_spam(session, [reply.comment.id])
    await mail_site.settle()
    assert mail_site.mails_to("ada@example.org") == []


async def test_a_post_with_two_authors_mails_each_once(
    mail_site: MailSite, database: Database, open_rules: None
) -> None:
    from inkwell.content.service import AuthorRef
    from tests.factories import make_post

    async with database.session() as session:
        shared = await make_post(
            session,
            authors=[
                AuthorRef(name="One", email="one@example.com"),
                AuthorRef(name="Two", email="two@example.com"),
            ],
        )
    await post_as(database, shared, "For you both.")
    await mail_site.settle()
    assert [len(mail_site.mails_to(a)) for a in ("one@example.com", "two@example.com")] == [1, 1]
