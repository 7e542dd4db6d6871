"""``inkwell settings list | get KEY | set KEY VALUE``: the site settings from the shell.

They go through the same door as the admin (``content.service.update_settings``): the same
validation, the same re-rendering when a render setting changes, the same events (so every
worker drops its cached pages). A VALUE is read as JSON when it is JSON (``20``, ``true``,
``[{"label": "Home", "url": "/"}]``, ``null``), else taken as text. An unknown key or a bad
value ends with one line naming the key, exit status 2, and nothing changed.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.core.cli import fail, run_in_session
from inkwell.settings import settings_or_exit

settings_app = typer.Typer(
    help="Read and change the site settings (title, navigation, permalink...).",
    no_args_is_help=True,
)

Key = Annotated[str, typer.Argument(metavar="KEY", help="A setting's name, such as title.")]


def register(app: typer.Typer) -> None:
    """Add the ``settings`` group to the root command."""
    app.add_typer(settings_app, name="settings")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _known(key: str) -> None:
    if key not in service.SiteSettings.model_fields:
        known = ", ".join(service.SiteSettings.model_fields)
        fail(f"unknown setting {key!r}; the settings are: {known}", code=2)


def _read() -> dict[str, Any]:
    async def work(session: AsyncSession) -> dict[str, Any]:
        return (await service.load_settings(session)).model_dump(mode="json")

    return run_in_session(settings_or_exit(), work)


@settings_app.command("list")
def list_settings() -> None:
    """Print every setting as ``key = JSON value``, one per line."""
    for key, value in _read().items():
        typer.echo(f"{key} = {_json(value)}")


@settings_app.command("get")
def get_setting(key: Key) -> None:
    """Print one setting's value as JSON."""
    _known(key)
    typer.echo(_json(_read()[key]))


def candidates(text: str) -> list[Any]:
    """The values ``text`` may mean, in order: its JSON value (when it is JSON), then the text.

    So ``2026`` sets a number where one is wanted and stays the text "2026" for a title.
    """
    try:
        parsed = json.loads(text)
    except ValueError:
        return [text]
    return [parsed] if isinstance(parsed, str) else [parsed, text]


@settings_app.command("set")
def set_setting(
    key: Key,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="JSON, or plain text.")],
) -> None:
    """Change one setting, checked as the admin checks it; prints its new value."""
    _known(key)
    settings = settings_or_exit()

    async def work(session: AsyncSession) -> tuple[Any, bool, int]:
        refused: service.SettingsInputError | None = None
        for candidate in candidates(value):
            try:
                done = await service.update_settings(
                    session, {key: candidate}, site_url=settings.site_url
                )
            except service.SettingsInputError as exc:
                refused = refused or exc
                continue
            current = done.site.model_dump(mode="json")[key]
            return current, key in done.changed, done.rerendered
        assert refused is not None
        fail(str(refused), code=2)

    current, changed, rerendered = run_in_session(settings, work)
    if not changed:
        typer.echo(f"{key} = {_json(current)} (unchanged)")
        return
    typer.echo(f"{key} = {_json(current)}")
    if rerendered:
        typer.echo(f"Rendered {rerendered} posts again.")
