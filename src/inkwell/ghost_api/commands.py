"""``inkwell integration create | list | rename | regenerate | delete``: API keys for scripts.

``create NAME --json`` prints exactly one JSON object, ``{"name", "content_api_key",
"admin_api_key"}``, so a script can read the keys without parsing text. A refusal (an empty or
taken name, an unknown integration) is one line on stderr, exit code 1, and nothing changes.
"""

from __future__ import annotations

import json
from typing import Literal

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.cli import fail, run_in_session
from inkwell.ghost_api import integrations
from inkwell.ghost_api.integrations import IntegrationError, IntegrationKeys
from inkwell.settings import settings_or_exit

integration_app = typer.Typer(
    help="Manage integrations: the Content and Admin API keys of scripts and apps.",
    no_args_is_help=True,
)

JSON_HELP = "Print one JSON object (or, for list, one JSON array) instead of text."


def register(app: typer.Typer) -> None:
    """Add the ``integration`` group to the root command."""
    app.add_typer(integration_app, name="integration")


def as_json(found: IntegrationKeys) -> dict[str, str]:
    """What ``--json`` prints of one integration."""
    return {
        "name": found.integration.name,
        "content_api_key": found.content_api_key,
        "admin_api_key": found.admin_api_key,
    }


def _print_keys(found: IntegrationKeys) -> None:
    typer.echo(f"Content API key: {found.content_api_key}")
    typer.echo(f"Admin API key:   {found.admin_api_key}")


@integration_app.command("create")
def create(
    name: str = typer.Argument(..., help="A name people recognise, e.g. the script's."),
    description: str = typer.Option(None, help="What the integration is for."),
    as_json_output: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Create an integration and print its Content API key and Admin API key."""
    settings = settings_or_exit()

    async def work(session: AsyncSession) -> IntegrationKeys:
        try:
            return await integrations.create_integration(session, name, description)
        except IntegrationError as exc:
            fail(str(exc))

    found = run_in_session(settings, work)
    if as_json_output:
        typer.echo(json.dumps(as_json(found)))
        return
    typer.echo(f"Created the integration “{found.integration.name}”.")
    _print_keys(found)
    typer.echo(f"API URL:         {settings.site_url}")


@integration_app.command("list")
def list_all(as_json_output: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """List integrations with their keys."""
    settings = settings_or_exit()

    async def work(session: AsyncSession) -> list[IntegrationKeys]:
        return await integrations.list_integrations(session)

    found = run_in_session(settings, work)
    if as_json_output:
        typer.echo(json.dumps([as_json(item) for item in found]))
        return
    if not found:
        typer.echo("No integrations yet: `inkwell integration create NAME` makes one.")
        return
    rows = [("NAME", "CONTENT API KEY", "ADMIN API KEY")] + [
        (item.integration.name, item.content_api_key, item.admin_api_key) for item in found
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


@integration_app.command("rename")
def rename(
    name: str = typer.Argument(..., help="The integration's current name (or id)."),
    new_name: str = typer.Argument(..., help="Its new name."),
) -> None:
    """Rename an integration; its keys stay the same."""
    settings = settings_or_exit()

    async def work(session: AsyncSession) -> IntegrationKeys:
        try:
            found = await integrations.find_integration(session, name)
            return await integrations.rename_integration(session, found.integration.id, new_name)
        except IntegrationError as exc:
            fail(str(exc))

    found = run_in_session(settings, work)
    typer.echo(f"Renamed the integration to “{found.integration.name}”.")


@integration_app.command("regenerate")
def regenerate(
    name: str = typer.Argument(..., help="The integration's name (or id)."),
    kind: str = typer.Argument(..., help="Which key: content or admin."),
    as_json_output: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Give an integration a new Content or Admin API key; the old one stops working."""
    settings = settings_or_exit()
    if kind not in ("content", "admin"):
        fail(f"which key? “content” or “admin”, not “{kind}”", code=1)
    wanted: Literal["content", "admin"] = "content" if kind == "content" else "admin"

    async def work(session: AsyncSession) -> IntegrationKeys:
        try:
            found = await integrations.find_integration(session, name)
            return await integrations.regenerate_key(session, found.integration.id, wanted)
        except IntegrationError as exc:
            fail(str(exc))

    found = run_in_session(settings, work)
    if as_json_output:
        typer.echo(json.dumps(as_json(found)))
        return
    typer.echo(f"New {wanted} API key for “{found.integration.name}”; the old one no longer works.")
    _print_keys(found)


@integration_app.command("delete")
def delete(name: str = typer.Argument(..., help="The integration's name (or id).")) -> None:
    """Delete an integration: its keys stop working and its webhooks are removed."""
    settings = settings_or_exit()

    async def work(session: AsyncSession) -> str:
        try:
            found = await integrations.find_integration(session, name)
            await integrations.delete_integration(session, found.integration.id)
        except IntegrationError as exc:
            fail(str(exc))
        return found.integration.name

    deleted = run_in_session(settings, work)
    typer.echo(f"Deleted the integration “{deleted}”; its keys no longer work.")
