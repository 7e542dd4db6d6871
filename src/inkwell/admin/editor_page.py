"""The editor page itself: which buttons the staff member gets for this post's state, the
options of the author and tag fields, and the preview of what the form holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from inkwell.admin import listing
from inkwell.admin.comment_switch import switch_context
from inkwell.admin.context import AdminContext
from inkwell.admin.editor_form import EditorForm
from inkwell.admin.post_stats import post_stats
from inkwell.admin.preview import preview_html
from inkwell.admin.privacy_notice import privacy_notice
from inkwell.content import service as content

# The card toolbar: (label, card kind); editor.js inserts each kind's syntax at the caret.
TOOLBAR = (
    ("Image", "image"),
    ("Code", "code"),
    ("Callout", "callout"),
    ("Bookmark", "bookmark"),
    ("Embed", "embed"),
    ("Quote", "quote-alt"),
    ("HTML", "html"),
    ("Table", "table"),
    ("Divider", "divider"),
)


@dataclass(frozen=True)
class Button:
    """An action button of the editor: the ``action`` value posted, its label, its look."""

    action: str
    label: str
    primary: bool = False


def buttons(ctx: AdminContext, kind: content.PostType, post: content.Post | None) -> list[Button]:
    """The buttons for ``post``'s state that the staff member's role allows."""
    publishes = ctx.can("posts.publish", post=post) if post else ctx.can("posts.publish")
    if kind == content.PostType.PAGE:
        publishes = ctx.can("pages.manage")
    status = post.status if post is not None else content.PostStatus.DRAFT
    shown: list[Button] = []
    if status == content.PostStatus.DRAFT:
        shown.append(Button("save", "Save draft", primary=not publishes))
        if publishes:
            shown += [Button("publish", "Publish", primary=True), Button("schedule", "Schedule")]
    else:
        shown.append(Button("save", "Update", primary=True))
        if publishes:
            if status == content.PostStatus.SCHEDULED:
                shown += [Button("publish", "Publish"), Button("schedule", "Schedule")]
            shown.append(Button("unpublish", "Unpublish"))
    return shown


async def editor_page(
    ctx: AdminContext,
    kind: content.PostType,
    post: content.Post | None,
    form: EditorForm,
    *,
    errors: dict[str, str] | None = None,
    conflict: str | None = None,
    status_code: int = 200,
    extra: dict[str, Any] | None = None,
) -> Response:
    """The editor for ``post`` (None: a new one) showing ``form``."""
    noun = "post" if kind == content.PostType.POST else "page"
    action = f"/admin/{noun}s/new" if post is None else f"/admin/{noun}s/{post.id}/edit"
    title = (f"Edit {noun}: {post.title}" if post else f"New {noun}")[:120]
    return ctx.page(
        "editor.html",
        section=f"{noun}s",
        title=title,
        status_code=status_code,
        kind=kind.value,
        noun=noun,
        post=post,
        form=form,
        errors=errors or {},
        conflict=conflict,
        form_action=action,
        buttons=buttons(ctx, kind, post),
        toolbar=TOOLBAR,
        preview=await preview_html(ctx, form.source),
        author_options=[(p.id, p.name) for p in await listing.author_options(ctx)]
        if ctx.sees_all_posts
        else [],
        tag_names=[name for _, name in await listing.tag_options(ctx)],
        may_upload=ctx.can("media.upload", post=post) if post else ctx.can("media.upload"),
        may_delete=post is not None and ctx.can("posts.delete", post=post),
        autosave=post is None or post.status == content.PostStatus.DRAFT,
        code_css="/assets/code.css",
        public_url=content.path_of(post, ctx.site) if post is not None else "",
        preview_links=len(await content.list_preview_links(ctx.session, post.id)) if post else 0,
        **await switch_context(ctx, post),
        **await privacy_notice(ctx, post),
        **await post_stats(ctx, post),
        **(extra or {}),
    )
