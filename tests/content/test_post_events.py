"""The domain events content writes emit: one precise event per change, none on rollback."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.core import events
from inkwell.core.db import Database
from inkwell.core.time import utcnow
from tests.factories import make_post, post_input


def names(heard: list[events.Event]) -> list[str]:
    # The factory's author is new in every test: its author.added is not what these test.
    return [event.name for event in heard if event.kind != "author"]


async def test_a_new_published_post_is_announced_with_its_state(
    session: AsyncSession, heard: list[events.Event]
) -> None:
    post = await make_post(session, slug="hello", tags=["python", "notes"])
    await session.commit()
    assert names(heard) == ["tag.added", "tag.added", "post.published"]
    published = heard[-1]
    assert published.subject_id == post.id
    assert post.published_at is not None
    assert dict(published.data) == {
        "type": "post",
        "slug": "hello",
        "status": "published",
        "published_at": post.published_at.isoformat(),
        "tags": ["python", "notes"],
        "authors": ["test-author"],
        "previous": None,
    }


async def test_a_new_draft_is_added(session: AsyncSession, heard: list[events.Event]) -> None:
    await make_post(session, status="draft", tags=[])
    await session.commit()
    assert names(heard) == ["post.added"]


async def test_a_new_page_is_a_page_event(session: AsyncSession, heard: list[events.Event]) -> None:
    await make_post(session, type="page", tags=[])
    await session.commit()
    assert names(heard) == ["page.published"]
    assert heard[-1].data["type"] == "page"


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("draft", "published", "post.published"),
        ("published", "published", "post.updated"),
        ("published", "draft", "post.unpublished"),
        ("draft", "scheduled", "post.scheduled"),
        ("draft", "draft", "post.updated"),
    ],
)
async def test_the_event_follows_the_status_transition(
    session: AsyncSession, heard: list[events.Event], before: str, after: str, expected: str
) -> None:
    post = await make_post(session, status=before, tags=[])
    await session.commit()
    heard.clear()
    await make_post(session, id=post.id, status=after, tags=[])
    await session.commit()
    assert names(heard) == [expected]


async def test_an_update_carries_the_state_before_it(
    session: AsyncSession, heard: list[events.Event]
) -> None:
    post = await make_post(session, slug="old", tags=["a"])
    await session.commit()
    assert post.published_at is not None
    first_date = post.published_at.isoformat()
    heard.clear()
    await make_post(session, id=post.id, slug="new", tags=["a", "b"])
    await session.commit()
    assert heard[-1].data["previous"] == {
        "slug": "old",
        "status": "published",
        "published_at": first_date,
        "tags": ["a"],
        "authors": ["test-author"],
    }
    assert (heard[-1].data["slug"], heard[-1].data["tags"]) == ("new", ["a", "b"])


async def test_a_rolled_back_save_announces_nothing(
    database: Database, heard: list[events.Event]
) -> None:
    with pytest.raises(RuntimeError):
        async with database.session() as session:
            await make_post(session)
            raise RuntimeError("the caller gave up")
    assert heard == []


async def test_a_deleted_post_is_announced_with_its_last_state(
    session: AsyncSession, heard: list[events.Event]
) -> None:
    post = await make_post(session, slug="gone", tags=["a"])
    await session.commit()
    heard.clear()
    await service.delete_post(session, post.id)
    await session.commit()
    assert names(heard) == ["post.deleted"]
    assert post.published_at is not None
    assert dict(heard[0].data) == {
        "type": "post",
        "slug": "gone",
        "status": "published",
        "published_at": post.published_at.isoformat(),
        "tags": ["a"],
        "authors": ["test-author"],
        "previous": None,
    }


@pytest.mark.parametrize(
    ("change", "expected"),
    [("publish", "post.published"), ("unpublish", "post.unpublished")],
)
async def test_status_changes_are_announced(
    session: AsyncSession, heard: list[events.Event], change: str, expected: str
) -> None:
    post = await make_post(session, status="draft" if change == "publish" else "published")
    await session.commit()
    heard.clear()
    if change == "publish":
        await service.publish_post(session, post.id)
    else:
        await service.unpublish_post(session, post.id)
    await session.commit()
    assert names(heard) == [expected]


async def test_scheduling_is_announced(session: AsyncSession, heard: list[events.Event]) -> None:
    post = await make_post(session, status="draft")
    await session.commit()
    heard.clear()
    await service.schedule_post(session, post.id, utcnow() + timedelta(days=1))
    await session.commit()
    assert names(heard) == ["post.scheduled"]
    assert heard[0].data["previous"]["status"] == "draft"


async def test_changed_settings_are_announced_with_their_keys(
    session: AsyncSession, heard: list[events.Event]
) -> None:
    await service.update_settings(
        session, {"title": "T", "description": "D", "locale": "en"}, site_url="http://x"
    )
    await session.commit()
    assert names(heard) == ["settings.changed"]
    assert heard[0].data["keys"] == ["description", "title"]


async def test_unchanged_settings_announce_nothing(
    session: AsyncSession, heard: list[events.Event]
) -> None:
    await service.update_settings(session, {"locale": "en"}, site_url="http://x")
    await session.commit()
    assert heard == []


async def test_a_render_setting_announces_the_posts_it_changed(
    session: AsyncSession, heard: list[events.Event]
) -> None:
    linked = await make_post(session, source="[out](https://elsewhere.example.org/x)", tags=[])
    await make_post(session, source="No links here.", tags=[])
    await session.commit()
    heard.clear()
    await service.update_settings(
        session, {"outbound_link_tagging": False}, site_url="http://blog.test"
    )
    await session.commit()
    assert [(e.name, e.subject_id) for e in heard] == [
        ("settings.changed", None),
        ("post.updated", linked.id),
    ]


async def test_an_old_path_is_announced(session: AsyncSession, heard: list[events.Event]) -> None:
    await make_post(session, tags=[], redirect_from=["/2019/05/old.html"])
    await session.commit()
    assert names(heard) == ["redirect.added", "post.published"]
    assert heard[-2].data["from_path"] == "/2019/05/old.html/"


async def test_a_batch_of_posts_is_one_commit_of_one_event_each(
    database: Database, heard: list[events.Event]
) -> None:
    commits: list[int] = []
    unsubscribe = events.subscribe_batch("post.*", lambda found: commits.append(len(found)))
    try:
        async with database.session() as session:
            site = await service.load_settings(session)
            batch = service.PostBatch(session, service.render_options(site, "http://blog.test"))
            for _ in range(30):
                await batch.save(post_input(tags=[]))
            await batch.flush()
    finally:
        unsubscribe()
    assert commits == [30]
