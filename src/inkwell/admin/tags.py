"""The tags page ``/admin/tags/``: every tag with its number of posts (internal ``#`` tags
apart), and forms to create, edit and delete them."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, see_other
from inkwell.content import service as content

router = APIRouter(route_class=AdminRoute)


def _sentence(exc: Exception) -> str:
    text = str(exc).strip("'\"")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


async def _page(
    ctx: AdminContext,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    counts = await content.list_tags(ctx.session)
    return ctx.page(
        "tags.html",
        section="tags",
        title="Tags",
        status_code=status_code,
        public=[c for c in counts if not c.tag.is_internal],
        internal=[c for c in counts if c.tag.is_internal],
        errors=errors or {},
        values=values or {"name": "", "slug": "", "description": ""},
    )


@router.get("/admin/tags/", include_in_schema=False)
async def tags_list(ctx: AdminDep) -> Response:
    """Public and internal tags with their post counts."""
    ctx.require("tags.manage")
    return await _page(ctx)


@router.post("/admin/tags/", include_in_schema=False)
async def create(ctx: AdminDep) -> Response:
    """A new tag (``#name`` for an internal one)."""
    ctx.require("tags.manage")
    form = await ctx.request.form()
    values = {key: str(form.get(key, "")) for key in ("name", "slug", "description")}
    try:
        await content.create_tag(
            ctx.session,
            values["name"],
            slug=values["slug"] or None,
            description=values["description"] or None,
        )
    except content.TagInputError as exc:
        await ctx.session.rollback()
        field = "tag-slug" if "slug" in str(exc) else "tag-name"
        return await _page(ctx, errors={field: _sentence(exc)}, values=values, status_code=422)
    await ctx.session.commit()
    return see_other("/admin/tags/", done="created")


@router.get("/admin/tags/{slug}/edit", include_in_schema=False)
async def edit_form(ctx: AdminDep, slug: str) -> Response:
    """The form for one tag."""
    ctx.require("tags.manage")
    found = next((c for c in await content.list_tags(ctx.session) if c.tag.slug == slug), None)
    if found is None:
        raise content.TagNotFound(slug)
    values = {
        "name": found.tag.name,
        "slug": found.tag.slug,
        "description": found.tag.description or "",
    }
    return ctx.page(
        "tag_edit.html",
        section="tags",
        title=f"Tag: {found.tag.name}",
        tag=found.tag,
        posts=found.posts,
        values=values,
        errors={},
    )


@router.post("/admin/tags/{slug}/edit", include_in_schema=False)
async def edit(ctx: AdminDep, slug: str) -> Response:
    """Rename a tag, change its slug or description."""
    ctx.require("tags.manage")
    form = await ctx.request.form()
    values = {key: str(form.get(key, "")) for key in ("name", "slug", "description")}
    try:
        await content.edit_tag(
            ctx.session,
            slug,
            name=values["name"],
            new_slug=values["slug"] or None,
            description=values["description"],
        )
    except ValueError as exc:  # TagInputError: a name or slug refused
        await ctx.session.rollback()
        found = next(c for c in await content.list_tags(ctx.session) if c.tag.slug == slug)
        field = "tag-slug" if "slug" in str(exc) else "tag-name"
        return ctx.page(
            "tag_edit.html",
            section="tags",
            title=f"Tag: {found.tag.name}",
            tag=found.tag,
            posts=found.posts,
            values=values,
            errors={field: _sentence(exc)},
            status_code=422,
        )
    await ctx.session.commit()
    return see_other("/admin/tags/", done="saved")


@router.post("/admin/tags/{slug}/delete", include_in_schema=False)
async def delete(ctx: AdminDep, slug: str) -> Response:
    """Delete a tag; its posts keep their other tags."""
    ctx.require("tags.manage")
    await content.delete_tag(ctx.session, slug)
    await ctx.session.commit()
    return see_other("/admin/tags/", done="deleted")
