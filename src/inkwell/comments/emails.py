"""The words of comment emails: to a post's author about a new comment, to a commenter about a
reply, and to anyone asking for their comments (export or delete).

Each email has a plain text part and an HTML part. The comment shown in the HTML part is the
stored (already sanitised) HTML cleaned once more to a small set of tags fit for mail clients,
so no reader HTML reaches an inbox as written; names and titles are escaped by the templates.
Notifications carry one-click unsubscribe headers (RFC 8058), the privacy email does not: it
was asked for, and nothing follows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import nh3
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates" / "mail"
_EXCERPT_CHARS = 2_000
_MAIL_TAGS = {"p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li"}


@dataclass(frozen=True)
class Email:
    """One email ready for ``Mailer.send``."""

    to: str
    subject: str
    text: str
    html: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Shown:
    """A comment as an email shows it."""

    author: str
    body: str
    """The text as written (Markdown): the plain text part."""
    html: str
    """The stored, sanitised HTML: cleaned again for the HTML part."""


@dataclass(frozen=True)
class Site:
    """The site an email comes from."""

    url: str
    title: str


@cache
def _environment() -> Environment:
    # HTML templates are escaped; the plain text ones are not HTML and must not be.
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def mail_html(html: str) -> Markup:
    """Comment HTML reduced to tags every mail client shows safely (links: http(s), mailto)."""
    cleaned = nh3.clean(
        html,
        tags=_MAIL_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )
    return Markup(cleaned)  # noqa: S704 - cleaned by nh3 just above


def excerpt(text: str, limit: int = _EXCERPT_CHARS) -> str:
    """``text`` cut at ``limit`` characters (on a word) with an ellipsis when longer."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(maxsplit=1)[0] + " …"


def subject_line(text: str) -> str:
    """``text`` on one line, for a Subject header (a name with a line break stays harmless)."""
    return " ".join(text.split())[:200]


def unsubscribe_headers(link: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe: the link, and that a POST to it is enough."""
    return {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }


def notification(
    *, to: str, subject: str, comment: Shown, unsubscribe: str, **values: Any
) -> Email:
    """An email about ``comment`` from the shared templates (``intro``, ``actions``...)."""
    values.setdefault("actions", [])
    shared = {"subject": subject, "unsubscribe": unsubscribe, **values}
    text = (
        _environment()
        .get_template("email.txt")
        .render(comment_text=_quoted(excerpt(comment.body)), **shared)
    )
    html = (
        _environment()
        .get_template("email.html")
        .render(comment_html=mail_html(comment.html), **shared)
    )
    return Email(to, subject_line(subject), text, html, unsubscribe_headers(unsubscribe))


def new_comment(
    *,
    to: str,
    site: Site,
    post_title: str,
    comment: Shown,
    link: str,
    unsubscribe: str,
    moderation: tuple[str, str] | None = None,
    held_reason: str | None = None,
) -> Email:
    """To a post's author: a new comment, with approve/delete links (``moderation``) when held."""
    if moderation is None:
        return notification(
            to=to,
            subject=f"New comment on “{post_title}”",
            comment=comment,
            unsubscribe=unsubscribe,
            intro=f"{comment.author} commented on “{post_title}”:",
            actions=[("Read it on the site", link)],
            reason=f"You get this email because you write on {site.title}.",
        )
    approve, delete = moderation
    why = f" ({held_reason})" if held_reason else ""
    return notification(
        to=to,
        subject=f"A comment on “{post_title}” waits for approval",
        comment=comment,
        unsubscribe=unsubscribe,
        intro=f"{comment.author} commented on “{post_title}”:",
        notice=f"Readers will not see this comment until it is approved{why}.",
        actions=[("Approve", approve), ("Delete", delete)],
        note=(
            "Each link asks you to confirm first. They work for 30 days; all comments "
            f"waiting for approval are at {site.url}/admin/comments"
        ),
        reason=f"You get this email because you write on {site.title}.",
    )


def new_reply(
    *,
    to: str,
    site: Site,
    post_title: str,
    reply: Shown,
    parent: Shown,
    link: str,
    unsubscribe: str,
) -> Email:
    """To a commenter who asked for it: someone answered their comment."""
    return notification(
        to=to,
        subject=f"{reply.author} replied to your comment on “{post_title}”",
        comment=reply,
        unsubscribe=unsubscribe,
        intro=f"{reply.author} replied to your comment on “{post_title}”:",
        actions=[("Read and answer", link)],
        quoted_text=_quoted(excerpt(parent.body, 500)),
        quoted_html=mail_html(parent.html),
        reason=(
            f"You get this email because you asked to hear of replies to your comment on "
            f"{site.title}."
        ),
    )


def privacy_links(*, to: str, site: Site, export: str, delete: str) -> Email:
    """To anyone who asked: links to download or delete every comment their address wrote."""
    subject = f"Your comments on {site.title}"
    values = {"site": site, "export": export, "delete": delete, "subject": subject}
    text = _environment().get_template("privacy.txt").render(**values)
    html = _environment().get_template("privacy.html").render(**values)
    return Email(to, subject, text, html)


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
