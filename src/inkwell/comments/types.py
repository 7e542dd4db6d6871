"""What the comments service takes and answers: plain frozen values, no database rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Commenter:
    """Who writes a comment, as the HTTP layer established it."""

    name: str
    email: str | None = None
    website: str | None = None
    reader_id: str | None = None
    """A signed-in reader's id (None for a guest)."""
    email_verified: bool = False
    user_id: str | None = None
    """A staff member's user id (a signed-in reader whose verified email is theirs)."""


@dataclass(frozen=True)
class Submission:
    """One comment as sent by a reader, with what the request tells about its sender."""

    body: str
    commenter: Commenter
    post_id: str | None = None
    url: str | None = None
    parent_id: str | None = None
    notify_replies: bool = False
    address: str = ""
    """The client's address (core.client_address); only a salted hash of it is stored."""
    user_agent: str = ""
    form_token: str | None = None
    """The token issued when the form loaded (``issue_form_token``); None from API clients."""
    honeypot: str = ""
    """The hidden field people never see: anything in it means a robot filled the form."""
    liker: str | None = None
    referrer: str = ""


@dataclass(frozen=True)
class AuthorView:
    """A comment's author as readers see it: never an email address."""

    name: str
    website: str | None
    avatar: str
    badge: str | None
    """``author`` (wrote the post), ``staff``, ``op`` (started this conversation) or None."""


@dataclass(frozen=True)
class CommentView:
    """One shown comment with its replies (deeper replies are flattened into the last level)."""

    id: str
    parent_id: str | None
    html: str
    author: AuthorView
    created_at: datetime
    edited_at: datetime | None
    likes: int
    status: str
    replies: tuple[CommentView, ...]
    depth: int


@dataclass(frozen=True)
class Posted:
    """The answer to a posted comment: how it is shown, whether it waits, and its edit token."""

    comment: CommentView
    status: str
    edit_token: str
    held_reason: str | None


@dataclass(frozen=True)
class ThreadState:
    """Whether a thread takes new comments, and if not, why (a sentence for readers)."""

    open: bool
    reason: str | None = None


@dataclass(frozen=True)
class ThreadPage:
    """One page of a thread's top-level comments, each with all its replies."""

    comments: tuple[CommentView, ...]
    total: int
    """Top-level comments shown over all pages."""
    count: int
    """Every shown comment, replies included."""
    page: int
    limit: int
    pages: int
    open: bool
    closed_reason: str | None
    sort: str
    thread_id: str | None
    post_id: str | None


class CommentInputError(ValueError):
    """A refused request: ``message`` for the reader, ``field`` it concerns, HTTP ``status``."""

    def __init__(self, field: str | None, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.status = status


class TooManyComments(CommentInputError):
    """A rate limit was reached: try again in ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(None, message, 429)
        self.retry_after = retry_after
