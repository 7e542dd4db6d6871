"""First start: the owner account (password printed once) and, on an empty site, demo content."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import demo, people, service, site_settings
from inkwell.core.db import Database
from inkwell.settings import Settings


async def ensure_owner(session: AsyncSession, settings: Settings) -> list[str]:
    """Create the owner when there is none; returns the lines to show the operator once."""
    if await people.get_owner(session) is not None:
        return []
    password = people.new_password()
    await people.create_user(
        session,
        name=settings.owner_name,
        email=settings.owner_email,
        password=password,
        role="owner",
    )
    return [
        f"Created the owner account {settings.owner_email} with password: {password}",
        "This password is shown only once: keep it somewhere safe.",
    ]


async def ensure_demo_content(session: AsyncSession, settings: Settings) -> list[str]:
    """Add the demo posts and pages when enabled and the site has no posts at all."""
    if not settings.demo_content or await service.count_posts(session) > 0:
        return []
    site = await site_settings.load(session)
    options = service.render_options(site, settings.site_url)
    owner = await people.get_owner(session)
    name = owner.name if owner else settings.owner_name
    email = owner.email if owner else None
    demo.write_demo_images(settings.media_dir)
    for data in demo.demo_posts(name, owner_email=email):
        await service.save_post(session, data, options)
    await site_settings.update(session, demo.DEMO_NAVIGATION)
    return ["Added demo content: a few posts, an About page and a privacy policy."]


async def first_start_async(database: Database, settings: Settings) -> list[str]:
    """Owner then demo content, in one transaction."""
    async with database.session(write=True) as session:
        lines = await ensure_owner(session, settings)
        lines += await ensure_demo_content(session, settings)
    return lines


def first_start(settings: Settings) -> list[str]:
    """Run the first-start steps from sync code (the CLI), on an already migrated database."""

    async def main() -> list[str]:
        database = Database(settings.database_url)
        try:
            return await first_start_async(database, settings)
        finally:
            await database.dispose()

    return asyncio.run(main())
