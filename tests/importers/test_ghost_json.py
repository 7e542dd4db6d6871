"""``import_ghost``: Ghost 4, 5 and 6 exports into a site, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Post, Redirect, Tag, User
from inkwell.content.service import PostInput, load_settings, save_post
from inkwell.importers.ghost_json.run import import_ghost
from inkwell.importers.report import ImportFailed
from inkwell.render import DEFAULT_OPTIONS
from inkwell.settings import Settings

from .ghost_support import ghost_fixture, load_fixture, write_export

GARDEN = "60b5f1a2c3d4e5f601234501"
COMPOST = "60b5f1a2c3d4e5f601234502"
SOURDOUGH = "6420a1b2c3d4e5f601230001"


async def post(session: AsyncSession, post_id: str) -> Post:
    found = await session.get(Post, post_id, populate_existing=True)
    assert found is not None
    await session.refresh(found, ["source"])
    return found


async def total(session: AsyncSession, model: type) -> int:
    return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def test_ghost4_post_keeps_ids_dates_and_urls(
    session: AsyncSession, settings: Settings
) -> None:
    await import_ghost(session, ghost_fixture(4), settings=settings)
    garden = await post(session, GARDEN)
    assert (garden.slug, garden.uuid, garden.comment_id) == (
        "notes-from-a-slow-garden",
        "2f6a3c1e-7b1d-4c55-9a1e-0d3b7f2a9c01",
        "5f1d9a0e8b7c6d5e4f3a2b1c",
    )
    assert (garden.created_at, garden.updated_at, garden.published_at) == (
        datetime(2021, 6, 1, 8, tzinfo=UTC),
        datetime(2021, 6, 2, 9, 15, tzinfo=UTC),
        datetime(2021, 6, 1, 10, tzinfo=UTC),
    )
    assert garden.feature_image == "https://garden.example/content/images/2021/06/garden.jpg"
    assert (garden.featured, garden.status, garden.custom_excerpt) == (
        True,
        "published",
        "Six weeks of runner beans.",
    )


async def test_ghost4_posts_meta_fields_are_kept(session: AsyncSession, settings: Settings) -> None:
    await import_ghost(session, ghost_fixture(4), settings=settings)
    garden = await post(session, GARDEN)
    assert garden.meta_title == "Notes from a slow garden | Plot 9"
    assert (garden.og_title, garden.og_description) == ("Slow garden notes", "Beans, late.")
    assert garden.twitter_title == "Slow garden (twitter)"
    assert garden.feature_image_alt == "The garden in June"
    assert garden.feature_image_caption == 'Photo: <a href="https://garden.example">me</a>'


async def test_ghost4_mobiledoc_cards_become_ghost_card_html(
    session: AsyncSession, settings: Settings
) -> None:
    await import_ghost(session, ghost_fixture(4), settings=settings)
    garden = await post(session, GARDEN)
    assert garden.source_format == "html"
    assert '<figure class="kg-card kg-image-card kg-width-wide kg-card-hascaption">' in garden.html
    assert '<pre><code class="language-python">water(bed=3, litres=12)</code></pre>' in garden.html
    assert '<figure class="kg-card kg-bookmark-card">' in garden.html
    assert (
        "<blockquote>Patience is also a fertiliser.<br>— my neighbour</blockquote>" in garden.html
    )


async def test_a_markdown_card_post_keeps_its_markdown(
    session: AsyncSession, settings: Settings
) -> None:
    await import_ghost(session, ghost_fixture(4), settings=settings)
    compost = await post(session, COMPOST)
    assert (compost.source_format, compost.source) == (
        "markdown",
        "Turn it **weekly**.\n\n- greens\n- browns\n",
    )
    assert (compost.visibility, compost.status) == ("members", "draft")


async def test_tags_and_authors_keep_order_and_every_field(
    session: AsyncSession, settings: Settings
) -> None:
    await import_ghost(session, ghost_fixture(4), settings=settings)
    garden = await post(session, GARDEN)
    assert [t.slug for t in garden.tags] == ["beans", "hash-newsletter"]
    assert [a.slug for a in garden.authors] == ["ruth", "tom"]
    beans = await session.get(Tag, "60b5f1a2c3d4e5f601234301")
    assert beans is not None
    assert (beans.description, beans.og_title, beans.accent_color, beans.meta_description) == (
        "Runner, broad and French.",
        "Beans on Plot 9",
        "#3a7d44",
        "Every bean post.",
    )
    ruth = await session.get(User, "60b5f1a2c3d4e5f601234401")
    assert ruth is not None
    assert (ruth.email, ruth.bio, ruth.location, ruth.twitter, ruth.facebook) == (
        "ruth@garden.example",
        "Grows things slowly.",
        "Plot 9",
        "@ruthgardens",
        "ruth.gardens",
    )
    assert ruth.created_at == datetime(2021, 5, 1, 7, tzinfo=UTC)


async def test_a_page_stays_a_page(session: AsyncSession, settings: Settings) -> None:
    await import_ghost(session, ghost_fixture(4), settings=settings)
    about = await post(session, "60b5f1a2c3d4e5f601234503")
    assert (about.type, about.canonical_url) == ("page", "https://old.garden.example/about/")


async def test_shared_settings_are_imported(session: AsyncSession, settings: Settings) -> None:
    report = await import_ghost(session, ghost_fixture(4), settings=settings)
    site = await load_settings(session)
    assert (site.title, site.description, site.timezone, site.twitter) == (
        "Plot 9",
        "A slow garden, written up.",
        "Europe/London",
        "@plot9",
    )
    assert site.accent_color == "#3a7d44"
    assert [(n.label, n.url) for n in site.navigation] == [("Home", "/"), ("About", "/about/")]
    assert "members_signup_access" not in report.settings


async def test_ghost5_lexical_renders_formats_and_cards(
    session: AsyncSession, settings: Settings
) -> None:
    await import_ghost(session, ghost_fixture(5), settings=settings)
    sourdough = await post(session, SOURDOUGH)
    assert (
        "<strong>Feed</strong> the starter, <em><strong>then</strong> wait.</em>" in sourdough.html
    )
    assert '<h2 id="the-schedule">The schedule</h2>' in sourdough.html
    assert '<div class="kg-card kg-callout-card kg-callout-card-yellow">' in sourdough.html
    assert "<!--kg-card-begin: html-->" in sourdough.html
    assert (sourdough.visibility, sourdough.custom_template) == ("paid", "custom-recipe")
    assert sourdough.codeinjection_head == "<style>.crumb{}</style>"


async def test_ghost5_scheduled_post_and_own_comment_id(
    session: AsyncSession, settings: Settings
) -> None:
    await import_ghost(session, ghost_fixture(5), settings=settings)
    scheduled = await post(session, "6420a1b2c3d4e5f601230002")
    assert (scheduled.status, scheduled.published_at) == (
        "scheduled",
        datetime(2030, 1, 1, 9, tzinfo=UTC),
    )
    assert scheduled.comment_id == "legacy-42"
    assert scheduled.source == "Flour, water, salt.\n\n> and time"


async def test_a_refused_setting_is_a_note_not_a_failure(
    session: AsyncSession, settings: Settings
) -> None:
    report = await import_ghost(session, ghost_fixture(5), settings=settings)
    assert any("accent_color" in note for note in report.notes)
    assert (await load_settings(session)).locale == "en-GB"


async def test_ghost6_social_accounts_are_kept(session: AsyncSession, settings: Settings) -> None:
    await import_ghost(session, ghost_fixture(6), settings=settings)
    sam = await session.get(User, "68e0c1d2e3f4a5b601229001")
    assert sam is not None
    assert (sam.threads, sam.bluesky, sam.mastodon, sam.youtube, sam.instagram) == (
        "samferrier",
        "sam.lichens.example",
        "@sam@mastodon.example",
        "@samlichens",
        "samlichens",
    )


async def test_an_unsupported_card_keeps_ghosts_html_with_a_note(
    session: AsyncSession, settings: Settings
) -> None:
    report = await import_ghost(session, ghost_fixture(6), settings=settings)
    lichens = await post(session, "68e0c1d2e3f4a5b601220001")
    assert "kg-product-card" in lichens.html
    assert report.notes == [
        "the post 'lichens': the 'product' card is not supported; Ghost's HTML for it is kept"
    ]


async def test_dry_run_reports_and_stores_nothing(
    session: AsyncSession, settings: Settings
) -> None:
    report = await import_ghost(session, ghost_fixture(4), settings=settings, dry_run=True)
    assert (report.posts, report.pages, report.tags, report.authors) == (2, 1, 2, 2)
    assert await total(session, Post) == 0
    assert (await load_settings(session)).title == "Inkwell"


async def test_importing_again_leaves_posts_alone(
    session: AsyncSession, settings: Settings
) -> None:
    await import_ghost(session, ghost_fixture(4), settings=settings)
    again = await import_ghost(session, ghost_fixture(4), settings=settings)
    assert (again.posts, again.posts_here, again.tags_here, again.authors_here) == (0, 3, 2, 2)
    assert await total(session, Post) == 3


async def test_an_author_here_with_the_same_email_is_reused(
    session: AsyncSession, settings: Settings
) -> None:
    await save_post(
        session,
        PostInput(title="Mine", authors=[{"name": "Ruth A.", "email": "RUTH@garden.example"}]),
        DEFAULT_OPTIONS,
    )
    await import_ghost(session, ghost_fixture(4), settings=settings)
    garden = await post(session, GARDEN)
    assert garden.authors[0].name == "Ruth A."
    assert await total(session, User) == 2


async def test_a_slug_held_by_another_post_refuses_everything(
    session: AsyncSession, settings: Settings
) -> None:
    await save_post(session, PostInput(title="Compost", slug="compost"), DEFAULT_OPTIONS)
    with pytest.raises(ImportFailed, match="'compost' belongs to the post 'Compost'"):
        await import_ghost(session, ghost_fixture(4), settings=settings)


async def test_text_longer_than_its_column_is_refused_on_every_database(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    export = load_fixture(4)
    export["db"][0]["data"]["posts_meta"][0]["meta_title"] = "m" * 301
    with pytest.raises(ImportFailed, match="meta_title is longer than 300 characters"):
        await import_ghost(session, write_export(tmp_path / "e.json", export), settings=settings)


async def test_ghost_addresses_redirect_to_the_posts_here(
    session: AsyncSession, settings: Settings
) -> None:
    report = await import_ghost(session, ghost_fixture(4), settings=settings)
    redirect = await session.get(Redirect, "/notes-from-a-slow-garden/")
    assert redirect is not None and redirect.post_id == GARDEN
    # drafts have no address on Ghost; pages keep theirs (/about/) here too
    assert await session.get(Redirect, "/compost/") is None
    assert await session.get(Redirect, "/about/") is None
    assert report.redirects == 1
