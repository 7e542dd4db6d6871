"""What comments add to Inkwell: their tables, events, routes, jobs and the ``inkwell comments``
commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inkwell.core import events
from inkwell.core.features import Feature
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer
    from fastapi import FastAPI

# Every comment event carries ``post_id`` (None for another site's page): core.changes drops
# that post's cached pages, so a post page shows its comments as soon as they change.
EVENTS = (
    "comment.added",
    "comment.approved",
    "comment.edited",
    "comment.deleted",
    "comment.spam",
    "comment.liked",
    # a post's own open/closed switch changed (data: post_id, open)
    "comment.thread_changed",
)
events.declare(*EVENTS)

# --- mail: notification emails, their links, privacy rights. Imported here so that every
# process that commits comment events (web, worker, command) subscribes to them.
from inkwell.comments.mail_jobs import MAIL_JOBS  # noqa: E402


def _install_mail(app: FastAPI) -> None:
    from inkwell.comments import logs, mail_routes, privacy_routes

    logs.install()  # email link tokens never reach the access log
    app.include_router(mail_routes.router)
    app.include_router(privacy_routes.router)


# --- end mail


def _commands(root: typer.Typer) -> None:
    # Imported when the command line is built: a web worker never loads it.
    from inkwell.comments.commands import register

    register(root)


def _install(app: FastAPI, settings: Settings) -> None:
    # Imported when an application is built, not when the command line starts.
    from inkwell.accounts import service as accounts
    from inkwell.comments import api, form, widget
    from inkwell.comments import settings as comment_settings

    # Readers' sign-in follows the comment settings' identity switches.
    accounts.use_reader_policy(app, comment_settings.reader_policy)
    api.install(app, settings)
    widget.install(app)
    form.install(app)
    _install_mail(app)


feature = Feature[Settings](
    name="comments",
    install=_install,
    commands=_commands,
    models=("inkwell.comments.models",),
    jobs={**MAIL_JOBS},
)
