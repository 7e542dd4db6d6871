"""The posts list's queries and bulk actions, asked of the content service; the permission of
every action on every post is asked of the accounts service before anything changes."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.responses import Response

from inkwell.admin import people
from inkwell.admin.context import AdminContext
from inkwell.admin.web import error_response
from inkwell.content import service as content

PER_PAGE = 20


@dataclass(frozen=True)
class BulkChoice:
    """An action of the bulk form: its value, its label, the permission each post needs."""

    value: str
    label: str
    permission: str


BULK_ACTIONS = (
    BulkChoice("publish", "Publish", "posts.publish"),
    BulkChoice("unpublish", "Unpublish", "posts.publish"),
    BulkChoice("add_tag", "Add tag", "posts.edit"),
    BulkChoice("remove_tag", "Remove tag", "posts.edit"),
    BulkChoice("delete", "Delete", "posts.delete"),
)


def bulk_actions(ctx: AdminContext, kind: content.PostType) -> list[BulkChoice]:
    """The actions ``ctx.staff`` may take on some post of this kind."""
    if kind == content.PostType.PAGE:
        tagless = [a for a in BULK_ACTIONS if not a.value.endswith("_tag")]
        return tagless if ctx.can("pages.manage") else []
    return [action for action in BULK_ACTIONS if ctx.can(action.permission)]


async def find(
    ctx: AdminContext,
    kind: content.PostType,
    *,
    status: str,
    tag: str,
    author: str,
    sort: str,
    query: str,
    page: int,
) -> content.PostPage:
    """One page of the list (unknown filter values have been dropped by the caller)."""
    wanted = content.admin_filter(
        type=kind,
        status=status or None,
        tag=tag or None,
        author=author or None,
        q=query or None,
        sort=sort,
        page=page,
        per_page=PER_PAGE,
    )
    return await content.find_posts(ctx.session, wanted)


async def tag_options(ctx: AdminContext) -> list[tuple[str, str]]:
    """(slug, name) of every tag, for the tag filter and the editor's suggestions."""
    return [(count.tag.slug, count.tag.name) for count in await content.list_tags(ctx.session)]


async def author_options(ctx: AdminContext) -> list[people.Person]:
    """Everyone who may be named an author (the staff)."""
    return await people.staff(ctx)


async def apply_bulk(
    ctx: AdminContext, ids: list[str], action: str, tag_name: str
) -> Response | None:
    """Apply ``action`` to the posts ``ids``; a refusal as a response (nothing done), else None.

    Every post is checked before any is changed: one refusal refuses the batch.
    """
    chosen = next((a for a in BULK_ACTIONS if a.value == action), None)
    if chosen is None:
        return error_response(ctx.request, 400, "Choose an action for the selected posts.")
    if not ids:
        return error_response(ctx.request, 400, "Select at least one post first.")
    if chosen.value.endswith("_tag") and not tag_name.strip():
        return error_response(ctx.request, 400, "Name the tag to add or remove.")
    if chosen.value == "add_tag":
        known = {name.lower() for _, name in await tag_options(ctx)}
        if tag_name.strip().lower() not in known:
            ctx.require("tags.create")
    for post_id in ids:
        post = await content.get_post(ctx.session, post_id)
        if post is None:
            return error_response(ctx.request, 404, f"No post has the id {post_id}.")
        ctx.require(chosen.permission, post=post)
    try:
        await content.bulk_action(ctx.session, chosen.value, ids, tag=tag_name or None)
    except (ValueError, content.TagInputError) as exc:
        await ctx.session.rollback()
        return error_response(ctx.request, 400, str(exc)[:1].upper() + str(exc)[1:] + ".")
    return None
