"""Content tables: posts and pages, tags, authors (users), site settings, redirects, revisions
and secret preview links.

Models hold data only; the rules live in the content services.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inkwell.core.db import Base, UTCDateTime
from inkwell.core.ids import new_id, new_uuid
from inkwell.core.time import utcnow


class Post(Base):
    """A post or a static page (``type``), as Ghost keeps both in one table."""

    __tablename__ = "posts"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    type: Mapped[str] = mapped_column(String(10), default="post")
    title: Mapped[str] = mapped_column(String(255))
    slug: Mapped[str] = mapped_column(String(191), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    source_format: Mapped[str] = mapped_column(String(10), default="markdown")
    # Needed only to render again: never loaded unless asked for (undefer).
    source: Mapped[str] = mapped_column(Text, default="", deferred=True)
    source_trusted: Mapped[bool] = mapped_column(Boolean, default=True)
    html: Mapped[str] = mapped_column(Text, default="")
    plaintext_excerpt: Mapped[str] = mapped_column(Text, default="")
    custom_excerpt: Mapped[str | None] = mapped_column(Text)
    feature_image: Mapped[str | None] = mapped_column(Text)
    feature_image_alt: Mapped[str | None] = mapped_column(String(191))
    feature_image_caption: Mapped[str | None] = mapped_column(Text)
    featured: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    meta_title: Mapped[str | None] = mapped_column(String(300))
    meta_description: Mapped[str | None] = mapped_column(String(500))
    og_image: Mapped[str | None] = mapped_column(Text)
    og_title: Mapped[str | None] = mapped_column(String(300))
    og_description: Mapped[str | None] = mapped_column(String(500))
    twitter_image: Mapped[str | None] = mapped_column(Text)
    twitter_title: Mapped[str | None] = mapped_column(String(300))
    twitter_description: Mapped[str | None] = mapped_column(String(500))
    # Ghost's fields kept so a Ghost site moves in and out unchanged (and the APIs show them).
    visibility: Mapped[str] = mapped_column(String(50), default="public")
    # The id comment threads are keyed by: a Ghost post keeps its old threads (defaults to id).
    comment_id: Mapped[str | None] = mapped_column(String(50))
    codeinjection_head: Mapped[str | None] = mapped_column(Text)
    codeinjection_foot: Mapped[str | None] = mapped_column(Text)
    custom_template: Mapped[str | None] = mapped_column(String(100))
    reading_time: Mapped[int] = mapped_column(Integer, default=0)
    # The guid a post was imported with, emitted again by our feeds so readers see no new item.
    guid: Mapped[str | None] = mapped_column(String(500), unique=True)
    # Bumped whenever ``html`` must be rebuilt (render settings changed).
    render_version: Mapped[int] = mapped_column(Integer, default=0)

    tag_links: Mapped[list[PostTag]] = relationship(
        back_populates="post",
        order_by="PostTag.sort_order",
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    author_links: Mapped[list[PostAuthor]] = relationship(
        back_populates="post",
        order_by="PostAuthor.sort_order",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    __table_args__ = (Index("ix_posts_listing", "type", "status", "published_at", "id"),)

    @property
    def tags(self) -> list[Tag]:
        """Tags in order; the first is the primary tag."""
        return [link.tag for link in self.tag_links]

    @property
    def authors(self) -> list[User]:
        """Authors in order; the first is the primary author."""
        return [link.author for link in self.author_links]


class Tag(Base):
    """A tag; a name starting with ``#`` is internal and never shown to readers."""

    __tablename__ = "tags"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(191))
    slug: Mapped[str] = mapped_column(String(191), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    feature_image: Mapped[str | None] = mapped_column(Text)
    meta_title: Mapped[str | None] = mapped_column(String(300))
    meta_description: Mapped[str | None] = mapped_column(String(500))
    og_image: Mapped[str | None] = mapped_column(Text)
    og_title: Mapped[str | None] = mapped_column(String(300))
    og_description: Mapped[str | None] = mapped_column(String(500))
    twitter_image: Mapped[str | None] = mapped_column(Text)
    twitter_title: Mapped[str | None] = mapped_column(String(300))
    twitter_description: Mapped[str | None] = mapped_column(String(500))
    codeinjection_head: Mapped[str | None] = mapped_column(Text)
    codeinjection_foot: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    accent_color: Mapped[str | None] = mapped_column(String(50))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def visibility(self) -> str:
        """Ghost's name for the same rule: ``internal`` for ``#`` tags, else ``public``."""
        return "internal" if self.is_internal else "public"

    @property
    def is_internal(self) -> bool:
        """Internal tags organise content for staff only."""
        return self.name.startswith("#")


class User(Base):
    """An author's public profile; a staff user's credentials are in ``accounts``."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(191))
    slug: Mapped[str] = mapped_column(String(191), unique=True)
    email: Mapped[str | None] = mapped_column(String(191), unique=True)
    bio: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    profile_image: Mapped[str | None] = mapped_column(Text)
    cover_image: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(150))
    # Social accounts, by Ghost's names (a handle or a URL, as the author typed it).
    facebook: Mapped[str | None] = mapped_column(String(2000))
    twitter: Mapped[str | None] = mapped_column(String(2000))
    threads: Mapped[str | None] = mapped_column(String(2000))
    bluesky: Mapped[str | None] = mapped_column(String(2000))
    mastodon: Mapped[str | None] = mapped_column(String(2000))
    tiktok: Mapped[str | None] = mapped_column(String(2000))
    youtube: Mapped[str | None] = mapped_column(String(2000))
    instagram: Mapped[str | None] = mapped_column(String(2000))
    linkedin: Mapped[str | None] = mapped_column(String(2000))
    meta_title: Mapped[str | None] = mapped_column(String(300))
    meta_description: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PostTag(Base):
    """Ordered link between a post and a tag."""

    __tablename__ = "posts_tags"

    post_id: Mapped[str] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[str] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    post: Mapped[Post] = relationship(back_populates="tag_links")
    tag: Mapped[Tag] = relationship(lazy="joined")


class PostAuthor(Base):
    """Ordered link between a post and one of its authors."""

    __tablename__ = "posts_authors"

    post_id: Mapped[str] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    author_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    post: Mapped[Post] = relationship(back_populates="author_links")
    author: Mapped[User] = relationship(lazy="joined")


class Setting(Base):
    """One site setting, stored as JSON under its key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Redirect(Base):
    """An old URL path that answers with a redirect.

    Bound to a post (``post_id``: imported old URLs, permalink changes), it follows the post's
    current URL; otherwise it points to ``to_url``, a path of this site or an absolute URL.
    """

    __tablename__ = "redirects"

    from_path: Mapped[str] = mapped_column(String(500), primary_key=True)
    post_id: Mapped[str | None] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    to_url: Mapped[str | None] = mapped_column(String(2000))
    status_code: Mapped[int] = mapped_column(Integer, default=301)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (CheckConstraint("(post_id IS NULL) <> (to_url IS NULL)", name="one_target"),)


class PostRevision(Base):
    """A saved state of a post's title and body, kept so an edit can be compared and undone."""

    __tablename__ = "post_revisions"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    post_id: Mapped[str] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(255))
    source: Mapped[str] = mapped_column(Text, default="")
    source_format: Mapped[str] = mapped_column(String(10), default="markdown")
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Orders revisions saved within the same second (timestamps are kept to the second).
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(String(20), default="save")

    __table_args__ = (Index("ix_post_revisions_post", "post_id", "sequence"),)


class PreviewLink(Base):
    """A secret link showing a post not yet public; only a hash of its token is stored."""

    __tablename__ = "preview_links"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    post_id: Mapped[str] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
