"""Bulk actions of the admin's posts list: one action on many posts, in one transaction.

The caller (the admin) checks the person's permission for each post before asking; here each
post is changed through the same rules as a single change, and the result says what was done
and what was left alone, and why (already published, not found...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import tags as tag_service
from inkwell.content.models import Post, PostTag, Tag
from inkwell.content.post_events import emit_saved, state_of
from inkwell.content.publishing import delete_post, publish_post, unpublish_post
from inkwell.content.saving import next_version
from inkwell.content.schemas import PostStatus


class BulkAction(StrEnum):
    """What a bulk action does to each post."""

    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    DELETE = "delete"
    ADD_TAG = "add_tag"
    REMOVE_TAG = "remove_tag"


@dataclass(frozen=True)
class BulkResult:
    """The ids changed, in the order asked, and those skipped with the reason."""

    action: BulkAction
    done: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)


async def bulk_action(
    session: AsyncSession,
    action: BulkAction | str,
    post_ids: Sequence[str],
    *,
    tag: str | None = None,
) -> BulkResult:
    """Apply ``action`` to each post of ``post_ids`` in the caller's transaction.

    ``add_tag`` and ``remove_tag`` need ``tag``: a tag name (created when new) for adding, a
    tag slug or name for removing. Posts that are missing, or already in the wanted state, are
    skipped with a reason. Raises ValueError for an unknown action or a missing tag.
    """
    try:
        wanted = BulkAction(action)
    except ValueError:
        known = ", ".join(a.value for a in BulkAction)
        raise ValueError(f"unknown bulk action {action!r}; use one of {known}") from None
    result = BulkResult(wanted)
    target = None
    if wanted in (BulkAction.ADD_TAG, BulkAction.REMOVE_TAG):
        if not tag or not tag.strip():
            raise ValueError(f"{wanted.value} needs a tag")
        if wanted is BulkAction.ADD_TAG:
            target = await tag_service.find_or_create(session, tag_service.clean_name(tag))
        else:
            target = await tag_service.get_by_slug(session, tag.strip())
            if target is None:
                found = await session.execute(select(Tag).where(Tag.name == tag.strip()).limit(1))
                target = found.scalar_one_or_none()
    for post_id in dict.fromkeys(post_ids):
        post = await session.get(Post, post_id)
        if post is None:
            result.skipped[post_id] = "not found"
            continue
        reason = await _apply(session, wanted, post, target)
        if reason is None:
            result.done.append(post_id)
        else:
            result.skipped[post_id] = reason
    await session.flush()
    return result


async def _apply(
    session: AsyncSession, action: BulkAction, post: Post, target: Tag | None
) -> str | None:
    """Change one post; the reason it was skipped, or None when changed."""
    if action is BulkAction.PUBLISH:
        if post.status == PostStatus.PUBLISHED:
            return "published already"
        await publish_post(session, post.id)
    elif action is BulkAction.UNPUBLISH:
        if post.status == PostStatus.DRAFT:
            return "a draft already"
        await unpublish_post(session, post.id)
    elif action is BulkAction.DELETE:
        await delete_post(session, post.id)
    else:
        if target is None:
            return "no such tag"
        add = action is BulkAction.ADD_TAG
        if any(link.tag_id == target.id for link in post.tag_links) == add:
            return "has the tag already" if add else "does not have the tag"
        previous = state_of(post)
        if add:
            last = len(post.tag_links)
            link = PostTag(post_id=post.id, tag_id=target.id, tag=target, sort_order=last)
            post.tag_links = [*post.tag_links, link]
        else:
            post.tag_links = [link for link in post.tag_links if link.tag_id != target.id]
        post.updated_at = next_version(post)
        await session.flush()
        emit_saved(session, post, previous)
    return None
