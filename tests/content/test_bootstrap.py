"""First start: owner account and demo content."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import bootstrap, people, service
from inkwell.core.db import Database
from inkwell.settings import Settings


def make_settings(db_url: str, tmp_path: Path, demo: bool = True) -> Settings:
    return Settings(database_url=db_url, demo_content=demo, media_dir=tmp_path / "media")


async def test_first_start_creates_the_owner_and_shows_the_password_once(
    database: Database, db_url: str, tmp_path: Path
) -> None:
    settings = make_settings(db_url, tmp_path, demo=False)
    lines = await bootstrap.first_start_async(database, settings)
    assert "owner@example.com" in lines[0]
    password = lines[0].rsplit(": ", 1)[1]
    async with database.session() as session:
        owner = await people.get_owner(session)
    assert owner is not None and people.verify_password(owner.password_hash, password)
    assert await bootstrap.first_start_async(database, settings) == []


async def test_first_start_adds_demo_posts_and_pages(
    database: Database, db_url: str, tmp_path: Path
) -> None:
    await bootstrap.first_start_async(database, make_settings(db_url, tmp_path))
    async with database.session() as session:
        posts = await service.all_published(session)
        pages = await service.all_published(session, "page")
    assert len(posts) >= 4
    assert {p.slug for p in pages} >= {"about", "privacy"}
    assert all(p.authors and p.authors[0].role == "owner" for p in posts)
    assert (tmp_path / "media" / "demo" / "circles.png").is_file()


async def test_demo_posts_show_every_card(database: Database, db_url: str, tmp_path: Path) -> None:
    await bootstrap.first_start_async(database, make_settings(db_url, tmp_path))
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
    await bootstrap.first_start_async(database, make_settings(db_url, tmp_path, demo=False))
    async with database.session() as session:
        assert await service.count_posts(session) == 0


async def test_no_demo_content_when_posts_exist(
    database: Database, session: AsyncSession, db_url: str, tmp_path: Path
) -> None:
    from tests.factories import make_post

    await make_post(session)
    await session.commit()
    await bootstrap.first_start_async(database, make_settings(db_url, tmp_path))
    async with database.session() as fresh:
        assert await service.count_posts(fresh) == 1


async def test_demo_links_its_pages_from_the_navigation(
    database: Database, db_url: str, tmp_path: Path
) -> None:
    from inkwell.content import site_settings

    await bootstrap.first_start_async(database, make_settings(db_url, tmp_path))
    async with database.session() as session:
        site = await site_settings.load(session)
    assert [item.url for item in site.navigation] == ["/", "/about/"]
    assert [item.url for item in site.secondary_navigation] == ["/privacy/"]


async def test_a_site_without_demo_links_only_home(session: AsyncSession) -> None:
    from inkwell.content import site_settings

    site = await site_settings.load(session)
    assert [item.url for item in site.navigation] == ["/"]
