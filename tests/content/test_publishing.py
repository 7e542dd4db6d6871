"""Changing stored posts: the version check, publishing, scheduling, unpublishing, deleting."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.content.models import PostTag, Redirect
from inkwell.core import events
from inkwell.core.db import Database
from inkwell.core.time import utcnow
from tests.factories import make_post, post_input


async def test_an_update_at_the_read_version_is_saved(session: AsyncSession) -> None:
    post = await make_post(session, title="Before")
    site = await service.load_settings(session)
    result = await service.update_post(
        session,
        post.id,
        post_input(title="After"),
        service.render_options(site, "http://blog.test"),
        expected_updated_at=post.updated_at,
    )
    assert (result.post.id, result.post.title, result.created) == (post.id, "After", False)


async def test_a_stale_version_is_refused_and_nothing_changes(session: AsyncSession) -> None:
    post = await make_post(session, title="Current")
    site = await service.load_settings(session)
    stale = post.updated_at - timedelta(minutes=5)
    with pytest.raises(service.ConflictError, match=r"was changed .* since it was read"):
        await service.update_post(
            session,
            post.id,
            post_input(title="Overwrite"),
            service.render_options(site, "http://blog.test"),
            expected_updated_at=stale,
        )
    await session.refresh(post)
    assert post.title == "Current"


async def test_a_version_moved_by_another_writer_is_refused(session: AsyncSession) -> None:
    post = await make_post(session, title="Current")
    read_at = post.updated_at
    await service.publish_post(session, post.id)  # someone else's change, after our read
    with pytest.raises(service.ConflictError):
        await service.unpublish_post(session, post.id, expected_updated_at=read_at)
    assert post.status == "published"


async def test_updating_a_missing_post_says_so(session: AsyncSession) -> None:
    site = await service.load_settings(session)
    with pytest.raises(service.PostNotFound, match="no post or page has the id"):
        await service.update_post(
            session,
            "0" * 24,
            post_input(),
            service.render_options(site, "http://blog.test"),
            expected_updated_at=None,
        )


async def test_publishing_a_draft_dates_it_now(session: AsyncSession) -> None:
    post = await make_post(session, status="draft", published_at=None)
    before = utcnow()
    published = await service.publish_post(session, post.id)
    assert published.status == service.PostStatus.PUBLISHED
    assert published.published_at is not None and published.published_at >= before


async def test_publishing_keeps_a_date_given(session: AsyncSession) -> None:
    post = await make_post(session, status="draft")
    when = datetime(2020, 1, 2, tzinfo=UTC)
    published = await service.publish_post(session, post.id, at=when)
    assert published.published_at == when


async def test_scheduling_sets_a_future_date(session: AsyncSession) -> None:
    post = await make_post(session, status="draft")
    when = (utcnow() + timedelta(days=2)).replace(microsecond=0)
    scheduled = await service.schedule_post(session, post.id, when)
    assert (scheduled.status, scheduled.published_at) == ("scheduled", when)


async def test_scheduling_in_the_past_is_refused(session: AsyncSession) -> None:
    post = await make_post(session, status="draft")
    with pytest.raises(service.PublishingError, match="a time to come"):
        await service.schedule_post(session, post.id, datetime(2001, 1, 1, tzinfo=UTC))
    assert post.status == "draft"


async def test_an_unpublished_post_leaves_the_listing(session: AsyncSession) -> None:
    post = await make_post(session)
    await service.unpublish_post(session, post.id)
    assert (await service.list_published(session)).total == 0


async def test_deleting_removes_the_post_its_links_and_old_paths(session: AsyncSession) -> None:
    post = await make_post(session, tags=["a"], redirect_from=["/old/"])
    await service.delete_post(session, post.id)
    assert await service.get_post(session, post.id) is None
    for model in (PostTag, Redirect):
        assert (await session.execute(select(func.count()).select_from(model))).scalar() == 0


async def test_status_and_type_are_enums_stored_as_their_values() -> None:
    assert [str(s) for s in service.PostStatus] == ["draft", "scheduled", "published"]
    assert [str(t) for t in service.PostType] == ["post", "page"]


async def test_a_change_committed_by_another_session_is_caught(database: Database) -> None:
    async with database.session() as mine:
        post = await make_post(mine, title="Shared")
        await mine.commit()  # ``post`` stays in this session, as read
        post_id, read_at = post.id, post.updated_at
        async with database.session() as theirs:
            await service.unpublish_post(theirs, post.id)
        with pytest.raises(service.ConflictError):
            await service.publish_post(mine, post.id, expected_updated_at=read_at)
        await mine.rollback()
    async with database.session() as check:
        stored = await service.get_post(check, post_id)
        assert stored is not None and stored.status == "draft"


async def test_due_scheduled_posts_are_published_with_their_date(
    database: Database, heard: list[events.Event]
) -> None:
    due_at = utcnow() - timedelta(minutes=1)
    async with database.session() as session:
        post = await make_post(session, status="scheduled", published_at=due_at)
        page = await make_post(session, type="page", status="scheduled", published_at=due_at)
    heard.clear()
    async with database.session(write=True) as session:
        published = await service.publish_due_posts(session, utcnow())
    assert sorted(published) == sorted([post.id, page.id])
    async with database.session() as session:
        stored = await service.get_post(session, post.id)
        assert stored is not None
        assert (stored.status, stored.published_at) == ("published", due_at.replace(microsecond=0))
    assert sorted((e.name, e.subject_id) for e in heard) == sorted(
        [("post.published", post.id), ("page.published", page.id)]
    )
    assert heard[0].data["previous"]["status"] == "scheduled"


async def test_posts_scheduled_for_later_are_left_alone(session: AsyncSession) -> None:
    later = await make_post(session, status="scheduled", published_at=utcnow() + timedelta(hours=1))
    assert await service.publish_due_posts(session, utcnow()) == []
    await session.refresh(later)
    assert later.status == "scheduled"


async def test_a_second_run_publishes_nothing(
    database: Database, heard: list[events.Event]
) -> None:
    async with database.session() as session:
        post = await make_post(session, status="scheduled", published_at=utcnow())
    async with database.session(write=True) as session:
        first = await service.publish_due_posts(session, utcnow() + timedelta(seconds=1))
    async with database.session(write=True) as session:
        second = await service.publish_due_posts(session, utcnow() + timedelta(seconds=1))
    assert (first, second) == ([post.id], [])
    assert [e.name for e in heard if e.subject_id == post.id] == [
        "post.scheduled",
        "post.published",
    ]


async def test_two_racing_runs_publish_a_post_once(
    database: Database, heard: list[events.Event]
) -> None:
    async with database.session() as session:
        post = await make_post(session, status="scheduled", published_at=utcnow())

    async def run() -> list[str]:
        async with database.session(write=True) as session:
            return await service.publish_due_posts(session, utcnow() + timedelta(seconds=1))

    # Both read the post as due (on PostgreSQL); the status guard lets one UPDATE through.
    first, second = await asyncio.gather(run(), run())
    assert sorted([first, second]) == [[], [post.id]]
    assert [e.name for e in heard if e.subject_id == post.id].count("post.published") == 1
