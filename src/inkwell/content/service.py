"""Posts, pages, tags, authors and site settings: the one door other features use into content.

Every other feature imports this module only (never ``content.models``, ``saving``, ``tags``...).
It re-exports the read types callers need (``Post``, ``Tag``, ``User``, ``SiteSettings``), the
validated inputs (``PostInput``, ``AuthorRef``), and the functions below, whose rules (what is
public, what is published, when posts are rendered again) stay inside content.

Every write emits a domain event (``core.events``), delivered after the commit: see
``post_events`` for the data post and page events carry.

For the admin: the editor's saves (``save_from_editor``: per-field ``FieldErrors``, conflicts
kept as revisions), revision history (``list_revisions``, ``diff_revisions``,
``restore_revision``), secret preview links, custom redirects, the posts list
(``admin_filter`` + ``find_posts``), ``bulk_action``, tags with counts, ``dashboard_summary``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell import render
from inkwell.content import people, site_settings
from inkwell.content.api_filters import (
    AllOf,
    AnyOf,
    Condition,
    FilterError,
    FilterNode,
    Op,
    filterable_fields,
)
from inkwell.content.api_queries import (
    ApiPage,
    OrderBy,
    browse_authors,
    browse_posts,
    browse_tags,
    orderable_fields,
    published_post_counts,
    read_author,
    read_post,
    read_tag,
)
from inkwell.content.bulk import BulkAction, BulkResult, bulk_action
from inkwell.content.dashboard import Dashboard, dashboard_summary
from inkwell.content.editing import (
    EditConflict,
    EditorSave,
    RevisionNotFound,
    post_input_of,
    record_post_revision,
    restore_revision,
    save_from_editor,
)
from inkwell.content.editor_input import (
    MAX_BODY,
    EditorPost,
    FieldErrors,
    ValidInput,
    validate_editor_input,
)
from inkwell.content.full_rows import (
    ContentRows,
    PostRow,
    RowConflict,
    RowsPlan,
    plan_rows,
    read_rows,
    write_rows,
)
from inkwell.content.local_time import LocalMoment, LocalTimeError, read_local, to_local
from inkwell.content.lookups import find_author, find_author_by, find_tag, post_sources
from inkwell.content.models import Post, PostRevision, PreviewLink, Redirect, Tag, User
from inkwell.content.neighbours import Neighbours, neighbours
from inkwell.content.people import SOCIAL_ACCOUNTS
from inkwell.content.permalinks import match_path
from inkwell.content.previews import (
    PreviewLinkNotFound,
    create_preview_link,
    list_preview_links,
    post_for_preview,
    revoke_preview_link,
)
from inkwell.content.publishing import (
    ConflictError,
    PostNotFound,
    PublishingError,
    delete_post,
    publish_due_posts,
    publish_post,
    schedule_post,
    unpublish_post,
    update_post,
)
from inkwell.content.queries import (
    ADMIN_SORTS,
    PostFilter,
    PostOrder,
    PostPage,
    admin_filter,
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
from inkwell.content.redirects import (
    RedirectInputError,
    RedirectNotFound,
    RedirectTarget,
    add_custom_redirect,
    add_redirect,
    delete_redirect,
    find_redirect,
    list_redirects,
    normalise_path,
    resolve_redirect,
)
from inkwell.content.revision_diff import DiffLine, diff_revisions
from inkwell.content.revisions import get_revision, list_revisions
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
from inkwell.content.tag_details import TAG_DETAILS, set_tag_details
from inkwell.content.tags import (
    TagCount,
    TagInputError,
    TagNotFound,
    create_tag,
    delete_tag,
    edit_tag,
    list_tags,
    public_tag,
)

__all__ = [
    "ADMIN_SORTS",
    "MAX_BODY",
    "SOCIAL_ACCOUNTS",
    "TAG_DETAILS",
    "AllOf",
    "AnyOf",
    "ApiPage",
    "AuthorRef",
    "BulkAction",
    "BulkResult",
    "Condition",
    "ConflictError",
    "ContentRows",
    "Dashboard",
    "DiffLine",
    "EditConflict",
    "EditorPost",
    "EditorSave",
    "FieldErrors",
    "FilterError",
    "FilterNode",
    "LocalMoment",
    "LocalTimeError",
    "NavigationItem",
    "Neighbours",
    "Op",
    "OrderBy",
    "Post",
    "PostBatch",
    "PostFilter",
    "PostInput",
    "PostNotFound",
    "PostOrder",
    "PostPage",
    "PostRevision",
    "PostRow",
    "PostStatus",
    "PostType",
    "PreviewLink",
    "PreviewLinkNotFound",
    "PublishingError",
    "Redirect",
    "RedirectInputError",
    "RedirectNotFound",
    "RedirectTarget",
    "RevisionNotFound",
    "RowConflict",
    "RowsPlan",
    "SaveResult",
    "SettingsInputError",
    "SettingsUpdate",
    "SiteSettings",
    "Tag",
    "TagCount",
    "TagInputError",
    "TagNotFound",
    "User",
    "ValidInput",
    "add_custom_redirect",
    "add_redirect",
    "admin_filter",
    "all_published",
    "author_by_email",
    "author_by_slug",
    "browse_authors",
    "browse_posts",
    "browse_tags",
    "bulk_action",
    "count_posts",
    "create_author_profile",
    "create_preview_link",
    "create_tag",
    "dashboard_summary",
    "delete_post",
    "delete_redirect",
    "delete_tag",
    "diff_revisions",
    "edit_tag",
    "filterable_fields",
    "find_author",
    "find_author_by",
    "find_posts",
    "find_redirect",
    "find_tag",
    "get_post",
    "get_published",
    "get_revision",
    "list_preview_links",
    "list_published",
    "list_redirects",
    "list_revisions",
    "list_tags",
    "load_settings",
    "load_settings_cached",
    "make_slug",
    "match_path",
    "neighbours",
    "newest_changes",
    "normalise_path",
    "orderable_fields",
    "path_of",
    "plain_text_of",
    "plan_rows",
    "post_for_preview",
    "post_input_of",
    "post_sources",
    "posts_using_url",
    "public_tag",
    "publish_due_posts",
    "publish_post",
    "published_post_by_id",
    "published_post_counts",
    "read_author",
    "read_local",
    "read_post",
    "read_rows",
    "read_tag",
    "record_post_revision",
    "rename_author",
    "render_options",
    "render_preview",
    "rerender_all",
    "resolve_redirect",
    "restore_revision",
    "revoke_preview_link",
    "save_from_editor",
    "save_post",
    "schedule_post",
    "set_image_sizes_provider",
    "set_tag_details",
    "to_local",
    "unpublish_post",
    "update_post",
    "update_settings",
    "validate_editor_input",
    "write_rows",
]

load_settings = site_settings.load
author_by_email = people.get_by_email
create_author_profile = people.create_profile
rename_author = people.rename_author
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

    When the permalink pattern (or the time zone its dates are read in) changes, every
    published post's old path becomes a redirect bound to the post, so old links keep
    working and follow later moves. All of it happens in the caller's transaction, so readers
    never see the new setting with the old HTML or without the redirects. Raises
    SettingsInputError (nothing stored) when a value is refused.
    """
    moves_posts = bool(wanted.keys() & _PATH_KEYS)
    old_paths: dict[str, str] = {}
    if moves_posts:
        before = await site_settings.load(session)
        old_paths = {p.id: path_of(p, before) for p in await all_published(session)}
    site, changed = await site_settings.update(session, wanted)
    if changed & _PATH_KEYS:
        for post in await all_published(session):
            old = old_paths.get(post.id)
            if old is not None and old != path_of(post, site):
                await add_redirect(session, old, post.id)
    rerendered = 0
    if changed & site_settings.RENDER_KEYS:
        rerendered = await rerender_all(session, render_options(site, site_url))
    return SettingsUpdate(site, changed, rerendered)


def plain_text_of(post: Post) -> str:
    """The post's body as plain text (code blocks included, markup dropped): what the Content
    API's ``formats=plaintext`` gives, and what search indexes."""
    return render.plain_text(post.html or "")


# Settings that move posts to other paths.
_PATH_KEYS = frozenset({"permalink", "timezone"})


async def render_preview(session: AsyncSession, source: str, site_url: str) -> str:
    """Markdown ``source`` as the site would show it (cards, code highlighting), saving nothing.

    The editor's live preview: the same renderer and options as stored posts.
    """
    site = await site_settings.load_cached(session)
    html = render.render_markdown(source, render_options(site, site_url))
    return render.highlight_code_blocks(html)
