"""Saving from the admin's editor: validated by field, version-checked, kept in the history.

``save_from_editor`` is the editor's Save (and autosave): the form is checked first
(``FieldErrors``, nothing written), then the post is created or updated in a savepoint, so a
failure leaves nothing half-saved, and the saved text becomes a revision. When the post changed
since the editor read it, the save is refused with ``EditConflict`` and the refused text is
kept as a ``conflict`` revision: both versions survive, and the message says where. That
revision is written in the caller's transaction, which the caller commits (answering 409).
A published post whose new slug or date gives it another URL keeps the old one as a redirect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import revisions, site_settings
from inkwell.content.editor_input import EditorPost, validate_editor_input
from inkwell.content.models import Post, PostRevision
from inkwell.content.publishing import ConflictError, PostNotFound, update_post
from inkwell.content.queries import path_of
from inkwell.content.redirects import add_redirect
from inkwell.content.saving import SaveResult, render_options, save_post
from inkwell.content.schemas import AuthorRef, PostInput, PostStatus


class EditConflict(ConflictError):
    """A save refused because the post changed since it was read; the refused text is kept.

    ``revision_id`` names the ``conflict`` revision holding the text that was not saved.
    """

    def __init__(self, refused: ConflictError, revision: PostRevision) -> None:
        Exception.__init__(
            self,
            f"{refused}. Nothing was overwritten: your version is kept in the post's history "
            f"(revision {revision.id}), so you can compare both and restore either",
        )
        self.post_id = refused.post_id
        self.current_updated_at = refused.current_updated_at
        self.revision_id = revision.id


class RevisionNotFound(LookupError):
    """The post has no revision with this id."""

    def __init__(self, revision_id: str) -> None:
        super().__init__(f"this post has no revision {revision_id}")
        self.revision_id = revision_id


@dataclass(frozen=True)
class EditorSave:
    """What a save from the editor did: the post, whether new, its revision, notes to show."""

    post: Post
    created: bool
    revision: PostRevision
    notes: dict[str, str] = field(default_factory=dict)


async def post_input_of(session: AsyncSession, post: Post) -> PostInput:
    """The stored post as an input that would save it unchanged (to change a field or two)."""
    source = (await session.execute(select(Post.source).where(Post.id == post.id))).scalar_one()
    return PostInput(
        id=post.id,
        guid=post.guid,
        type=post.type,
        title=post.title,
        slug=post.slug,
        status=post.status,
        source_format=post.source_format,
        source=source,
        trusted=post.source_trusted,
        custom_excerpt=post.custom_excerpt,
        feature_image=post.feature_image,
        feature_image_alt=post.feature_image_alt,
        feature_image_caption=post.feature_image_caption,
        featured=post.featured,
        published_at=post.published_at,
        canonical_url=post.canonical_url,
        meta_title=post.meta_title,
        meta_description=post.meta_description,
        og_image=post.og_image,
        og_title=post.og_title,
        og_description=post.og_description,
        twitter_image=post.twitter_image,
        twitter_title=post.twitter_title,
        twitter_description=post.twitter_description,
        visibility=post.visibility,
        comment_id=post.comment_id,
        codeinjection_head=post.codeinjection_head,
        codeinjection_foot=post.codeinjection_foot,
        custom_template=post.custom_template,
        tags=[tag.name for tag in post.tags],
        authors=[AuthorRef(name=a.name, email=a.email, slug=a.slug) for a in post.authors],
    )


async def _stored(session: AsyncSession, post_id: str) -> Post:
    post = await session.get(Post, post_id)
    if post is None:
        raise PostNotFound(post_id)
    return post


async def _write(
    session: AsyncSession,
    data: PostInput,
    *,
    post_id: str | None,
    expected_updated_at: datetime | None,
    by: str | None,
    site_url: str,
    reason: revisions.Reason,
) -> tuple[SaveResult, PostRevision]:
    site = await site_settings.load(session)
    options = render_options(site, site_url)
    stored = None if post_id is None else await _stored(session, post_id)
    # A public post whose slug or date moves it keeps its old URL as a redirect to it.
    old_path = path_of(stored, site) if stored is not None and _public(stored) else None
    # A savepoint: should anything fail midway, none of this save stays behind.
    async with session.begin_nested():
        if post_id is None:
            result = await save_post(session, data, options, default_author_id=by)
        else:
            result = await update_post(
                session, post_id, data, options, expected_updated_at=expected_updated_at
            )
        moved = old_path is not None and path_of(result.post, site) != old_path
        if old_path is not None and moved and _public(result.post):
            await add_redirect(session, old_path, result.post.id)
        revision = await revisions.record_current(session, result.post, by=by, reason=reason)
    return result, revision


def _public(post: Post) -> bool:
    return post.status == PostStatus.PUBLISHED


async def save_from_editor(
    session: AsyncSession,
    form: EditorPost,
    *,
    post_id: str | None = None,
    expected_updated_at: datetime | None = None,
    by: str | None = None,
    site_url: str,
    autosave: bool = False,
) -> EditorSave:
    """Create (``post_id`` None) or update a post from the editor's form, as user ``by``.

    An update must name the version the editor read (``expected_updated_at``, the post's
    ``updated_at``). A new post is a draft; a stored one keeps its status. The saved title and
    body become a revision (``autosave`` coalesces with the same person's recent autosave).

    Raises FieldErrors (nothing written) for bad input, PostNotFound, or EditConflict when the
    post changed since that version: nothing is overwritten and the refused text is kept as a
    ``conflict`` revision, which the caller's commit stores.
    """
    stored = None if post_id is None else await _stored(session, post_id)
    site = await site_settings.load(session)
    valid = await validate_editor_input(session, form, site, stored=stored)
    try:
        result, revision = await _write(
            session,
            valid.data,
            post_id=post_id,
            expected_updated_at=expected_updated_at,
            by=by,
            site_url=site_url,
            reason="autosave" if autosave else "save",
        )
    except ConflictError as refused:
        kept = await revisions.record_revision(
            session,
            refused.post_id,
            title=valid.data.title,
            source=valid.data.source,
            source_format=valid.data.source_format,
            by=by,
            reason="conflict",
        )
        raise EditConflict(refused, kept) from refused
    return EditorSave(result.post, result.created, revision, valid.notes)


async def restore_revision(
    session: AsyncSession,
    post_id: str,
    revision_id: str,
    *,
    expected_updated_at: datetime | None,
    by: str | None = None,
    site_url: str,
) -> EditorSave:
    """Make a revision's title and body the post's again: a new save, version-checked.

    Everything else about the post (tags, dates, status) stays. The restored text is recorded
    as a ``restore`` revision. Raises PostNotFound, RevisionNotFound, or ConflictError when the
    post changed since ``expected_updated_at`` (nothing is written; the revision is still there).
    """
    post = await _stored(session, post_id)
    revision = await revisions.get_revision(session, post_id, revision_id)
    if revision is None:
        raise RevisionNotFound(revision_id)
    current = await post_input_of(session, post)
    data = current.model_copy(
        update={
            "title": revision.title,
            "source": revision.source,
            "source_format": revision.source_format,
        }
    )
    result, recorded = await _write(
        session,
        data,
        post_id=post_id,
        expected_updated_at=expected_updated_at,
        by=by,
        site_url=site_url,
        reason="restore",
    )
    return EditorSave(result.post, result.created, recorded)


async def record_post_revision(
    session: AsyncSession,
    post_id: str,
    *,
    by: str | None = None,
    reason: revisions.Reason = "publish",
) -> PostRevision:
    """Keep the post's stored title and body as a revision, e.g. right after publishing it.

    Raises PostNotFound. (Saves and restores through this module record their own.)
    """
    return await revisions.record_current(
        session, await _stored(session, post_id), by=by, reason=reason
    )
