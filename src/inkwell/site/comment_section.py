"""The comments under a post (or page): server-rendered, so the page works without JavaScript.

The section shows the approved thread and a plain form; the widget script, when it runs,
takes the section over. Nothing in it depends on who is reading, so the page stays in the
shared response cache; core.changes drops the post's pages (``post:ID``) on every comment
event, so a new or moderated comment shows at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from markupsafe import Markup

from inkwell.comments import service as comments
from inkwell.content.service import Post
from inkwell.site.context import SiteContext
from inkwell.site.views import DateView, PostCard, date_view

BADGES = {"author": "Author", "staff": "Staff", "op": "Original poster"}
# Comments shown on the page itself; past these the widget pages through the rest.
SHOWN_TOP_LEVEL = 200


@dataclass(frozen=True)
class ShownComment:
    """One approved comment as the post page shows it."""

    id: str
    html: Markup
    name: str
    website: str | None
    avatar: str | None
    badge: str | None  # the badge's label
    created: DateView
    edited: bool
    likes: int
    replies: tuple[ShownComment, ...]


@dataclass(frozen=True)
class CommentSection:
    """The comments part of a post page."""

    post_id: str
    comments: tuple[ShownComment, ...]
    total: int  # every shown comment, replies included
    more: bool  # more top-level comments than the page shows
    open: bool
    closed_reason: str | None
    guests: bool
    form_action: str
    form_token: str
    script_url: str
    style_url: str


def _shown(view: comments.CommentView, timezone: str) -> ShownComment:
    author = view.author
    return ShownComment(
        id=view.id,
        html=Markup(view.html),  # noqa: S704 - sanitised (nh3) when the comment was stored
        name=author.name,
        website=author.website if author.website and _is_web(author.website) else None,
        avatar=author.avatar,
        badge=BADGES.get(author.badge or ""),
        created=date_view(view.created_at, timezone),
        edited=view.edited_at is not None,
        likes=view.likes,
        replies=tuple(_shown(r, timezone) for r in view.replies),
    )


def _is_web(url: str) -> bool:
    return url.lower().startswith(("https://", "http://"))


async def comments_shown(ctx: SiteContext, post: Post) -> bool:
    """Whether ``post`` has a comments section: every post; pages when the setting says so."""
    if post.type != "page":
        return True
    return (await comments.read_settings_cached(ctx.session)).on_pages


async def comment_section(ctx: SiteContext, post: Post) -> CommentSection | None:
    """The section under ``post``, or None when it has none."""
    if not await comments_shown(ctx, post):
        return None
    settings = await comments.read_settings_cached(ctx.session)
    thread = await comments.list_thread(
        ctx.session,
        post_id=post.id,
        limit=SHOWN_TOP_LEVEL,
        settings=settings,
        site_url=ctx.site_url,
    )
    return CommentSection(
        post_id=post.id,
        comments=tuple(_shown(c, ctx.site.timezone) for c in thread.comments),
        total=thread.count,
        more=thread.pages > 1,
        open=thread.open,
        closed_reason=thread.closed_reason,
        guests=settings.guests,
        form_action=comments.FORM_PATH,
        form_token=await comments.issue_form_token(ctx.session),
        script_url=comments.widget_script_url(),
        style_url=comments.widget_style_url(),
    )


async def with_comment_counts(ctx: SiteContext, cards: list[PostCard]) -> list[PostCard]:
    """``cards`` with each post's number of approved comments."""
    if not cards:
        return cards
    counts = await comments.comment_counts(ctx.session, [card.id for card in cards])
    return [replace(card, comment_count=counts.get(card.id, 0)) for card in cards]
