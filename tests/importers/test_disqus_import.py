"""Importing a Disqus export: threads matched to posts, comments kept as they were, on SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.models import Comment, CommentThread
from inkwell.comments.service import ImportReport, import_comments
from inkwell.core import events
from inkwell.importers.disqus.reader import read_export

from .conftest import Blog

EXPORT = Path(__file__).parent / "fixtures" / "disqus" / "export.xml"


async def run(session: AsyncSession, *, dry_run: bool = False) -> ImportReport:
    report = await import_comments(session, read_export(EXPORT), source="disqus", dry_run=dry_run)
    await session.commit()
    return report


async def comments_by_source_id(session: AsyncSession) -> dict[str, Comment]:
    rows = (await session.execute(select(Comment))).scalars()
    return {str(row.source_id): row for row in rows}


async def post_of(session: AsyncSession, comment: Comment) -> str | None:
    thread = await session.get(CommentThread, comment.thread_id)
    return None if thread is None else thread.post_id


async def test_every_kept_comment_lands_on_its_post(session: AsyncSession, blog: Blog) -> None:
    report = await run(session)
    stored = await comments_by_source_id(session)
    expected = {
        "9001": "tuning-sqlite",
        "9002": "tuning-sqlite",
        "9003": "tuning-sqlite",
        "9005": "tuning-sqlite",
        "9007": "tuning-sqlite",  # the second thread of the same post, merged
        "9008": "rust-lifetimes",
        "9009": "rust-lifetimes",
        "9010": "moving-blogs",  # its old address redirects here
        "9011": "about",  # a page, old address in capitals without the slash
        "9015": "cafe-notes",  # the old slug had an accent
    }
    assert {key: await post_of(session, row) for key, row in stored.items()} == {
        key: blog.posts[slug] for key, slug in expected.items()
    }
    assert (report.imported, report.posts, report.threads) == (10, 5, 9)


async def test_the_report_counts_what_was_left_out(session: AsyncSession, blog: Blog) -> None:
    report = await run(session)
    assert (report.deleted, report.spam, report.in_deleted_threads) == (1, 1, 1)
    assert (report.orphans, report.unknown_thread, report.reattached) == (2, 1, 1)
    assert [t.url for t in report.unmatched] == [
        "http://oldblog.example/blog/2023/01/gone-for-good/"
    ]
    assert report.merged == ["Tuning SQLite for small servers"]
    assert "1 thread without comments matches no post here: ignored" in report.notes


async def test_threading_dates_names_and_emails_are_kept(session: AsyncSession, blog: Blog) -> None:
    await run(session)
    stored = await comments_by_source_id(session)
    assert stored["9002"].parent_id == stored["9001"].id
    assert stored["9003"].parent_id == stored["9002"].id
    assert stored["9001"].parent_id is None
    assert stored["9001"].created_at == datetime(2024, 3, 11, 9, 15, tzinfo=UTC)
    assert stored["9009"].created_at == datetime(2024, 5, 4, 4, 45, tzinfo=UTC)
    assert (stored["9001"].author_name, stored["9001"].author_email) == (
        "Maren Holt",
        "maren@readers.example",
    )
    assert stored["9009"].author_name == "Zoë Ålander"
    assert stored["9015"].author_name == "春樹"
    assert "ライフタイム" in stored["9009"].html


async def test_imported_comments_are_approved(session: AsyncSession, blog: Blog) -> None:
    await run(session)
    stored = await comments_by_source_id(session)
    assert {row.status for row in stored.values()} == {"approved"}
    assert all(row.approved_at == row.created_at for row in stored.values())
    assert {row.source for row in stored.values()} == {"disqus"}


async def test_a_reply_to_a_deleted_comment_hangs_under_its_grandparent(
    session: AsyncSession, blog: Blog
) -> None:
    await run(session)
    stored = await comments_by_source_id(session)
    assert "9004" not in stored
    assert stored["9005"].parent_id == stored["9001"].id


async def test_deleted_spam_and_orphans_are_not_stored(session: AsyncSession, blog: Blog) -> None:
    await run(session)
    stored = await comments_by_source_id(session)
    for left_out in ("9004", "9006", "9012", "9013", "9014", "9016"):
        assert left_out not in stored


async def test_no_post_is_invented_for_an_unmatched_thread(
    session: AsyncSession, blog: Blog
) -> None:
    await run(session)
    threads = (await session.execute(select(CommentThread.post_id))).scalars().all()
    assert sorted(str(post_id) for post_id in threads) == sorted(
        blog.posts[slug]
        for slug in ("tuning-sqlite", "rust-lifetimes", "moving-blogs", "cafe-notes", "about")
    )


async def test_a_second_run_adds_nothing(session: AsyncSession, blog: Blog) -> None:
    await run(session)
    again = await run(session)
    count = (await session.execute(select(func.count(Comment.id)))).scalar_one()
    assert (again.imported, again.already, count) == (0, 10, 10)


async def test_a_dry_run_stores_nothing_and_reports_the_same(
    session: AsyncSession, blog: Blog
) -> None:
    dry = await run(session, dry_run=True)
    count = (await session.execute(select(func.count(Comment.id)))).scalar_one()
    threads = (await session.execute(select(func.count(CommentThread.id)))).scalar_one()
    assert (count, threads) == (0, 0)
    real = await run(session)
    assert (dry.imported, dry.posts, dry.orphans, dry.closed_posts) == (
        real.imported,
        real.posts,
        real.orphans,
        real.closed_posts,
    )
    assert dry.lines()[0].split(": ", 1)[1].startswith("would import 10 comments on 5 posts")


async def test_a_thread_closed_on_disqus_stays_closed(session: AsyncSession, blog: Blog) -> None:
    report = await run(session)
    query = select(CommentThread.post_id, CommentThread.open)
    states = {post_id: state for post_id, state in (await session.execute(query)).all()}
    assert states[blog.posts["cafe-notes"]] is False
    assert states[blog.posts["tuning-sqlite"]] is None
    assert report.closed_posts == 1


async def test_one_event_names_every_post_that_got_comments(
    session: AsyncSession, blog: Blog, heard: list[events.Event]
) -> None:
    heard.clear()
    await run(session)
    imported = [event for event in heard if event.name.startswith("comment")]
    assert [event.name for event in imported] == ["comments.imported"]
    assert set(imported[0].data["post_ids"]) == set(blog.posts.values())


async def test_an_invalid_email_is_dropped_and_a_missing_name_uses_the_username(
    session: AsyncSession, blog: Blog
) -> None:
    await run(session)
    stored = await comments_by_source_id(session)
    assert (stored["9011"].author_name, stored["9011"].author_email) == ("quietreader", None)
