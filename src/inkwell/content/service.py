"""Posts, pages, tags, authors and site settings: the one door other features use into content.

Every other feature imports this module only (never ``content.models``, ``saving``, ``tags``...).
It re-exports the read types callers need (``Post``, ``Tag``, ``User``, ``SiteSettings``), the
validated inputs (``PostInput``, ``AuthorRef``), and the functions below, whose rules (what is
public, what is published, when posts are rendered again) stay inside content.

Every write emits a domain event (``core.events``), delivered after the commit: see
``post_events`` for the data post and page events carry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell import render
from inkwell.content import people, site_settings
from inkwell.content.models import Post, Tag, User
from inkwell.content.neighbours import Neighbours, neighbours
from inkwell.content.permalinks import match_path
from inkwell.content.publishing import (
    ConflictError,
    PostNotFound,
    PublishingError,
    delete_post,
    publish_post,
    schedule_post,
    unpublish_post,
    update_post,
)
from inkwell.content.queries import (
    PostFilter,
    PostOrder,
    PostPage,
    all_published,
    author_by_slug,
    count_posts,
    find_posts,
    get_post,
    get_published,
    list_published,
    newest_changes,
    path_of,
    posts_using_url,
    published_post_by_id,
)
from inkwell.content.redirects import add_redirect, find_redirect, normalise_path
from inkwell.content.saving import (
    PostBatch,
    SaveResult,
    render_options,
    rerender_all,
    save_post,
    set_image_sizes_provider,
)
from inkwell.content.schemas import AuthorRef, PostInput, PostStatus, PostType
from inkwell.content.site_settings import (
    NavigationItem,
    SettingsInputError,
    SiteSettings,
)
from inkwell.content.slugs import make_slug
from inkwell.content.tags import TagNotFound, delete_tag, edit_tag, public_tag

__all__ = [
    "AuthorRef",
    "ConflictError",
    "NavigationItem",
    "Neighbours",
    "Post",
    "PostBatch",
    "PostFilter",
    "PostInput",
    "PostNotFound",
    "PostOrder",
    "PostPage",
    "PostStatus",
    "PostType",
    "PublishingError",
    "SaveResult",
    "SettingsInputError",
    "SettingsUpdate",
    "SiteSettings",
    "Tag",
    "TagNotFound",
    "User",
    "add_redirect",
    "all_published",
    "author_by_email",
    "author_by_slug",
    "count_posts",
    "create_author_profile",
    "delete_post",
    "delete_tag",
    "edit_tag",
    "find_posts",
    "find_redirect",
    "get_post",
    "get_published",
    "list_published",
    "load_settings",
    "load_settings_cached",
    "make_slug",
    "match_path",
    "neighbours",
    "newest_changes",
    "normalise_path",
    "path_of",
    "posts_using_url",
    "public_tag",
    "publish_post",
    "published_post_by_id",
    "render_options",
    "render_preview",
    "rerender_all",
    "save_post",
    "schedule_post",
    "set_image_sizes_provider",
    "unpublish_post",
    "update_post",
    "update_settings",
]

load_settings = site_settings.load
author_by_email = people.get_by_email
create_author_profile = people.create_profile
load_settings_cached = site_settings.load_cached


@dataclass(frozen=True)
class SettingsUpdate:
    """What ``update_settings`` did: the settings now, the keys that changed, posts rendered."""

    site: SiteSettings
    changed: set[str]
    rerendered: int


async def update_settings(
    session: AsyncSession, wanted: dict[str, Any], *, site_url: str
) -> SettingsUpdate:
    """Store site settings and, when a render setting changed, render every post again.

    Both happen in the caller's transaction, so readers never see the new setting with the old
    HTML. Raises SettingsInputError (nothing stored) when a value is refused.
    """
    site, changed = await site_settings.update(session, wanted)
    rerendered = 0
    if changed & site_settings.RENDER_KEYS:
        rerendered = await rerender_all(session, render_options(site, site_url))
    return SettingsUpdate(site, changed, rerendered)


async def render_preview(session: AsyncSession, source: str, site_url: str) -> str:
    """Markdown ``source`` as the site would show it (cards, code highlighting), saving nothing.

    The editor's live preview: the same renderer and options as stored posts.
    """
    site = await site_settings.load_cached(session)
    html = render.render_markdown(source, render_options(site, site_url))
    return render.highlight_code_blocks(html)
