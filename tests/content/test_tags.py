"""Tags: created from names, edited and deleted through the service, each change announced."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.core import events
from tests.factories import make_post


async def test_a_new_tag_is_announced(session: AsyncSession, heard: list[events.Event]) -> None:
    await make_post(session, tags=["Garden Notes"])
    await session.commit()
    added = [e for e in heard if e.kind == "tag"]
    assert [(e.name, dict(e.data)) for e in added] == [("tag.added", {"slug": "garden-notes"})]


async def test_editing_a_tag_announces_its_old_and_new_slug(
    session: AsyncSession, heard: list[events.Event]
) -> None:
    await make_post(session, tags=["old"])
    await session.commit()
    heard.clear()
    tag = await service.edit_tag(session, "old", name="New", new_slug="new_one")
    await session.commit()
    assert (tag.name, tag.slug) == ("New", "new_one")
    assert [(e.name, dict(e.data)) for e in heard] == [
        ("tag.edited", {"slug": "new_one", "previous_slug": "old"})
    ]


async def test_a_taken_slug_gets_a_suffix(session: AsyncSession) -> None:
    await make_post(session, tags=["a", "b"])
    tag = await service.edit_tag(session, "b", new_slug="a")
    assert tag.slug == "a-2"


async def test_deleting_a_tag_keeps_its_posts(
    session: AsyncSession, heard: list[events.Event]
) -> None:
    post = await make_post(session, tags=["gone", "kept"])
    await session.commit()
    heard.clear()
    await service.delete_tag(session, "gone")
    await session.commit()
    assert [(e.name, dict(e.data)) for e in heard] == [
        ("tag.deleted", {"slug": "gone", "previous_slug": "gone"})
    ]
    await session.refresh(post, ["tag_links"])
    assert [t.slug for t in post.tags] == ["kept"]


async def test_editing_a_missing_tag_says_so(session: AsyncSession) -> None:
    with pytest.raises(service.TagNotFound, match="no tag has the slug 'nope'"):
        await service.edit_tag(session, "nope", name="x")


async def test_a_tag_is_created_with_a_slug_made_from_its_name(session: AsyncSession) -> None:
    tag = await service.create_tag(session, "  Garden   Notes ", description="Green things")
    assert (tag.name, tag.slug, tag.description) == ("Garden Notes", "garden-notes", "Green things")


async def test_an_internal_tag_gets_a_hash_slug(session: AsyncSession) -> None:
    tag = await service.create_tag(session, "#featured-home")
    assert (tag.slug, tag.is_internal) == ("hash-featured-home", True)


@pytest.mark.parametrize(
    ("name", "slug", "message"),
    [
        ("", None, "a tag needs a name"),
        ("t" * 192, None, "at most 191 characters"),
        ("Other", "taken", "exists already"),
        ("Taken", None, "exists already"),
    ],
)
async def test_bad_tags_are_refused(
    session: AsyncSession, name: str, slug: str | None, message: str
) -> None:
    await service.create_tag(session, "Taken")
    with pytest.raises(service.TagInputError, match=message):
        await service.create_tag(session, name, slug=slug)


async def test_renaming_a_tag_to_a_too_long_name_is_refused(session: AsyncSession) -> None:
    await service.create_tag(session, "short")
    with pytest.raises(service.TagInputError, match="at most 191"):
        await service.edit_tag(session, "short", name="n" * 192)


async def test_tags_are_listed_with_their_post_counts(session: AsyncSession) -> None:
    await make_post(session, tags=["b-tag", "#hidden"])
    await make_post(session, tags=["b-tag"], status="draft")
    await service.create_tag(session, "Alone")
    found = await service.list_tags(session)
    assert [(c.tag.name, c.posts) for c in found] == [("#hidden", 1), ("Alone", 0), ("b-tag", 2)]
    public = await service.list_tags(session, include_internal=False, q="TAG")
    assert [c.tag.name for c in public] == ["b-tag"]
