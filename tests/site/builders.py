"""In-memory content rows for unit tests of the pure view and SEO builders (no database)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from inkwell.content.models import Post, PostAuthor, PostTag, Tag, User


def tag(name: str, slug: str | None = None) -> Tag:
    """A transient tag."""
    return Tag(id="t" * 24, name=name, slug=slug or name.lower().lstrip("#"))


def user(name: str = "Ada Example", slug: str = "ada") -> User:
    """A transient author."""
    return User(id="u" * 24, name=name, slug=slug)


def post(tags: list[Tag] | None = None, authors: list[User] | None = None, **fields: Any) -> Post:
    """A transient published post with sensible values; any column may be overridden."""
    values: dict[str, Any] = {
        "id": "0123456789abcdef01234567",
        "type": "post",
        "title": "A title",
        "slug": "a-title",
        "status": "published",
        "html": "<p>Body.</p>",
        "plaintext_excerpt": "Body.",
        "custom_excerpt": None,
        "feature_image": None,
        "feature_image_alt": None,
        "feature_image_caption": None,
        "featured": False,
        "published_at": datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
        "updated_at": datetime(2026, 3, 17, 10, 0, tzinfo=UTC),
        "canonical_url": None,
        "meta_title": None,
        "meta_description": None,
        "og_image": None,
        "og_title": None,
        "og_description": None,
        "twitter_image": None,
        "twitter_title": None,
        "twitter_description": None,
        "reading_time": 3,
        "render_version": 0,
    }
    values.update(fields)
    row = Post(**values)
    row.tag_links = [PostTag(tag=t, sort_order=i) for i, t in enumerate(tags or [])]
    row.author_links = [
        PostAuthor(author=a, sort_order=i) for i, a in enumerate(authors or [user()])
    ]
    return row
