"""Revision history: recorded by editor saves, coalesced autosaves, the last 20 kept, restore."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.content.models import PostRevision
from inkwell.content.revisions import KEEP, record_revision
from inkwell.content.service import EditorPost

SITE = "http://blog.test"


async def author(session: AsyncSession, name: str = "Ada") -> str:
    user = await service.create_author_profile(session, name=name, email=f"{name}@example.com")
    return user.id


async def new_post(
    session: AsyncSession, by: str | None = None, **fields: object
) -> service.EditorSave:
    form = EditorPost(title="First title", source="First body.", **fields)  # type: ignore[arg-type]
    return await service.save_from_editor(session, form, by=by, site_url=SITE)


async def save(
    session: AsyncSession,
    saved: service.EditorSave,
    *,
    by: str | None = None,
    autosave: bool = False,
    **fields: object,
) -> service.EditorSave:
    form = EditorPost(**{"title": saved.post.title, "source": "", **fields})  # type: ignore[arg-type]
    return await service.save_from_editor(
        session,
        form,
        post_id=saved.post.id,
        expected_updated_at=saved.post.updated_at,
        by=by,
        site_url=SITE,
        autosave=autosave,
    )


async def test_a_new_post_starts_its_history(session: AsyncSession) -> None:
    by = await author(session)
    saved = await new_post(session, by=by)
    found = await service.list_revisions(session, saved.post.id)
    assert [(r.title, r.source, r.reason, r.author_id) for r in found] == [
        ("First title", "First body.", "save", by)
    ]


async def test_each_save_adds_a_revision_newest_first(session: AsyncSession) -> None:
    saved = await new_post(session)
    saved = await save(session, saved, source="Second body.")
    await save(session, saved, source="Third body.")
    found = await service.list_revisions(session, saved.post.id)
    assert [r.source for r in found] == ["Third body.", "Second body.", "First body."]


async def test_a_save_that_changes_nothing_adds_no_revision(session: AsyncSession) -> None:
    saved = await new_post(session)
    again = await save(session, saved, source="First body.")
    assert again.revision.id == saved.revision.id
    assert len(await service.list_revisions(session, saved.post.id)) == 1


async def test_an_autosave_soon_after_the_same_persons_autosave_replaces_it(
    session: AsyncSession,
) -> None:
    by = await author(session)
    saved = await new_post(session, by=by)
    first = await save(session, saved, by=by, autosave=True, source="Typing")
    second = await save(session, first, by=by, autosave=True, source="Typing more")
    assert second.revision.id == first.revision.id
    found = await service.list_revisions(session, saved.post.id)
    assert [(r.source, r.reason) for r in found] == [
        ("Typing more", "autosave"),
        ("First body.", "save"),
    ]


async def test_an_autosave_by_someone_else_is_its_own_revision(session: AsyncSession) -> None:
    ada, bob = await author(session, "Ada"), await author(session, "Bob")
    saved = await new_post(session, by=ada)
    first = await save(session, saved, by=ada, autosave=True, source="Ada typing")
    second = await save(session, first, by=bob, autosave=True, source="Bob typing")
    assert second.revision.id != first.revision.id


async def test_an_autosave_long_after_the_last_one_is_its_own_revision(
    session: AsyncSession,
) -> None:
    by = await author(session)
    saved = await new_post(session, by=by)
    first = await save(session, saved, by=by, autosave=True, source="Morning")
    # The first autosave happened an hour ago.
    await session.execute(
        update(PostRevision)
        .where(PostRevision.id == first.revision.id)
        .values(created_at=first.revision.created_at - timedelta(hours=1))
    )
    second = await save(session, first, by=by, autosave=True, source="Afternoon")
    assert second.revision.id != first.revision.id


async def test_only_the_last_twenty_revisions_are_kept(session: AsyncSession) -> None:
    saved = await new_post(session)
    for n in range(KEEP + 5):
        await record_revision(
            session,
            saved.post.id,
            title="T",
            source=f"body {n}",
            source_format="markdown",
            by=None,
        )
    found = await service.list_revisions(session, saved.post.id)
    assert len(found) == KEEP
    assert found[0].source == f"body {KEEP + 4}"
    assert found[-1].source == "body 5"


async def test_a_revision_of_another_post_is_not_found(session: AsyncSession) -> None:
    one, other = await new_post(session), await new_post(session)
    assert await service.get_revision(session, other.post.id, one.revision.id) is None
    found = await service.get_revision(session, one.post.id, one.revision.id)
    assert found is not None and found.id == one.revision.id


async def test_restoring_makes_the_old_text_current_as_a_new_revision(
    session: AsyncSession,
) -> None:
    saved = await new_post(session, tags=["kept"])
    first = saved.revision
    saved = await save(session, saved, title="Second title", source="Second body.", tags=["kept"])
    restored = await service.restore_revision(
        session,
        saved.post.id,
        first.id,
        expected_updated_at=saved.post.updated_at,
        site_url=SITE,
    )
    assert (restored.post.title, restored.revision.reason) == ("First title", "restore")
    assert "First body." in restored.post.html
    assert [t.name for t in restored.post.tags] == ["kept"]
    found = await service.list_revisions(session, saved.post.id)
    assert [r.reason for r in found] == ["restore", "save", "save"]


async def test_restoring_over_a_newer_version_is_a_conflict(session: AsyncSession) -> None:
    saved = await new_post(session)
    stale = saved.post.updated_at
    await save(session, saved, source="Someone else's edit.")
    with pytest.raises(service.ConflictError):
        await service.restore_revision(
            session, saved.post.id, saved.revision.id, expected_updated_at=stale, site_url=SITE
        )


async def test_restoring_a_missing_revision_says_so(session: AsyncSession) -> None:
    saved = await new_post(session)
    with pytest.raises(service.RevisionNotFound, match="has no revision"):
        await service.restore_revision(
            session, saved.post.id, "0" * 24, expected_updated_at=None, site_url=SITE
        )


async def test_a_deleted_post_takes_its_revisions(session: AsyncSession) -> None:
    saved = await new_post(session)
    await service.delete_post(session, saved.post.id)
    assert await service.list_revisions(session, saved.post.id) == []


async def test_publishing_can_be_recorded_in_the_history(session: AsyncSession) -> None:
    saved = await new_post(session)
    await service.publish_post(session, saved.post.id)
    found = await service.record_post_revision(session, saved.post.id)
    assert (found.reason, found.source) == ("publish", "First body.")
    assert len(await service.list_revisions(session, saved.post.id)) == 2
