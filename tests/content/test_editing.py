"""Saving from the editor: new drafts, updates, refused conflicts keeping both versions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.content.models import Post
from inkwell.content.service import EditorPost
from inkwell.core.db import Database
from tests.factories import make_post

SITE = "http://blog.test"


async def test_a_new_post_from_the_editor_is_a_draft_by_its_writer(session: AsyncSession) -> None:
    ada = await service.create_author_profile(session, name="Ada", email="ada@example.com")
    form = EditorPost(title="Fresh", source="# Hi", tags=["news"])
    saved = await service.save_from_editor(session, form, by=ada.id, site_url=SITE)
    assert saved.created
    assert (saved.post.status, saved.post.slug) == ("draft", "fresh")
    assert [a.id for a in saved.post.authors] == [ada.id]
    assert [t.name for t in saved.post.tags] == ["news"]


async def test_saving_a_published_post_keeps_it_published(session: AsyncSession) -> None:
    post = await make_post(session, slug="live")
    form = EditorPost(title="Edited live post", source="New words")
    saved = await service.save_from_editor(
        session, form, post_id=post.id, expected_updated_at=post.updated_at, site_url=SITE
    )
    assert (saved.post.status, saved.post.slug, saved.created) == ("published", "live", False)
    assert "New words" in saved.post.html


async def test_bad_input_writes_nothing(session: AsyncSession) -> None:
    form = EditorPost(title="", source="Lost?")
    with pytest.raises(service.FieldErrors):
        await service.save_from_editor(session, form, site_url=SITE)
    assert (await session.execute(select(func.count()).select_from(Post))).scalar() == 0


async def test_a_stale_save_is_refused_and_both_versions_are_kept(database: Database) -> None:
    async with database.session() as session:
        post = await make_post(session, title="Shared", source="Original.")
        read_at = post.updated_at
        first = EditorPost(title="Shared", source="Tab one's edit.")
        await service.save_from_editor(
            session, first, post_id=post.id, expected_updated_at=read_at, site_url=SITE
        )
    async with database.session() as session:
        second = EditorPost(title="Shared", source="Tab two's edit.")
        with pytest.raises(service.EditConflict, match="your version is kept") as caught:
            await service.save_from_editor(
                session, second, post_id=post.id, expected_updated_at=read_at, site_url=SITE
            )
        # The admin answers 409 and its session commits: the refused text stays.
    async with database.session() as session:
        stored = await service.get_post(session, post.id)
        assert stored is not None and "Tab one" in stored.html
        kept = await service.get_revision(session, post.id, caught.value.revision_id)
        assert kept is not None
        assert (kept.reason, kept.source) == ("conflict", "Tab two's edit.")


async def test_a_conflict_names_the_current_version(session: AsyncSession) -> None:
    post = await make_post(session, title="Shared")
    stale = post.updated_at
    await service.publish_post(session, post.id, expected_updated_at=stale)  # moved on
    with pytest.raises(service.EditConflict) as caught:
        await service.save_from_editor(
            session,
            EditorPost(title="Mine"),
            post_id=post.id,
            expected_updated_at=stale,
            site_url=SITE,
        )
    assert caught.value.current_updated_at == post.updated_at
    assert isinstance(caught.value, service.ConflictError)


async def test_saving_a_missing_post_says_so(session: AsyncSession) -> None:
    with pytest.raises(service.PostNotFound):
        await service.save_from_editor(
            session, EditorPost(title="X"), post_id="0" * 24, site_url=SITE
        )


async def test_an_edited_tag_slug_is_not_made_twice(session: AsyncSession) -> None:
    post = await make_post(session, tags=["Python"])
    await service.edit_tag(session, "python", new_slug="py")
    form = EditorPost(title=post.title, tags=["Python"])
    saved = await service.save_from_editor(
        session, form, post_id=post.id, expected_updated_at=post.updated_at, site_url=SITE
    )
    assert [t.slug for t in saved.post.tags] == ["py"]


async def test_a_published_posts_new_slug_keeps_the_old_url(session: AsyncSession) -> None:
    post = await make_post(session, slug="first-name")
    old_path = service.path_of(post, await service.load_settings(session))
    form = EditorPost(title=post.title, slug="second-name")
    saved = await service.save_from_editor(
        session, form, post_id=post.id, expected_updated_at=post.updated_at, site_url=SITE
    )
    assert saved.post.slug == "second-name"
    found = await service.resolve_redirect(session, old_path)
    assert found is not None and found.post is not None and found.post.id == post.id


async def test_a_drafts_new_slug_leaves_no_redirect(session: AsyncSession) -> None:
    post = await make_post(session, slug="draft-name", status="draft")
    form = EditorPost(title=post.title, slug="other-name")
    await service.save_from_editor(
        session, form, post_id=post.id, expected_updated_at=post.updated_at, site_url=SITE
    )
    assert await service.list_redirects(session) == []


async def test_a_nul_character_is_refused_by_field(session: AsyncSession) -> None:
    with pytest.raises(service.FieldErrors) as caught:
        await service.save_from_editor(
            session, EditorPost(title="Nul", source="a\x00b", tags=["x\x00"]), site_url=SITE
        )
    assert set(caught.value.errors) == {"source", "tags"}


async def test_repeated_refused_autosaves_make_one_conflict_revision(
    session: AsyncSession,
) -> None:
    post = await make_post(session, title="Shared")
    stale = post.updated_at
    await service.publish_post(session, post.id)  # someone else moved it on
    ids = set()
    for text in ("Typing", "Typing more", "Typing even more"):
        with pytest.raises(service.EditConflict) as caught:
            await service.save_from_editor(
                session,
                EditorPost(title="Shared", source=text),
                post_id=post.id,
                expected_updated_at=stale,
                site_url=SITE,
                autosave=True,
            )
        ids.add(caught.value.revision_id)
    assert len(ids) == 1
    kept = await service.get_revision(session, post.id, ids.pop())
    assert kept is not None and kept.source == "Typing even more"
