"""Content's first-start step: demo content (the owner comes first, from accounts)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service as accounts
from inkwell.content import service
from inkwell.core.db import Database
from inkwell.features import first_start_async
from inkwell.settings import Settings


def make_settings(db_url: str, tmp_path: Path, demo: bool = True) -> Settings:
    return Settings(database_url=db_url, demo_content=demo, media_dir=tmp_path / "media")


async def test_first_start_adds_demo_posts_and_pages(
    database: Database, db_url: str, tmp_path: Path
) -> None:
    await first_start_async(database, make_settings(db_url, tmp_path))
    async with database.session() as session:
        posts = await service.all_published(session)
        pages = await service.all_published(session, "page")
        owner_id = await accounts.owner_id(session)
    assert len(posts) >= 4
    assert {p.slug for p in pages} >= {"about", "privacy"}
    assert owner_id is not None and all(p.authors[0].id == owner_id for p in posts)
    assert (tmp_path / "media" / "demo" / "circles.png").is_file()


async def test_demo_posts_show_every_card(database: Database, db_url: str, tmp_path: Path) -> None:
    await first_start_async(database, make_settings(db_url, tmp_path))
    async with database.session() as session:
        html = "".join(p.html for p in await service.all_published(session, with_html=True))
    for card in (
        "kg-image-card",
        "kg-width-wide",
        "kg-code-card",
        "kg-callout-card",
        "kg-bookmark-card",
        "kg-card-begin: html",
        "<table",
        "<blockquote",
        "footnote",
    ):
        assert card in html, card


async def test_no_demo_content_when_disabled(
    database: Database, db_url: str, tmp_path: Path
) -> None:
    await first_start_async(database, make_settings(db_url, tmp_path, demo=False))
    async with database.session() as session:
        pages = await service.all_published(session, "page")
        assert await service.all_published(session) == []
    # Only the privacy policy, which analytics writes on every site.
    assert [p.slug for p in pages] == ["privacy"]


async def test_no_demo_content_when_posts_exist(
    database: Database, session: AsyncSession, db_url: str, tmp_path: Path
) -> None:
    from tests.factories import make_post

    await make_post(session)
    await session.commit()
    await first_start_async(database, make_settings(db_url, tmp_path))
    async with database.session() as fresh:
        pages = await service.all_published(fresh, "page")
    assert "about" not in {p.slug for p in pages}


async def test_demo_links_its_pages_from_the_navigation(
    database: Database, db_url: str, tmp_path: Path
) -> None:
    from inkwell.content import site_settings

    await first_start_async(database, make_settings(db_url, tmp_path))
    async with database.session() as session:
        site = await site_settings.load(session)
    assert [item.url for item in site.navigation] == ["/", "/about/"]
    assert [item.url for item in site.secondary_navigation] == ["/privacy/"]


async def test_a_site_without_demo_links_only_home(session: AsyncSession) -> None:
    from inkwell.content import site_settings

    site = await site_settings.load(session)
    assert [item.url for item in site.navigation] == ["/"]
