"""What accounts adds to Inkwell: its tables, ``inkwell user``, the owner on first start, and
the ``/admin`` guard (sessions, CSRF, security headers) with the sign-in pages.

Each part is imported when used, so that a web worker does not load the command line's modules.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.features import Feature, ScheduledTask
from inkwell.core.jobs import JobContext
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer
    from fastapi import FastAPI


def _commands(root: typer.Typer) -> None:
    from inkwell.accounts import commands

    commands.register(root)


def _install(app: FastAPI, settings: Settings) -> None:
    from starlette.staticfiles import StaticFiles

    from inkwell.accounts import (
        avatar_routes,
        logs,
        oauth_routes,
        pages,
        reader_pages,
        reader_routes,
        routes,
        web,
    )
    from inkwell.accounts.guard import AdminGuard

    logs.install()  # reset, invitation, sign-in and preview tokens never reach the access log
    app.include_router(routes.router)
    app.include_router(reader_routes.router)
    app.include_router(oauth_routes.router)
    app.include_router(avatar_routes.router)
    app.mount(pages.ASSETS_PATH, StaticFiles(directory=pages.STATIC), name="accounts-assets")
    app.mount(
        reader_pages.ASSETS_PATH,
        StaticFiles(directory=pages.STATIC / "readers"),
        name="reader-assets",
    )
    app.add_exception_handler(web.SignInRequired, web.handle_sign_in_required)
    app.add_exception_handler(web.PermissionDenied, pages.handle_permission_denied)
    # Pure ASGI, and every path but /admin passes it after one string comparison.
    app.add_middleware(
        AdminGuard,
        trusted_proxies=",".join(settings.trusted_proxies),
        site_url=settings.site_url,
    )


async def ensure_owner(session: AsyncSession, settings: Settings) -> list[str]:
    """First start: the owner account (see ``accounts.service.ensure_owner``)."""
    from inkwell.accounts import service

    return await service.ensure_owner(session, settings)


async def prune(context: JobContext, args: Mapping[str, Any]) -> None:
    """Job: delete dead sessions, old one-time links and rate-limit hits (idempotent)."""
    from inkwell.accounts import reader_sessions, sessions, tokens
    from inkwell.core import ratelimit

    async with context.database.session(write=True) as session:
        await sessions.prune(session)
        await reader_sessions.prune(session)
        await tokens.prune(session)
        # The longest window any limit uses (reset requests: one hour), with room to spare.
        await ratelimit.prune(session, older_than=timedelta(days=1))


async def send_reader_link(context: JobContext, args: Mapping[str, Any]) -> None:
    """Job: mail a reader their sign-in link (see ``accounts.magic_links``)."""
    from inkwell.accounts import magic_links

    await magic_links.send_link(context, args)


feature = Feature[Settings](
    name="accounts",
    install=_install,
    commands=_commands,
    # The rate-limit table is core's (it knows no feature); sign-in is its first user.
    models=("inkwell.accounts.models", "inkwell.core.ratelimit"),
    startup=(ensure_owner,),
    jobs={"accounts.prune": prune, "accounts.send_reader_link": send_reader_link},
    scheduled=(ScheduledTask("accounts-prune", "accounts.prune", timedelta(hours=6)),),
)
