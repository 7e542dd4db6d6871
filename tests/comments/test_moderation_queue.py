"""The moderation queue on SQLite and PostgreSQL: by status, newest first, with the page each
comment is under, searchable, paged, restricted to some posts; and the counts."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import service
from tests.comments.moderation_fixtures import make_comment, make_thread
from tests.factories import make_post


async def test_the_queue_lists_one_status_newest_first(session: AsyncSession) -> None:
    thread = await make_thread(session)
    older = await make_comment(session, thread)
    await make_comment(session, thread, status="spam")
    newer = await make_comment(session, thread)
    found = await service.queue(session, "pending")
    assert [item.id for item in found.items] == [newer.id, older.id]
    assert found.total == 2


async def test_a_queued_comment_names_its_post_email_and_held_reason(
    session: AsyncSession,
) -> None:
    post = await make_post(session, title="Tuning the garbage collector", slug="tuning-gc")
    thread = await make_thread(session, post)
    await make_comment(
        session, thread, email="ada@example.org", held_reason="first comment from this reader"
    )
    (item,) = (await service.queue(session)).items
    assert item.page_title == "Tuning the garbage collector"
    assert item.page_url is not None and item.page_url.endswith("/tuning-gc/")
    assert item.author_email == "ada@example.org"
    assert item.held_reason == "first comment from this reader"


async def test_a_draft_post_has_no_public_address_in_the_queue(session: AsyncSession) -> None:
    post = await make_post(session, status="draft", published_at=None)
    await make_comment(session, await make_thread(session, post))
    (item,) = (await service.queue(session)).items
    assert item.page_url is None
    assert item.page_title == post.title


async def test_another_sites_page_is_named_by_its_address(session: AsyncSession) -> None:
    thread = await make_thread(session, url="https://friend.example/notes/")
    await make_comment(session, thread)
    (item,) = (await service.queue(session)).items
    assert (item.page_title, item.page_url) == (
        "https://friend.example/notes/",
        "https://friend.example/notes/",
    )


async def test_search_matches_text_name_and_email_ignoring_case(session: AsyncSession) -> None:
    thread = await make_thread(session)
    by_text = await make_comment(session, thread, body="Buy CHEAP watches")
    by_name = await make_comment(session, thread, name="Cheapskate")
    by_email = await make_comment(session, thread, email="cheap@spam.example")
    await make_comment(session, thread, body="A kind word", email="kind@example.org")
    found = await service.queue(session, search="cheap")
    assert {item.id for item in found.items} == {by_text.id, by_name.id, by_email.id}


async def test_search_takes_percent_signs_literally(session: AsyncSession) -> None:
    thread = await make_thread(session)
    await make_comment(session, thread, body="Fifty percent off")
    assert (await service.queue(session, search="%")).total == 0


async def test_the_queue_is_paged(session: AsyncSession) -> None:
    thread = await make_thread(session)
    for _ in range(5):
        await make_comment(session, thread)
    second = await service.queue(session, page=2, limit=2)
    assert (len(second.items), second.total, second.pages) == (2, 5, 3)


async def test_the_queue_can_hold_only_some_posts(session: AsyncSession) -> None:
    mine = await make_thread(session)
    theirs = await make_thread(session)
    kept = await make_comment(session, mine)
    await make_comment(session, theirs)
    found = await service.queue(session, post_ids=[str(mine.post_id)])
    assert [item.id for item in found.items] == [kept.id]
    counts = await service.queue_counts(session, post_ids=[str(mine.post_id)])
    assert counts == {"pending": 1, "approved": 0, "spam": 0}


async def test_an_unknown_status_is_refused(session: AsyncSession) -> None:
    with pytest.raises(ValueError, match="unknown status 'deleted'"):
        await service.queue(session, "deleted")


async def test_counts_cover_each_status_and_skip_tombstones(session: AsyncSession) -> None:
    thread = await make_thread(session)
    await make_comment(session, thread)
    await make_comment(session, thread, status="spam")
    parent = await make_comment(session, thread, status="approved")
    await make_comment(session, thread, status="approved", parent=parent)
    await service.remove(session, [parent.id])
    assert await service.queue_counts(session) == {"pending": 1, "approved": 1, "spam": 1}
