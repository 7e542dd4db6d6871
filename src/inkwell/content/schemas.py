"""Validated inputs of the content services (what importers, the CLI and later the APIs send)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from inkwell.core.time import as_utc


class PostType(StrEnum):
    """A post (in listings and feeds) or a static page; stored as its value."""

    POST = "post"
    PAGE = "page"


class PostStatus(StrEnum):
    """Where a post is in its life; stored as its value."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"


SourceFormat = Literal["markdown", "html"]


class AuthorRef(BaseModel):
    """An author named by a post; matched by email, then slug, then name, else created."""

    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=191)
    email: str | None = Field(default=None, max_length=191)
    slug: str | None = Field(default=None, max_length=191)


class PostInput(BaseModel):
    """Everything needed to create or update a post or page."""

    model_config = ConfigDict(str_strip_whitespace=True)

    id: str | None = Field(default=None, pattern=r"^[0-9a-f]{24}$")
    guid: str | None = Field(default=None, max_length=500)
    type: PostType = PostType.POST
    title: str = Field(min_length=1, max_length=255)
    slug: str | None = Field(default=None, max_length=191)
    status: PostStatus = PostStatus.DRAFT
    source_format: SourceFormat = "markdown"
    source: str = ""
    trusted: bool = True
    custom_excerpt: str | None = Field(default=None, max_length=2000)
    feature_image: str | None = None
    feature_image_alt: str | None = Field(default=None, max_length=191)
    feature_image_caption: str | None = None
    featured: bool = False
    published_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    canonical_url: str | None = None
    meta_title: str | None = Field(default=None, max_length=300)
    meta_description: str | None = Field(default=None, max_length=500)
    og_image: str | None = None
    og_title: str | None = Field(default=None, max_length=300)
    og_description: str | None = Field(default=None, max_length=500)
    twitter_image: str | None = None
    twitter_title: str | None = Field(default=None, max_length=300)
    twitter_description: str | None = Field(default=None, max_length=500)
    visibility: Literal["public", "members", "paid", "tiers"] = "public"
    comment_id: str | None = Field(default=None, max_length=50)
    codeinjection_head: str | None = None
    codeinjection_foot: str | None = None
    custom_template: str | None = Field(default=None, max_length=100)
    tags: list[str] = Field(default_factory=list)
    authors: list[AuthorRef] = Field(default_factory=list)
    # Old URL paths that should answer 301 to this post's URL.
    redirect_from: list[str] = Field(default_factory=list)

    @field_validator("published_at", "created_at", "updated_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else as_utc(value).replace(microsecond=0)

    @field_validator("tags")
    @classmethod
    def _clean_tags(cls, value: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        for name in value:
            name = " ".join(name.split())[:191]
            if name and name.lower() not in seen:
                seen[name.lower()] = name
        return list(seen.values())

    @field_validator("slug")
    @classmethod
    def _empty_slug_is_none(cls, value: str | None) -> str | None:
        return value or None
