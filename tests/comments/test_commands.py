"""``inkwell comments list | approve | delete`` as an operator runs them, on SQLite and
PostgreSQL: the command opens the test's database through ``INKWELL_DATABASE_URL``."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from inkwell.cli import app
from inkwell.comments import service
from inkwell.comments.models import Comment
from inkwell.core import events
from inkwell.core.db import Database
from inkwell.settings import Settings
from tests.comments.conftest import guest, submit
from tests.comments.moderation_fixtures import make_comment, make_thread
from tests.conftest import LocalSMTPServer
from tests.factories import make_post

runner = CliRunner()


pytestmark = pytest.mark.usefixtures("command_env")


async def run(*args: str) -> Result:
    """``inkwell comments ARGS``, in a thread of its own (the command runs its own loop)."""
    return await asyncio.to_thread(runner.invoke, app, ["comments", *args])


async def statuses(database: Database) -> dict[str, str]:
    """Each stored comment's status, by id."""
    async with database.session() as session:
        rows = (await session.execute(select(Comment.id, Comment.status))).all()
    return {row[0]: row[1] for row in rows}


async def seed(database: Database, *wanted: str) -> list[str]:
    """One comment of each status ``wanted`` under one post titled "Queue post"; their ids."""
    async with database.session() as session:
        thread = await make_thread(session, await make_post(session, title="Queue post"))
        made = [await make_comment(session, thread, status=status) for status in wanted]
        await session.commit()
    return [comment.id for comment in made]


async def test_list_shows_the_pending_comments_newest_first(database: Database) -> None:
    first, _, second = await seed(database, "pending", "approved", "pending")
    result = await run("list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == [second, first]
    assert "on Queue post: A thought on the article" in lines[0]
    assert lines[-1] == "2 pending comments."


async def test_list_by_status_shows_only_that_status(database: Database) -> None:
    _, approved, _ = await seed(database, "pending", "approved", "spam")
    result = await run("list", "--status", "approved")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split()[0] == approved
    assert result.stdout.splitlines()[-1] == "1 approved comment."


async def test_a_comment_over_several_lines_is_one_line_of_the_list(database: Database) -> None:
    async with database.session() as session:
        thread = await make_thread(session)
        await make_comment(session, thread, body="First line\n\nsecond line")
        await session.commit()
    result = await run("list")
    assert result.stdout.splitlines()[0].endswith(": First line second line")


async def test_list_json_is_one_parseable_document(database: Database) -> None:
    pending, _ = await seed(database, "pending", "spam")
    result = await run("list", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["status"], document["total"]) == ("pending", 1)
    (shown,) = document["comments"]
    assert (shown["id"], shown["status"], shown["page_title"]) == (pending, "pending", "Queue post")
    assert shown["author"]["email"] == "reader@example.org"


async def test_list_json_of_an_empty_queue_is_still_a_document(database: Database) -> None:
    result = await run("list", "--json", "--status", "spam")
    assert json.loads(result.stdout) == {"status": "spam", "total": 0, "comments": []}


async def test_an_unknown_status_is_one_line_and_exit_2(database: Database) -> None:
    result = await run("list", "--status", "hidden")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "inkwell: unknown status 'hidden'; use one of pending, approved, spam\n"
    )


async def test_approve_shows_the_named_comments(database: Database) -> None:
    first, second, third = await seed(database, "pending", "pending", "spam")
    result = await run("approve", first, third)
    assert (result.exit_code, result.stdout) == (0, "Approved 2 comments.\n")
    assert await statuses(database) == {first: "approved", second: "pending", third: "approved"}


async def test_approve_emits_the_comment_events(
    database: Database, heard: list[events.Event]
) -> None:
    (pending,) = await seed(database, "pending")
    heard.clear()
    await run("approve", pending)
    assert [(e.name, e.subject_id) for e in heard] == [("comment.approved", pending)]


async def test_a_reply_approved_here_mails_the_parents_writer(
    database: Database,
    smtp_server: LocalSMTPServer,
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
) -> None:
    monkeypatch.setenv("INKWELL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("INKWELL_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("INKWELL_SMTP_STARTTLS", "false")
    monkeypatch.setenv("INKWELL_SITE_URL", settings.site_url)
    async with database.session() as session:
        post = await make_post(session)
        await service.update_settings(
            session, {"moderation": "all", "min_submit_seconds": 0, "notify_authors": False}
        )
        ada = guest("Ada", email="ada@example.org")
        parent = await submit(session, post, "First!", commenter=ada, notify_replies=True)
        await service.approve(session, [parent.comment.id])
        reply = await submit(session, post, "An answer.", parent_id=parent.comment.id)
        await session.commit()
    assert smtp_server.messages == []
    assert (await run("approve", reply.comment.id)).exit_code == 0
    [message] = smtp_server.messages
    assert message["To"] == "ada@example.org"
    assert message["Subject"].endswith(f"replied to your comment on “{post.title}”")


async def test_approve_all_approves_every_pending_comment_only(database: Database) -> None:
    first, spam, second = await seed(database, "pending", "spam", "pending")
    result = await run("approve", "--all")
    assert (result.exit_code, result.stdout) == (0, "Approved 2 comments.\n")
    assert await statuses(database) == {first: "approved", spam: "spam", second: "approved"}


async def test_approve_all_with_nothing_pending_says_so(database: Database) -> None:
    assert (await run("approve", "--all")).stdout == "Approved 0 comments.\n"


async def test_an_unknown_id_refuses_the_whole_batch(database: Database) -> None:
    (pending,) = await seed(database, "pending")
    result = await run("approve", pending, "0" * 24)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"inkwell: no comment has the id {'0' * 24}\n"
    assert await statuses(database) == {pending: "pending"}


@pytest.mark.parametrize("args", [[], ["--all", "0" * 24]], ids=["nothing", "both"])
async def test_approve_wants_ids_or_all_but_not_both(database: Database, args: list[str]) -> None:
    result = await run("approve", *args)
    assert result.exit_code == 2
    assert result.stderr == "inkwell: name the comments to approve, or give --all (not both)\n"


async def test_delete_removes_the_named_comments(database: Database) -> None:
    first, kept, spam = await seed(database, "approved", "pending", "spam")
    result = await run("delete", first, spam)
    assert (result.exit_code, result.stdout) == (0, "Deleted 2 comments.\n")
    assert await statuses(database) == {kept: "pending"}


async def test_delete_keeps_a_marker_above_replies(database: Database) -> None:
    async with database.session() as session:
        thread = await make_thread(session)
        parent = await make_comment(session, thread, status="approved")
        reply = await make_comment(session, thread, status="approved", parent=parent)
        await session.commit()
    assert (await run("delete", parent.id)).exit_code == 0
    assert await statuses(database) == {parent.id: "deleted", reply.id: "approved"}


async def test_delete_of_an_unknown_id_changes_nothing(database: Database) -> None:
    (kept,) = await seed(database, "approved")
    result = await run("delete", kept, "f" * 24)
    assert result.exit_code == 2
    assert result.stderr == f"inkwell: no comment has the id {'f' * 24}\n"
    assert await statuses(database) == {kept: "approved"}


async def test_delete_without_ids_is_one_line_and_exit_2(database: Database) -> None:
    result = await run("delete")
    assert (result.exit_code, result.stderr) == (2, "inkwell: name the comments to delete\n")
