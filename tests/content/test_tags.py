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
