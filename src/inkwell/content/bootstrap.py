"""Content's first-start step: on an empty site, demo posts, pages and navigation."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import demo, people, service, site_settings
from inkwell.settings import Settings


async def ensure_demo_content(session: AsyncSession, settings: Settings) -> list[str]:
    """Add the demo posts and pages when enabled and the site has no posts at all.

    They are attributed to the profile with the owner's email (the accounts feature creates
    it first), else to a new profile with the owner's name and email.
    """
    if not settings.demo_content or await service.count_posts(session) > 0:
        return []
    site = await site_settings.load(session)
    options = service.render_options(site, settings.site_url)
    owner = await people.get_by_email(session, settings.owner_email)
    name = owner.name if owner else settings.owner_name
    demo.write_demo_images(settings.media_dir)
    for data in demo.demo_posts(name, owner_email=settings.owner_email):
        await service.save_post(session, data, options)
    await site_settings.update(session, demo.DEMO_NAVIGATION)
    # The privacy policy is not demo content: analytics writes it from the settings.
    return ["Added demo content: a few posts and an About page."]
