"""``inkwell comments list | approve | delete``: the moderation queue from the shell.

The same doors as the admin's queue (``comments.service``): the same checks, the same events
(so notifications go out and cached post pages drop). An unknown id or status ends with one
line on stderr, exit status 2, and nothing changed: every id is checked before any changes.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import typer
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import service
from inkwell.comments.mail_jobs import MAIL_JOBS
from inkwell.core.cli import counted, describe_db_error, fail, run_in_session
from inkwell.core.time import iso_millis
from inkwell.settings import settings_or_exit

comments_app = typer.Typer(
    help="Moderate comments: list the queue, approve or delete comments.", no_args_is_help=True
)

Ids = Annotated[
    list[str] | None, typer.Argument(metavar="ID...", help="Comment ids, as `list` shows them.")
]
EXCERPT = 60
T = TypeVar("T")


def register(app: typer.Typer) -> None:
    """Add the ``comments`` group to the root command."""
    app.add_typer(comments_app, name="comments")


async def _all_of(session: AsyncSession, status: str) -> list[service.QueueItem]:
    """Every comment of ``status``, newest first (the queue, page after page)."""
    items: list[service.QueueItem] = []
    page = 1
    while True:
        found = await service.queue(session, status, page, service.QUEUE_MAX_LIMIT)
        items += found.items
        if page >= found.pages:
            return items
        page += 1


def _json_of(item: service.QueueItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "status": item.status,
        "created_at": iso_millis(item.created_at),
        "edited_at": iso_millis(item.edited_at) if item.edited_at else None,
        "parent_id": item.parent_id,
        "post_id": item.post_id,
        "page_title": item.page_title,
        "page_url": item.page_url,
        "author": {
            "name": item.author_name,
            "email": item.author_email,
            "website": item.author_website,
        },
        "held_reason": item.held_reason,
        "body": item.body,
    }


def _line_of(item: service.QueueItem) -> str:
    # One line per comment, whatever the comment holds: a pipe to grep or wc stays exact.
    text = " ".join(item.body.split())
    excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
    when = iso_millis(item.created_at)[:16].replace("T", " ")
    return f"{item.id}  {when}  {item.author_name}  on {item.page_title}: {excerpt}"


def _run(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work(session)`` in one transaction; a refusal or database failure is one line.

    The comment emails its commit asks for (a reply approved here mails the parent's writer)
    are sent before the command ends."""
    settings = settings_or_exit()
    try:
        return run_in_session(settings, work, jobs=MAIL_JOBS, mail=settings.mail_config())
    except service.ModerationError as exc:
        fail(exc.message, code=2)
    except SQLAlchemyError as exc:
        fail(f"nothing was changed: {describe_db_error(exc)}")


@comments_app.command("list")
def list_comments(
    status: Annotated[
        str, typer.Option(help=f"One of: {', '.join(service.QUEUE_STATUSES)}.")
    ] = "pending",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON document instead of lines.")
    ] = False,
) -> None:
    """List the comments of one status (pending by default), newest first."""
    if status not in service.QUEUE_STATUSES:
        fail(f"unknown status {status!r}; use one of {', '.join(service.QUEUE_STATUSES)}", 2)
    items = _run(lambda session: _all_of(session, status))
    if as_json:
        document = {"status": status, "total": len(items), "comments": [*map(_json_of, items)]}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    for item in items:
        typer.echo(_line_of(item))
    typer.echo(f"{counted(len(items), status + ' comment')}.")


@comments_app.command("approve")
def approve_comments(
    ids: Ids = None,
    every: Annotated[bool, typer.Option("--all", help="Approve every pending comment.")] = False,
) -> None:
    """Approve comments (shown to readers at once), by id or every pending one."""
    if bool(ids) == every:
        fail("name the comments to approve, or give --all (not both)", code=2)

    async def work(session: AsyncSession) -> int:
        wanted = await service.all_pending_ids(session) if every else list(ids or [])
        return await service.approve(session, wanted) if wanted else 0

    typer.echo(f"Approved {counted(_run(work), 'comment')}.")


@comments_app.command("delete")
def delete_comments(ids: Ids = None) -> None:
    """Delete comments for good (one with replies stays as a "deleted" marker above them)."""
    if not ids:
        fail("name the comments to delete", code=2)

    async def work(session: AsyncSession) -> int:
        return await service.remove(session, list(ids or []))

    typer.echo(f"Deleted {counted(_run(work), 'comment')}.")
