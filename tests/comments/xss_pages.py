"""Posting hostile comments through the real API, and the checks of each place they are shown:
the API's JSON, the server-rendered post page, the notification emails (``test_xss``).

Import the fixtures into a test module with ``from tests.comments.xss_pages import ...``.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select

from inkwell.comments.models import Comment
from inkwell.content import service as content
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.comments.mail_fixtures import AUTHOR, MailSite, html_of, text_of
from tests.comments.xss_checks import (
    ACTIVE_TAGS,
    by_id,
    elements,
    local_name,
    parse_document,
    parse_fragment,
    problems_in,
    script_hooks,
    scripts_of,
    unsafe_url,
    with_class,
)
from tests.comments.xss_checks import text_of as shown_text

FOLLOWER = "follower@example.org"
AVATAR = re.compile(r"/avatars/(identicon|initials)/[0-9a-f]{3}[0-9a-f-][\w%-]*\.svg")
_PRIVATE_KEYS = {"email", "author_email", "address_hash", "edit_token_hash"}
_MAIL_HEADERS = {
    "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
    "List-Unsubscribe", "List-Unsubscribe-Post", "Auto-Submitted", "X-Peer", "X-MailFrom",
    "X-RcptTo",
}  # fmt: skip
_emails = itertools.count(1)


@dataclass
class Posted:
    """A comment the API accepted: its id, the 201 answer, the address it was sent with."""

    id: str
    json: dict[str, Any]
    email: str


@dataclass
class Target:
    """Where hostile comments go: a post, the client that posts, what its page holds unasked."""

    http: AsyncClient
    database: Database
    post: Post
    form_token: str
    path: str
    scripts: list[tuple[str, str]]
    app: FastAPI | None = None
    mail: MailSite | None = None
    parent: Posted | None = field(default=None)


async def _target(http: AsyncClient, database: Database, post: Post) -> Target:
    meta = (await http.get("/api/comments", params={"post_id": post.id})).json()["meta"]
    async with database.session() as session:
        path = content.path_of(post, await content.load_settings(session))
    page = await http.get(path)
    assert page.status_code == 200
    scripts = scripts_of(parse_document(page.text))
    return Target(http, database, post, meta["form_token"], path, scripts)


@pytest.fixture
async def mail_target(mail_site: MailSite, database: Database, post: Post, lenient: None) -> Target:
    """The test's post on an app that mails through the real local SMTP server."""
    found = await _target(mail_site.http, database, post)
    found.app, found.mail = mail_site.app, mail_site
    return found


@pytest.fixture
async def target(mail_target: Target) -> Target:
    """The test's post on a running app. Its mail goes to the local SMTP server too: every
    request's jobs are waited for (``settle``), so none runs on while Hypothesis draws the
    next example (a job touching the random module then would fail the test as flaky)."""
    return mail_target


@pytest.fixture
async def followed_target(mail_target: Target) -> Target:
    """``mail_target`` with a comment whose writer asked to hear of replies (new comments
    answer it)."""
    asked = "Tell me when someone answers."
    mail_target.parent = await post_through_api(mail_target, asked, "Follower", email=FOLLOWER)
    assert mail_target.parent is not None and mail_target.mail is not None
    await mail_target.mail.settle()
    return mail_target


async def settle(target: Target) -> None:
    """Wait for the jobs ``target``'s requests enqueued (mail among them)."""
    if target.mail is not None:
        await target.mail.settle()


async def _stored(database: Database) -> int:
    async with database.session() as session:
        count = await session.execute(select(func.count()).select_from(Comment))
        return int(count.scalar_one())


async def post_through_api(
    target: Target,
    body: str,
    name: str,
    website: str | None = None,
    email: str | None = None,
    reply_to: Posted | None = None,
) -> Posted | None:
    """Post through ``POST /api/comments`` from a new address unless ``email`` is given, as a
    reply to ``reply_to`` (else to ``target.parent``, if any); the comment, or None when it was
    refused, which must be a precise 4xx that stored nothing."""
    email = email or f"reader{next(_emails)}@example.org"
    sent = {
        "post_id": target.post.id,
        "body": body,
        "name": name,
        "email": email,
        "website": website,
        "form_token": target.form_token,
        "notify_replies": True,
    }
    parent = reply_to or target.parent
    if parent is not None:
        sent["parent_id"] = parent.id
    before = await _stored(target.database)
    answer = await target.http.post("/api/comments", json=sent)
    await settle(target)
    if answer.status_code == 201:
        assert answer.json()["status"] == "approved", answer.text
        return Posted(answer.json()["id"], answer.json(), email)
    assert answer.status_code in (400, 422), answer.text
    [error] = answer.json()["errors"]
    assert error["field"] in ("body", "name", "website") and error["message"]
    assert await _stored(target.database) == before
    return None


def find_comment(comments: Iterable[dict[str, Any]], wanted: str) -> dict[str, Any]:
    """The comment ``wanted`` in an API thread (replies included)."""
    for comment in comments:
        if comment["id"] == wanted:
            return comment
        try:
            return find_comment(comment["replies"], wanted)
        except LookupError:
            continue
    raise LookupError(wanted)


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def safe_website(url: str) -> bool:
    """An http(s) address with nothing in it that could leave an attribute."""
    return (
        url.lower().startswith(("http://", "https://"))
        and not unsafe_url(url)
        and not any(c.isspace() or c in "<>\"'`\\" for c in url)
    )


def check_api_comment(view: dict[str, Any], name: str, *, secrets: Iterable[str]) -> None:
    """A comment as the API serves it: safe HTML, the name as typed (the widget inserts it as
    text), a safe website or none, one of the site's own avatars, nothing private."""
    assert problems_in(parse_fragment(view["html"])) == [], view["html"]
    author = view["author"]
    assert author["name"] == name
    assert author["website"] is None or safe_website(author["website"]), author["website"]
    assert AVATAR.fullmatch(author["avatar"]), author["avatar"]
    assert not _PRIVATE_KEYS & set(_keys(view))
    dumped = json.dumps(view)
    assert not [s for s in secrets if s in dumped]


async def check_post_page(target: Target, posted: Posted, name: str) -> str:
    """The post page runs only its own scripts and keeps the comment inside its container."""
    answer = await target.http.get(target.path)
    assert answer.status_code == 200
    page = parse_document(answer.text)
    assert scripts_of(page) == target.scripts
    assert script_hooks(page, allowed_tags=ACTIVE_TAGS) == []
    [section] = by_id(page, "comments")
    [item] = by_id(page, f"comment-{posted.id}")
    assert item.tag == "li" and item in list(section.iter())
    assert len(with_class(section, "ikc-comment")) == len(with_class(page, "ikc-comment"))
    article = item.find("article")
    assert article is not None
    [body] = [e for e in article if "ikc-body" in (e.get("class") or "").split()]
    assert problems_in(body) == []
    assert shown_text(body) == shown_text(parse_fragment(posted.json["html"]))
    [shown_name] = with_class(article, "ikc-name")
    assert shown_text(shown_name) == " ".join(name.split())
    if local_name(shown_name.tag) == "a":
        assert shown_name.get("href") == posted.json["author"]["website"]
    return str(item.get("id"))


def _as_parsed(text: str) -> str:
    # What an HTML parser makes of text before any tree is built: CR LF and CR become LF,
    # NUL becomes U+FFFD.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")


async def check_refused_form(target: Target, body: str, name: str, website: str) -> int:
    """The no-JavaScript form sent with a website it refuses: the page that says so fills the
    form in again with exactly what was typed, and nothing typed becomes markup."""
    sent = {"post_id": target.post.id, "form_token": target.form_token}
    sent |= {"body": body, "name": name, "website": website}
    answer = await target.http.post("/comments/form", data=sent)
    await settle(target)
    if answer.status_code == 303:
        return 303  # the website was a plain address after all: the comment was posted
    assert answer.status_code in (400, 422), answer.text
    page = parse_document(answer.text)
    assert scripts_of(page) == []
    assert (
        script_hooks(page, allowed_tags={"meta", "link", "form", "input", "textarea", "button"})
        == []
    )
    [form] = [e for e in elements(page) if local_name(e.tag) == "form"]
    fields = {e.get("name"): e for e in elements(form) if e.get("name")}
    assert (fields["body"].text or "") == _as_parsed(body)
    for key, typed in (("name", name), ("website", website)):
        assert fields[key].get("value") == _as_parsed(typed)
    assert {"post_id", "form_token", "body", "name", "email", "website"} <= set(fields)
    return answer.status_code


def _mail_for(mail: MailSite, address: str, comment_id: str) -> EmailMessage:
    [message] = [m for m in mail.mails_to(address) if f"#comment-{comment_id}" in text_of(m)]
    return message


def _check_mail(message: EmailMessage, posted: Posted, intro: str, allowed: set[str]) -> None:
    assert set(message.keys()) <= _MAIL_HEADERS, message.keys()
    assert all("\n" not in str(v) and "\r" not in str(v) for v in message.values())
    document = parse_document(html_of(message))
    assert scripts_of(document) == []
    assert script_hooks(document, allowed_tags={"meta"}) == []
    quoted = next(e for e in elements(document) if local_name(e.tag) == "blockquote")
    assert problems_in(quoted, allowed) == []
    assert shown_text(quoted) == shown_text(parse_fragment(posted.json["html"]))
    first = next(e for e in elements(document) if local_name(e.tag) == "p")
    assert shown_text(first) == " ".join(intro.split())


async def check_emails(target: Target, posted: Posted, name: str, allowed: set[str]) -> int:
    """The author's email and the follower's reply email show the comment as harmless HTML
    in their quote, and the name as text in their first line and subject."""
    assert target.mail is not None
    await target.mail.settle()
    title = target.post.title
    to_author = _mail_for(target.mail, AUTHOR, posted.id)
    assert to_author["Subject"] == f"New comment on “{title}”"
    _check_mail(to_author, posted, f"{name} commented on “{title}”:", allowed)
    to_follower = _mail_for(target.mail, FOLLOWER, posted.id)
    said = f"{name} replied to your comment on “{title}”"
    # (a long subject is folded on the way; unfolded, a space may double: compare words)
    assert to_follower["Subject"].split() == " ".join(said.split())[:200].split()
    _check_mail(to_follower, posted, f"{said}:", allowed)
    return 2  # both mails checked
