"""The checks on what a commenter typed: body, name, email, website. Each refusal names
its field and says what is wrong, before anything is stored."""

from __future__ import annotations

import re

from inkwell.comments.settings import CommentSettings
from inkwell.comments.types import Commenter, CommentInputError
from inkwell.render.html_tokens import clean_chars
from inkwell.render.urls import is_http_url

MAX_ID = 64
MAX_NAME = 100
MAX_EMAIL = 191
MAX_WEBSITE = 500
# One @, something on each side, a dot in the domain, no spaces or angle brackets.
_EMAIL = re.compile(r"[^@\s<>\"',;()\[\]\\]+@[^@\s<>\"',;()\[\]\\]+\.[^@\s<>\"',;()\[\]\\.]+")


def plausible_id(value: str) -> bool:
    """Could ``value`` be the id of a post or comment? Anything else names none, and is never
    sent to the database (PostgreSQL refuses text with a NUL character in it)."""
    return 0 < len(value) <= MAX_ID and value.isprintable()


def clean_body(body: str, settings: CommentSettings) -> str:
    """The body as stored: control characters dropped, ends trimmed; refused when empty or
    longer than ``max_length``."""
    text = clean_chars(body).strip()
    if not text:
        raise CommentInputError("body", "Write something before posting.")
    if len(text) > settings.max_length:
        raise CommentInputError(
            "body", f"A comment can be at most {settings.max_length:,} characters long."
        )
    return text


def _text(value: str | None) -> str | None:
    cleaned = clean_chars(value or "").strip()
    return cleaned or None


def clean_commenter(commenter: Commenter, settings: CommentSettings) -> Commenter:
    """The commenter with name, email and website checked and trimmed."""
    signed_in = commenter.reader_id is not None or commenter.user_id is not None
    if not signed_in and not settings.guests:
        raise CommentInputError(None, "Sign in to comment on this site.", 403)
    name = _text(commenter.name)
    if name is None:
        raise CommentInputError("name", "Give a name to show with your comment.")
    if len(name) > MAX_NAME:
        raise CommentInputError("name", f"A name can be at most {MAX_NAME} characters long.")
    email = _text(commenter.email)
    if email is not None:
        if len(email) > MAX_EMAIL or not _EMAIL.fullmatch(email):
            raise CommentInputError("email", "That is not an email address.")
        email = email.lower()
    website = _text(commenter.website)
    if website is not None:
        if len(website) > MAX_WEBSITE:
            raise CommentInputError(
                "website", f"A website address can be at most {MAX_WEBSITE} characters long."
            )
        # No whitespace of any kind (a tab or line break inside is no address, and browsers
        # would drop it silently) nor a character that could end an HTML attribute.
        if not is_http_url(website) or any(c.isspace() or c in "<>\"'`\\" for c in website):
            raise CommentInputError("website", "A website must be an http:// or https:// address.")
    return Commenter(
        name=name,
        email=email,
        website=website,
        reader_id=commenter.reader_id,
        email_verified=commenter.email_verified,
        user_id=commenter.user_id,
    )
