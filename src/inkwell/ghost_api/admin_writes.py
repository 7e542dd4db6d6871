"""What an Admin API write may do to posts and pages, as Ghost's Admin API does it.

- A new post is a draft unless ``status`` says otherwise; ``published`` without a date is dated
  now; ``scheduled`` needs a ``published_at`` at least two minutes ahead.
- Tags are named by id, slug or name; a name or slug no tag has makes a new tag. Authors are
  named by id, email, slug or name and must exist: the API never makes staff.
- An edit sends the ``updated_at`` it read: when the post has changed since, the edit is refused
  with ``UpdateCollisionError`` and nothing is written. Fields the edit does not send keep
  their stored values.

Content's own rules (slugs, rendering, events, the version check itself) stay in
``content.service``; this module only turns a checked request into its calls.
"""

from __future__ import annotations

from datetime import timedelta

import pydantic
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.content.service import AuthorRef, Post, PostInput, PostType, Tag, User
from inkwell.core.time import utcnow
from inkwell.ghost_api.admin_input import PostChanges, Ref
from inkwell.ghost_api.errors import (
    NoPermissionError,
    NotFoundError,
    UpdateCollisionError,
    ValidationError,
)
from inkwell.render import RenderOptions

# Ghost refuses to schedule a post sooner than this.
SCHEDULE_LEAD = timedelta(minutes=2)


def not_found(kind: PostType | str, action: str = "read") -> NotFoundError:
    """Ghost's answer for an id or slug that is no post (or no page, no tag...)."""
    resource = str(kind)
    return NotFoundError(
        f"Resource not found error, cannot {action} {resource}.",
        context=f"{resource.capitalize()} not found.",
    )


async def stored_post(
    session: AsyncSession, post_id: str, kind: PostType, action: str = "read"
) -> Post:
    """The post (or page, by ``kind``) with this id; NotFoundError otherwise."""
    post = await content.get_post(session, post_id)
    if post is None or post.type != kind:
        raise not_found(kind, action)
    return post


async def resolve_tags(
    session: AsyncSession, refs: list[Ref], *, may_create: bool = True
) -> list[str]:
    """The names of the tags ``refs`` name, in order; new ones are created (an unknown id is
    refused: it names nothing that could be made). Without ``may_create`` (a contributor) a
    tag that does not exist is refused with NoPermissionError."""
    names: list[str] = []
    for ref in refs:
        tag: Tag | None
        if ref.id is not None:
            tag = await content.find_tag(session, id=ref.id)
            if tag is None:
                raise ValidationError(
                    "Validation error, cannot save post.",
                    property="tags",
                    context=f"No tag has the id {ref.id}.",
                )
        elif ref.text is not None:
            tag = await content.find_tag(session, name=ref.text)
        else:
            tag = await content.find_tag(session, slug=ref.slug, name=ref.name)
        if tag is None and not may_create:
            raise NoPermissionError(
                "You do not have permission to perform this action",
                context=f"Permission error: cannot create the tag {ref.label()!r}.",
            )
        if tag is None and ref.slug is not None:
            tag = await _new_tag(session, ref.name or ref.slug, ref.slug)
        names.append(tag.name if tag is not None else (ref.text or ref.name or ""))
    return names


async def _new_tag(session: AsyncSession, name: str, slug: str) -> Tag:
    try:
        return await content.create_tag(session, name, slug=slug)
    except content.TagInputError as exc:
        raise ValidationError(
            "Validation error, cannot save post.", property="tags", context=str(exc)
        ) from exc


async def resolve_authors(session: AsyncSession, refs: list[Ref]) -> list[AuthorRef]:
    """The authors ``refs`` name, in order; an unknown one is a ValidationError naming it."""
    found: list[AuthorRef] = []
    for ref in refs:
        user: User | None
        if ref.text is not None:
            user = await content.find_author(session, ref.text)
        else:
            user = await content.find_author_by(
                session, id=ref.id, email=ref.email, slug=ref.slug, name=ref.name
            )
        if user is None:
            raise ValidationError(
                "Validation error, cannot save post.",
                property="authors",
                context=f"No author is {ref.label()!r}: authors must be existing staff users.",
            )
        found.append(AuthorRef(name=user.name, email=user.email, slug=user.slug))
    return found


def _check_schedule(data: PostInput, before: Post | None) -> None:
    if data.status != "scheduled":
        return
    if data.published_at is None:
        raise ValidationError("Value in [published_at] cannot be blank.", property="published_at")
    unchanged = (
        before is not None
        and before.status == "scheduled"
        and before.published_at == data.published_at
    )
    if not unchanged and data.published_at < utcnow() + SCHEDULE_LEAD:
        minutes = int(SCHEDULE_LEAD.total_seconds() // 60)
        raise ValidationError(
            f"Date must be at least {minutes} minutes in the future.", property="published_at"
        )


def _validated(values: dict[str, object], action: str, resource: str) -> PostInput:
    try:
        return PostInput.model_validate(values)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or resource
        raise ValidationError(
            f"Validation error, cannot {action} {resource}.",
            property=name,
            context=f"{name}: {first['msg']}",
        ) from exc


async def _values(
    session: AsyncSession, changes: PostChanges, base: dict[str, object], may_create_tags: bool
) -> dict[str, object]:
    values = {**base, **changes.fields}
    if changes.source is not None:
        values["source_format"] = changes.source.format
        values["source"] = changes.source.text
        # The Admin API is staff (or their integrations): their HTML is kept as they sent it.
        values["trusted"] = True
    if changes.tags is not None:
        values["tags"] = await resolve_tags(session, changes.tags, may_create=may_create_tags)
    if changes.authors is not None:
        values["authors"] = await resolve_authors(session, changes.authors)
    return values


async def add_post(
    session: AsyncSession,
    changes: PostChanges,
    kind: PostType,
    options: RenderOptions,
    *,
    default_author_id: str | None,
    may_create_tags: bool = True,
) -> Post:
    """Create the post (or page) ``changes`` describes; ``default_author_id`` when it names
    no author (the staff member calling, or the owner for an integration)."""
    resource = str(kind)
    values = await _values(session, changes, {"type": kind}, may_create_tags)
    data = _validated(values, "save", resource)
    _check_schedule(data, None)
    result = await content.save_post(session, data, options, default_author_id=default_author_id)
    return result.post


async def edit_post(
    session: AsyncSession,
    post_id: str,
    changes: PostChanges,
    kind: PostType,
    options: RenderOptions,
    *,
    may_create_tags: bool = True,
) -> Post:
    """Apply ``changes`` to the stored post if it is still at ``changes.updated_at``.

    NotFoundError when there is no such post (of this kind); UpdateCollisionError, with
    nothing written, when it changed since that version.
    """
    resource = str(kind)
    post = await stored_post(session, post_id, kind, "edit")
    expected = changes.updated_at
    if expected is None or post.updated_at != expected:
        raise _collision()
    current = await content.post_input_of(session, post)
    base = current.model_dump()
    values = await _values(session, changes, base, may_create_tags)
    data = _validated(values, "edit", resource)
    _check_schedule(data, post)
    try:
        result = await content.update_post(
            session, post.id, data, options, expected_updated_at=expected
        )
    except content.ConflictError as exc:
        raise _collision() from exc
    return result.post


def _collision() -> UpdateCollisionError:
    return UpdateCollisionError(
        "Saving failed! Someone else is editing this post.", code="UPDATE_COLLISION"
    )


async def delete_post(session: AsyncSession, post_id: str, kind: PostType) -> None:
    """Delete the post (or page); NotFoundError when there is none of this kind."""
    post = await stored_post(session, post_id, kind, "delete")
    await content.delete_post(session, post.id)
