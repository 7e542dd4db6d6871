"""Saving what the editor posted, for the plain form and for autosave alike.

The steps: whether the role may do what the pressed button asks, the content service's save
(every field checked, a message per refused field, nothing written then; a stale version
refused with the writer's text kept as a revision), then the status change the button asked
for, in the same transaction: a failure anywhere leaves nothing half-saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from starlette.responses import Response

from inkwell.admin.context import AdminContext
from inkwell.admin.display import when
from inkwell.admin.editor_form import EditorForm, form_errors, parse_version, read_form
from inkwell.admin.editor_page import editor_page
from inkwell.admin.web import see_other
from inkwell.content import service as content
from inkwell.core.time import utcnow

ACTIONS = ("save", "publish", "schedule", "unpublish")
_DONE = {
    "save": "saved",
    "publish": "published",
    "schedule": "scheduled",
    "unpublish": "unpublished",
}


@dataclass
class Outcome:
    """What a save did: the saved post, or the refusal (field errors or a conflict)."""

    post: content.Post | None = None
    errors: dict[str, str] = field(default_factory=dict)
    conflict: str | None = None
    current_version: datetime | None = None


def conflict_message(current: datetime | None, timezone: str) -> str:
    """What a writer is told when their save came too late."""
    at = f" at {when(current, timezone)}" if current is not None else ""
    return (
        f"Not saved: this post was changed elsewhere{at} (in another tab, or by someone else) "
        "after you opened it. Nothing was overwritten: your text is still here and kept in the "
        "post's history. Open the current version to compare before saving again."
    )


def _check_permission(
    ctx: AdminContext,
    kind: content.PostType,
    post: content.Post | None,
    action: str,
    form: EditorForm,
) -> None:
    """Raise PermissionDenied (a 403 page) for what the role may not do."""
    if action != "save" and kind == content.PostType.POST:
        ctx.require("posts.publish", post=post)
    if post is not None and form.feature_image and form.feature_image != (post.feature_image or ""):
        ctx.require("media.upload", post=post)


async def _unknown_tags(ctx: AdminContext, form: EditorForm) -> list[str]:
    if ctx.can("tags.create"):
        return []
    known = {count.tag.name.lower() for count in await content.list_tags(ctx.session)}
    return [name for name in form.tag_names() if name.lower() not in known]


def _schedule_time(form: EditorForm, timezone: str) -> tuple[datetime | None, str | None]:
    """When a Schedule press asks the post to appear, or the message why it cannot."""
    day, time = form.publish_date_and_time()
    if not day:
        return None, "To schedule, choose the publish date and time."
    try:
        moment = content.read_local(day, time, timezone).utc
    except content.LocalTimeError as exc:
        return None, str(exc)[:1].upper() + str(exc)[1:] + "."
    if moment <= utcnow():
        return None, "To schedule, choose a time still to come."
    return moment, None


async def save(
    ctx: AdminContext,
    kind: content.PostType,
    post: content.Post | None,
    form: EditorForm,
    action: str,
    *,
    autosave: bool = False,
) -> Outcome:
    """Save ``form`` over ``post`` (None: a new post), then do what the button ``action`` asks.

    Nothing is committed here: the caller commits (a conflict's kept revision too) or, when
    ``errors`` are set, has had nothing written.
    """
    outcome = Outcome()
    if action not in ACTIONS:
        outcome.errors["form"] = "Use one of the editor's buttons to save."
        return outcome
    _check_permission(ctx, kind, post, action, form)
    scheduled_at = None
    if action == "schedule":
        scheduled_at, problem = _schedule_time(form, ctx.timezone)
        if problem:
            outcome.errors["published_at"] = problem
    if new_tags := await _unknown_tags(ctx, form):
        outcome.errors["tags"] = (
            "Your role may use existing tags only; not a tag yet: " + ", ".join(new_tags) + "."
        )
    version = None if post is None else parse_version(form.expected_updated_at)
    if post is not None and version is None:
        outcome.conflict = conflict_message(post.updated_at, ctx.timezone)
        return outcome
    editor_post = form.editor_post(kind, choose_authors=ctx.sees_all_posts)
    if outcome.errors:  # refused already: still name every other bad field, write nothing
        try:
            await content.validate_editor_input(ctx.session, editor_post, ctx.site, stored=post)
        except content.FieldErrors as exc:
            outcome.errors = {**form_errors(exc.errors), **outcome.errors}
        return outcome
    try:
        saved = await content.save_from_editor(
            ctx.session,
            editor_post,
            post_id=None if post is None else post.id,
            expected_updated_at=version,
            by=ctx.staff.user_id,
            site_url=ctx.settings.site_url,
            autosave=autosave,
        )
    except content.FieldErrors as exc:
        outcome.errors = form_errors(exc.errors)
        return outcome
    except content.ConflictError as exc:
        outcome.conflict = conflict_message(exc.current_updated_at, ctx.timezone)
        outcome.current_version = exc.current_updated_at
        return outcome
    target = saved.post
    if action == "publish" and target.status != content.PostStatus.PUBLISHED:
        future = target.published_at is not None and target.published_at > utcnow()
        target = await content.publish_post(ctx.session, target.id, at=utcnow() if future else None)
    elif action == "schedule" and scheduled_at is not None:
        target = await content.schedule_post(ctx.session, target.id, scheduled_at)
    elif action == "unpublish" and target.status != content.PostStatus.DRAFT:
        target = await content.unpublish_post(ctx.session, target.id)
    outcome.post = target
    return outcome


async def save_from_form(
    ctx: AdminContext, kind: content.PostType, post: content.Post | None
) -> Response:
    """The no-JavaScript save: back to the editor when saved, else the editor with why not."""
    posted = await read_form(ctx.request)
    form = EditorForm.from_form(posted)
    action = str(posted.get("action") or "save")
    outcome = await save(ctx, kind, post, form, action)
    if outcome.post is not None:
        await ctx.session.commit()
        return see_other(f"/admin/{kind.value}s/{outcome.post.id}/edit", done=_DONE[action])
    if outcome.conflict is not None:
        await ctx.session.commit()  # keeps the refused text as a revision
        return await editor_page(ctx, kind, post, form, conflict=outcome.conflict, status_code=409)
    return await editor_page(ctx, kind, post, form, errors=outcome.errors, status_code=422)
