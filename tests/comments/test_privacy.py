"""What comments keep about people, checked against what the privacy page promises: client
addresses only as salted hashes, no email address shown, no cookie for reading, avatars drawn
here, secret link tokens kept out of the access log, and a deleted reader account's comments
anonymised with the replies under them kept (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import logging
import re

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select

from inkwell.accounts import reader_sessions
from inkwell.accounts import service as accounts
from inkwell.accounts.readers import Identity, sign_up_or_in
from inkwell.analytics.privacy_policy import PolicyFacts, policy_markdown
from inkwell.comments import service
from inkwell.comments.models import Comment
from inkwell.core import access_log
from inkwell.core.db import Base, Database
from inkwell.core.ratelimit import RateLimitHit, key_hash
from tests.comments.mail_fixtures import SITE, link_in, text_of, unsubscribe_path
from tests.comments.xss_pages import Posted, Target, find_comment, post_through_api

ADDRESS = "198.51.100.23"  # the client the requests in these tests come from


def privacy_page_section(title: str) -> str:
    """The section ``title`` of the privacy policy a new site gets (default settings)."""
    page = policy_markdown(PolicyFacts(site_title="A blog"))
    found = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", page, re.DOTALL | re.MULTILINE)
    assert found, title
    return " ".join(found.group(1).split())


def said(claim: str, section: str = "Comments") -> None:
    """The privacy page's ``section`` makes ``claim`` (whitespace aside)."""
    assert " ".join(claim.split()) in privacy_page_section(section)


def from_address(target: Target) -> AsyncClient:
    """A client on ``target``'s app whose requests come from ``ADDRESS``."""
    assert target.app is not None
    transport = ASGITransport(app=target.app, client=(ADDRESS, 40_000))
    return AsyncClient(transport=transport, base_url=SITE)


async def traces(database: Database, address: str) -> list[str]:
    """Every column of every table that holds ``address``, or a digest of it that anyone
    could compute without this site's secret (plain SHA-256, MD5, SHA-1, or a rate limit's
    key digest in any bucket)."""
    async with database.session() as session:
        buckets = set((await session.execute(select(RateLimitHit.bucket))).scalars())
        digests = {hashlib.new(n, address.encode()).hexdigest() for n in ("sha256", "md5", "sha1")}
        digests |= {key_hash(bucket, address) for bucket in buckets}
        found = []
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).mappings():
                for column, value in row.items():
                    text = str(value)
                    if address in text or any(d in text for d in digests):
                        found.append(f"{table.name}.{column}")
    return sorted(set(found))


async def test_a_comment_keeps_the_client_address_only_as_a_salted_hash(
    mail_target: Target, database: Database
) -> None:
    said(
        "Your network address is not stored as such: "
        "only a code made from it with this site's secret is kept"
    )
    async with from_address(mail_target) as http:
        mail_target.http = http
        posted = await post_through_api(mail_target, "Hello from a café.", "Ada")
    assert posted is not None
    async with database.session() as session:
        row = await session.get(Comment, posted.id)
    assert row is not None and row.address_hash is not None
    assert await traces(database, ADDRESS) == []


async def test_asking_for_the_privacy_links_keeps_the_address_only_as_a_salted_hash(
    mail_target: Target, database: Database
) -> None:
    async with from_address(mail_target) as http:
        answer = await http.post("/comments/privacy", data={"email": "ada@example.org"})
    assert answer.status_code == 200
    async with database.session() as session:
        assert (await session.execute(select(RateLimitHit))).first() is not None
    assert await traces(database, ADDRESS) == []
    assert await traces(database, "ada@example.org") == []  # asked about, never written here


async def test_no_email_address_is_shown_on_the_page_or_in_the_api(mail_target: Target) -> None:
    said("Your email address is never shown to other readers")
    posted = await post_through_api(mail_target, "Mail me replies.", "Ada", email="ada@example.org")
    assert posted is not None
    page = await mail_target.http.get(mail_target.path)
    thread = await mail_target.http.get("/api/comments", params={"post_id": mail_target.post.id})
    assert posted.id in page.text and posted.id in thread.text
    assert "ada@example.org" not in page.text and "ada@example.org" not in thread.text


async def test_reading_and_commenting_as_a_guest_set_no_cookie(mail_target: Target) -> None:
    said("Signing in sets one cookie, your session, and only once you sign in")
    answers = [
        await mail_target.http.get(mail_target.path),
        await mail_target.http.get("/api/comments", params={"post_id": mail_target.post.id}),
        await mail_target.http.post(
            "/api/comments",
            json={"post_id": mail_target.post.id, "body": "Hi.", "name": "Ada"},
        ),
    ]
    assert [a.status_code for a in answers] == [200, 200, 201]
    assert [a.headers.get_list("set-cookie") for a in answers] == [[], [], []]


async def test_avatars_are_drawn_here_while_gravatar_is_off(mail_target: Target) -> None:
    said("Commenters' pictures are drawn by this site; no other service is asked for them")
    assert service.CommentSettings().gravatar is False
    posted = await post_through_api(mail_target, "Hello.", "Ada", email="ada@example.org")
    assert posted is not None
    avatar = posted.json["author"]["avatar"]
    assert avatar.startswith("/avatars/identicon/")
    assert (await mail_target.http.get(avatar)).headers["content-type"] == "image/svg+xml"


async def test_the_privacy_page_links_to_the_form_that_sends_the_links(
    mail_target: Target,
) -> None:
    said("On [your comments' page](/comments/privacy) you can ask for an emailed link", "Your data")
    form = await mail_target.http.get("/comments/privacy")
    assert form.status_code == 200
    assert re.search(r'<form[^>]*method="post"', form.text) and 'name="email"' in form.text


async def test_secret_link_tokens_never_reach_the_access_log(
    mail_target: Target, caplog: pytest.LogCaptureFixture
) -> None:
    posted = await post_through_api(mail_target, "A note.", "Ada", email="ada@example.org")
    assert posted is not None and mail_target.mail is not None
    await mail_target.http.post("/comments/privacy", data={"email": "ada@example.org"})
    await mail_target.mail.settle()
    [letter] = mail_target.mail.mails_to("ada@example.org")
    [notice] = mail_target.mail.mails_to("author@example.com")
    paths = [link_in(letter, "privacy/export"), link_in(letter, "privacy/delete")]
    paths.append(unsubscribe_path(notice))
    tokens = [path.rsplit("/", 1)[1] for path in paths]
    logger = logging.getLogger(access_log.ACCESS_LOGGER)
    with caplog.at_level(logging.INFO, logger=access_log.ACCESS_LOGGER):
        for path in paths:
            # As uvicorn writes each request (the filter the app installed rewrites it).
            logger.info('%s - "%s %s HTTP/%s" %d', "192.0.2.1:5000", "GET", path, "1.1", 200)
    assert len(caplog.records) == 3
    assert not [t for t in tokens if t in caplog.text]
    assert all(t in text_of(letter) for t in tokens[:2])  # the mail itself has them


async def test_deleting_a_reader_account_anonymises_its_comments_and_keeps_the_replies(
    mail_target: Target, database: Database
) -> None:
    async with database.session() as session:
        identity = Identity("email", "rita@example.org", "Rita", "rita@example.org", True)
        reader = await sign_up_or_in(session, identity)
        token = await reader_sessions.create(session, reader.id)
        await session.commit()
    sent = {
        "post_id": mail_target.post.id,
        "body": "Signed in.",
        "form_token": mail_target.form_token,
    }
    written = await mail_target.http.post(
        "/api/comments", json=sent, headers={"Authorization": f"Reader {token}"}
    )
    assert written.status_code == 201 and written.json()["author"]["name"] == "Rita"
    mine = written.json()["id"]
    reply = await post_through_api(
        mail_target, "A reply.", "Bob", reply_to=Posted(mine, written.json(), "rita@example.org")
    )
    assert reply is not None
    async with database.session() as session:
        await accounts.delete_reader(session, reader.id)
        await session.commit()
    assert mail_target.mail is not None
    await mail_target.mail.settle()
    async with database.session() as session:
        row = await session.get(Comment, mine)
        answer = await session.get(Comment, reply.id)
    assert row is not None and answer is not None
    assert (row.author_name, row.author_email, row.reader_id) == ("Deleted reader", None, None)
    assert (row.body, row.status) == ("Signed in.", "approved")
    assert (answer.parent_id, answer.status) == (mine, "approved")
    thread = await mail_target.http.get("/api/comments", params={"post_id": mail_target.post.id})
    shown = find_comment(thread.json()["comments"], mine)
    assert shown["author"]["name"] == "Deleted reader"
    assert [r["id"] for r in shown["replies"]] == [reply.id]
    assert "Rita" not in thread.text and "rita@example.org" not in thread.text
