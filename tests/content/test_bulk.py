"""Bulk actions on the admin's posts list: what was done, what was skipped and why."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.core import events
from tests.factories import make_post


async def test_publishing_many_posts_skips_those_already_published(session: AsyncSession) -> None:
    draft = await make_post(session, status="draft")
    live = await make_post(session)
    result = await service.bulk_action(session, "publish", [draft.id, live.id, "0" * 24])
    assert result.done == [draft.id]
    assert result.skipped == {live.id: "published already", "0" * 24: "not found"}
    assert draft.status == "published"


async def test_unpublishing_many_posts(session: AsyncSession) -> None:
    live, draft = await make_post(session), await make_post(session, status="draft")
    result = await service.bulk_action(session, service.BulkAction.UNPUBLISH, [live.id, draft.id])
    assert (result.done, result.skipped) == ([live.id], {draft.id: "a draft already"})
    assert live.status == "draft"


async def test_deleting_many_posts(session: AsyncSession) -> None:
    one, two = await make_post(session), await make_post(session)
    result = await service.bulk_action(session, "delete", [one.id, two.id, one.id])
    assert result.done == [one.id, two.id]
    assert await service.count_posts(session) == 0


async def test_adding_a_tag_creates_it_and_announces_each_post(
    session: AsyncSession, heard: list[events.Event]
) -> None:
    one = await make_post(session, tags=["python"])
    two = await make_post(session, tags=["python", "Later"])
    await session.commit()
    heard.clear()
    result = await service.bulk_action(session, "add_tag", [one.id, two.id], tag="Later")
    await session.commit()
    assert (result.done, result.skipped) == ([one.id], {two.id: "has the tag already"})
    assert [t.name for t in one.tags] == ["python", "Later"]
    assert [e.name for e in heard if e.kind == "post"] == ["post.updated"]


async def test_removing_a_tag_by_slug(session: AsyncSession) -> None:
    one = await make_post(session, tags=["python", "old"])
    two = await make_post(session, tags=["python"])
    result = await service.bulk_action(session, "remove_tag", [one.id, two.id], tag="old")
    assert (result.done, result.skipped) == ([one.id], {two.id: "does not have the tag"})
    assert [t.slug for t in one.tags] == ["python"]


async def test_a_tag_action_without_a_tag_is_refused(session: AsyncSession) -> None:
    with pytest.raises(ValueError, match="add_tag needs a tag"):
        await service.bulk_action(session, "add_tag", [])


async def test_an_unknown_action_is_refused(session: AsyncSession) -> None:
    with pytest.raises(ValueError, match="unknown bulk action 'archive'"):
        await service.bulk_action(session, "archive", [])
