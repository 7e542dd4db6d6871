"""Helpers of the privacy policy tests: read the page, change settings, edit by hand."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics import privacy_page
from inkwell.analytics import settings as analytics_settings
from inkwell.comments import service as comments
from inkwell.content import service as content
from inkwell.core.db import Database
from inkwell.settings import Settings


async def page_at(session: AsyncSession, slug: str = "privacy") -> content.Post | None:
    """The post or page at ``slug`` in any status."""
    found = await content.find_posts(
        session,
        content.PostFilter(
            type=None, statuses=frozenset(content.PostStatus), slugs=(slug,), limit=1
        ),
    )
    return found.posts[0] if found.posts else None


async def source_at(database: Database, slug: str = "privacy") -> str:
    """The Markdown source of the page at ``slug`` (committed state)."""
    async with database.session() as session:
        page = await page_at(session, slug)
        assert page is not None, f"no page at {slug}"
        return (await content.post_sources(session, [page.id]))[page.id][1]


async def refresh(database: Database, settings: Settings) -> str | None:
    """One refresh, committed."""
    async with database.session(write=True) as session:
        return await privacy_page.refresh(session, settings)


async def status(database: Database, settings: Settings) -> privacy_page.PolicyStatus:
    """The policy's status as the admin sees it."""
    async with database.session() as session:
        return await privacy_page.policy_status(session, settings)


async def set_analytics(database: Database, **wanted: Any) -> None:
    """Change analytics settings (committed)."""
    async with database.session(write=True) as session:
        await analytics_settings.update(session, wanted)


async def set_comments(database: Database, **wanted: Any) -> None:
    """Change comment settings (committed)."""
    async with database.session(write=True) as session:
        await comments.update_settings(session, wanted)


async def edit_by_hand(database: Database, settings: Settings, source: str) -> None:
    """Save new text over the policy page, as the editor does."""
    async with database.session(write=True) as session:
        page = await page_at(session)
        assert page is not None
        data = (await content.post_input_of(session, page)).model_copy(update={"source": source})
        site = await content.load_settings(session)
        options = content.render_options(site, settings.site_url)
        await content.update_post(session, page.id, data, options, expected_updated_at=None)


async def add_page(database: Database, slug: str, source: str) -> str:
    """A published page at ``slug`` not written by Inkwell (imported); its id."""
    async with database.session(write=True) as session:
        site = await content.load_settings(session)
        saved = await content.save_post(
            session,
            content.PostInput(
                type=content.PostType.PAGE,
                title="Our privacy",
                slug=slug,
                status=content.PostStatus.PUBLISHED,
                source=source,
            ),
            content.render_options(site, "http://blog.test"),
        )
        return saved.post.id
