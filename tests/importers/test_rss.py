"""Importing RSS 2.0 and Atom feeds: Ghost, WordPress, Jekyll, Hugo, and hostile or broken ones."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from inkwell.content import service as content
from inkwell.content import site_settings
from inkwell.content.models import Post, User
from inkwell.importers.pipeline import import_feed
from inkwell.importers.report import ImportFailed, ImportReport
from inkwell.settings import Settings

from .support import all_posts, fixture, post_titled, row_counts

GHOST_LINKS = {
    "Logging soil moisture with a five-dollar board": "/blog/2026/03/soil-moisture-logging/",
    "A dashboard that fits on an e-ink screen": "/blog/2026/02/e-ink-dashboard/",
    "Winter notes: keeping the heater honest": "/blog/2026/01/heater-notes/",
}


async def run(session: AsyncSession, settings: Settings, source: str | Path) -> ImportReport:
    return await import_feed(session, str(source), settings=settings)


def write_feed(tmp_path: Path, items: str, link: str = "https://old.example.test/") -> Path:
    """A small RSS file with ``items`` inside its channel."""
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Inline</title><link>{link}</link><description>d</description>{items}"
        "</channel></rss>",
        encoding="utf-8",
    )
    return path


# --- Ghost ----------------------------------------------------------------------------------


async def test_ghost_feed_creates_every_post(session: AsyncSession, settings: Settings) -> None:
    report = await run(session, settings, fixture("ghost.xml"))
    assert (len(report.created), len(report.updated), report.skipped) == (3, 0, [])


async def test_ghost_ids_are_kept(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("ghost.xml"))
    post = await post_titled(session, "Logging soil moisture with a five-dollar board")
    assert post.id == "6a1f0c2e9b3d4a5f6e7d8c91"
    assert post.guid is None  # our feed emits the id, which is the old guid


async def test_ghost_posts_keep_their_urls(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("ghost.xml"))
    site = await site_settings.load(session)
    paths = {post.title: content.path_of(post, site) for post in await all_posts(session)}
    assert paths == GHOST_LINKS


async def test_ghost_urls_need_no_redirects(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("ghost.xml"))
    assert (await row_counts(session))["redirects"] == 0


async def test_ghost_tags_keep_their_order(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("ghost.xml"))
    post = await post_titled(session, "A dashboard that fits on an e-ink screen")
    assert [tag.name for tag in post.tags] == ["hardware", "design", "python"]


async def test_ghost_authors_are_created_once(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("ghost.xml"))
    names = (await session.execute(select(User.name).order_by(User.name))).scalars().all()
    assert list(names) == ["Joel Okafor", "Marta Ruiz"]


async def test_ghost_dates_are_kept(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("ghost.xml"))
    post = await post_titled(session, "Logging soil moisture with a five-dollar board")
    assert post.published_at == datetime(2026, 3, 9, 7, 45, tzinfo=UTC)
    assert post.status == "published" and post.type == "post"


async def test_plain_text_description_becomes_the_custom_excerpt(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("ghost.xml"))
    post = await post_titled(session, "Logging soil moisture with a five-dollar board")
    expected = "Cheap sensors lie in predictable ways. Here is how I calibrate mine every spring."
    assert post.custom_excerpt == expected


async def test_html_description_is_not_an_excerpt(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("ghost.xml"))
    post = await post_titled(session, "A dashboard that fits on an e-ink screen")
    assert post.custom_excerpt is None


async def test_ghost_feature_image_comes_from_media_content(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("ghost.xml"))
    post = await post_titled(session, "Logging soil moisture with a five-dollar board")
    assert post.feature_image == (
        "http://greenhouse.example.test/content/images/2026/03/moisture-probe.jpg"
    )


async def test_ghost_duplicate_leading_image_is_removed(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("ghost.xml"))
    post = await post_titled(session, "Logging soil moisture with a five-dollar board")
    assert "moisture-probe.jpg" not in post.source
    assert post.source.startswith("<p>The capacitive probe")


async def test_feed_html_is_stored_untrusted(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("ghost.xml"))
    post = await post_titled(session, "Logging soil moisture with a five-dollar board")
    assert (post.source_format, post.source_trusted) == ("html", False)
    assert 'id="calibration"' in post.html


async def test_reimport_updates_and_never_duplicates(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("ghost.xml"))
    before = await row_counts(session)
    report = await run(session, settings, fixture("ghost.xml"))
    assert (len(report.created), len(report.updated)) == (0, 3)
    assert await row_counts(session) == before


async def test_site_time_zone_decides_the_month(session: AsyncSession, settings: Settings) -> None:
    # 23:30 UTC on 31 January is already February in Berlin, but the old URL says January.
    await site_settings.update(session, {"timezone": "Europe/Berlin"})
    report = await run(session, settings, fixture("ghost.xml"))
    site = await site_settings.load(session)
    post = await post_titled(session, "Winter notes: keeping the heater honest")
    assert content.path_of(post, site) == "/blog/2026/01/heater-notes/"
    assert any("date moved" in note.message for note in report.notes)


async def test_other_permalink_pattern_redirects_old_urls(
    session: AsyncSession, settings: Settings
) -> None:
    await site_settings.update(session, {"permalink": "/{slug}/"})
    await run(session, settings, fixture("ghost.xml"))
    found = await content.find_redirect(session, "/blog/2026/02/e-ink-dashboard/")
    assert found is not None and found.slug == "e-ink-dashboard"


# --- WordPress ------------------------------------------------------------------------------


async def test_wordpress_guid_is_kept(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("wordpress.xml"))
    post = await post_titled(session, "Timing a sourdough starter with cron")
    assert post.guid == "https://bakery.example.test/?p=123"


async def test_wordpress_categories_become_tags(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("wordpress.xml"))
    post = await post_titled(session, "Timing a sourdough starter with cron")
    assert [tag.name for tag in post.tags] == ["Baking", "Automation", "cron"]


async def test_wordpress_creator_is_the_author(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("wordpress.xml"))
    post = await post_titled(session, "Timing a sourdough starter with cron")
    assert [author.name for author in post.authors] == ["Priya Natarajan"]


async def test_image_enclosure_is_the_feature_image(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("wordpress.xml"))
    post = await post_titled(session, "Timing a sourdough starter with cron")
    assert post.feature_image == "https://bakery.example.test/wp-content/uploads/2024/05/jar.jpg"


async def test_teaser_ending_in_ellipsis_is_not_an_excerpt(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("wordpress.xml"))
    posts = await all_posts(session)
    assert [post.custom_excerpt for post in posts] == [None, None]


async def test_old_url_outside_the_pattern_redirects(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("wordpress.xml"))
    found = await content.find_redirect(session, "/2024/05/sourdough-cron/")
    assert found is not None and found.title == "Timing a sourdough starter with cron"


async def test_slug_comes_from_the_link(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("wordpress.xml"))
    post = await post_titled(session, "Why my oven thermometer lives in a spreadsheet")
    assert post.slug == "oven-thermometer"


async def test_slug_from_the_link_is_kept_exactly(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    item = (
        "<item><title>Some notes</title><link>https://old.example.test/p/Some_Notes/</link>"
        "<guid>u-1</guid><description>Hi.</description></item>"
    )
    await run(session, settings, write_feed(tmp_path, item))
    assert [post.slug for post in await all_posts(session)] == ["Some_Notes"]


async def test_slug_from_a_title_is_made_up(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    item = (
        '<item><title>Some_Notes Here</title><guid isPermaLink="false">u-2</guid>'
        "<description>Hi.</description></item>"
    )
    await run(session, settings, write_feed(tmp_path, item))
    assert [post.slug for post in await all_posts(session)] == ["some-notes-here"]


async def test_links_to_another_host_only_give_the_slug(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    item = (
        "<item><title>Cross-posted</title><link>https://elsewhere.example.test/p/cross/</link>"
        "<guid>x-1</guid><description>Hi.</description></item>"
    )
    await run(session, settings, write_feed(tmp_path, item))
    posts = await all_posts(session)
    assert [post.slug for post in posts] == ["cross"]
    assert (await row_counts(session))["redirects"] == 0


# --- Jekyll (Atom) and Hugo -----------------------------------------------------------------


async def test_atom_dates_published_and_updated(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("jekyll.xml"))
    post = await post_titled(session, "Reading tide tables with awk")
    assert post.published_at == datetime(2024, 3, 9, 10, 20, tzinfo=UTC)
    assert post.updated_at == datetime(2024, 3, 10, 7, 0, tzinfo=UTC)


async def test_atom_entry_author_wins_over_feed_author(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("jekyll.xml"))
    post = await post_titled(session, "Reading tide tables with awk")
    assert [author.name for author in post.authors] == ["Tomas Lindqvist"]


async def test_atom_feed_author_fills_in(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("jekyll.xml"))
    post = await post_titled(session, "Salt, rust and a Raspberry Pi")
    assert [author.name for author in post.authors] == ["Ines Baptiste"]


async def test_atom_relative_image_is_made_absolute(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("jekyll.xml"))
    post = await post_titled(session, "Reading tide tables with awk")
    assert 'src="https://tidepool.example.test/assets/img/harbour.png"' in post.source


async def test_jekyll_html_suffix_is_not_part_of_the_slug(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("jekyll.xml"))
    post = await post_titled(session, "Salt, rust and a Raspberry Pi")
    assert post.slug == "salt-and-rust"


async def test_hugo_description_is_the_body(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("hugo.xml"))
    post = await post_titled(session, "Making warnings fatal in CI, gently")
    assert '<h2 id="the-order">' in post.html
    assert post.custom_excerpt is None


async def test_hugo_guid_is_the_link(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("hugo.xml"))
    post = await post_titled(session, "Making warnings fatal in CI, gently")
    assert post.guid == "https://quiet.example.test/posts/fatal-warnings/"


async def test_hugo_year_one_date_counts_as_missing(
    session: AsyncSession, settings: Settings
) -> None:
    report = await run(session, settings, fixture("hugo.xml"))
    post = await post_titled(session, "About this site")
    assert post.published_at == datetime(2024, 1, 12, 9, 30, tzinfo=UTC)
    assert ("item 2: About this site", "no date: used the feed's date") in [
        (note.label, note.message) for note in report.notes
    ]


# --- awkward items --------------------------------------------------------------------------


async def test_item_without_title_or_content_is_skipped_and_the_rest_imported(
    session: AsyncSession, settings: Settings
) -> None:
    report = await run(session, settings, fixture("broken-item.xml"))
    assert len(report.created) == 2
    assert [(s.label, s.reason) for s in report.skipped] == [
        ("item 2: untitled", "no title and no content")
    ]


async def test_gigantic_title_is_cut_at_a_word(session: AsyncSession, settings: Settings) -> None:
    report = await run(session, settings, fixture("edge-cases.xml"))
    query = select(Post).where(Post.guid == "edge-long").options(undefer(Post.source))
    post = (await session.execute(query)).scalar_one()
    assert len(post.title) <= 255 and post.title.endswith("…")
    assert any(note.message == "title cut to 255 characters" for note in report.notes)


async def test_same_slug_from_different_guids_stays_unique(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("edge-cases.xml"))
    query = select(Post.guid, Post.slug).where(Post.guid.in_(["edge-hello-1", "edge-hello-2"]))
    slugs = dict((await session.execute(query)).all())
    assert slugs == {"edge-hello-1": "hello", "edge-hello-2": "hello-2"}


async def test_missing_date_is_read_from_the_url(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings, fixture("edge-cases.xml"))
    post = await post_titled(session, "Undated but placed")
    site = await site_settings.load(session)
    assert content.path_of(post, site) == "/blog/2023/11/undated-but-placed/"


async def test_missing_date_falls_back_to_the_feed_date(
    session: AsyncSession, settings: Settings
) -> None:
    report = await run(session, settings, fixture("edge-cases.xml"))
    post = await post_titled(session, "Undated and adrift")
    assert post.published_at == datetime(2024, 4, 7, 12, 0, tzinfo=UTC)
    assert "no date: used the feed's date" in [note.message for note in report.notes]


async def test_guessed_date_does_not_move_on_reimport(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    original = fixture("edge-cases.xml").read_text(encoding="utf-8")
    await run(session, settings, fixture("edge-cases.xml"))
    later = tmp_path / "later.xml"
    later.write_text(original.replace("Sun, 07 Apr 2024", "Sun, 14 Apr 2024"), encoding="utf-8")
    await run(session, settings, later)
    post = await post_titled(session, "Undated and adrift")
    assert post.published_at == datetime(2024, 4, 7, 12, 0, tzinfo=UTC)


async def test_item_without_guid_is_known_by_its_link(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("edge-cases.xml"))
    report = await run(session, settings, fixture("edge-cases.xml"))
    post = await post_titled(session, "No guid at all")
    assert post.guid == "https://edge.example.test/no-guid/"
    assert report.created == []


async def test_repeated_guid_in_one_feed_is_skipped(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    item = "<item><title>{}</title><guid>same</guid><description>x</description></item>"
    report = await run(session, settings, write_feed(tmp_path, item.format("A") + item.format("B")))
    assert [(s.label, s.reason) for s in report.skipped] == [
        ("item 2: B", "same id/guid as item 1: A (same)")
    ]


async def test_item_the_database_refuses_is_reported(
    session: AsyncSession, settings: Settings
) -> None:
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("the refusing trigger is written for SQLite")
    await session.execute(
        text(
            "CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON posts "
            "WHEN NEW.title = 'The second good one' "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
        )
    )
    report = await run(session, settings, fixture("broken-item.xml"))
    assert report.created == ["item 1: The first good one"]
    assert report.skipped[-1].label == "item 3: The second good one"
    assert "refused by the test" in report.skipped[-1].reason


async def test_slightly_broken_xml_imports_with_a_warning(
    session: AsyncSession, settings: Settings
) -> None:
    report = await run(session, settings, fixture("not-well-formed.xml"))
    assert len(report.created) == 2
    assert report.warnings and "not well-formed XML" in report.warnings[0]


async def test_wrong_declared_encoding_is_accepted_with_a_warning(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    feed = tmp_path / "ascii.xml"
    feed.write_bytes(
        '<?xml version="1.0" encoding="us-ascii"?><rss version="2.0"><channel><title>T</title>'
        "<link>https://cafe.example.test/</link><description>d</description><item>"
        "<title>Café notes</title><guid>e-1</guid><description>Crème.</description></item>"
        "</channel></rss>".encode()
    )
    report = await run(session, settings, feed)
    assert report.created == ["item 1: Café notes"]
    assert report.warnings == ["the feed's declared encoding was wrong; read it as utf-8"]


# --- hostile content ------------------------------------------------------------------------


async def test_scripts_and_handlers_do_not_survive(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("hostile.xml"))
    html = (await post_titled(session, "Free stickers inside")).html.lower()
    for marker in ("<script", "onclick", "onerror", "onload", "javascript:", "<iframe", "<form"):
        assert marker not in html, marker
    assert "the end of a normal paragraph." in html


async def test_external_entities_are_refused(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711", encoding="utf-8")
    feed = tmp_path / "xxe.xml"
    template = fixture("xxe.xml").read_text(encoding="utf-8")
    feed.write_text(template.replace("SECRET_PATH", str(secret)), encoding="utf-8")
    with pytest.raises(ImportFailed, match="external XML entities"):
        await run(session, settings, feed)
    assert (await row_counts(session))["posts"] == 0


def test_feedparser_itself_never_reads_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711", encoding="utf-8")
    template = fixture("xxe.xml").read_text(encoding="utf-8")
    data = template.replace("SECRET_PATH", str(secret)).encode()
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False)
    assert "TOP-SECRET-4711" not in repr(parsed)


async def test_billion_laughs_is_refused_quickly(session: AsyncSession, settings: Settings) -> None:
    started = time.monotonic()
    with pytest.raises(ImportFailed, match="nested XML entities"):
        await run(session, settings, fixture("billion-laughs.xml"))
    assert time.monotonic() - started < 2


# --- sources that are not feeds -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.xml", "is empty"),
        ("page.html", "is an HTML page, not a feed"),
        ("feed.json", "is JSON, not an RSS or Atom feed"),
        ("truncated.xml", "is truncated: the XML stops before the feed's closing tag"),
    ],
)
async def test_unusable_file_is_refused_with_its_reason(
    session: AsyncSession, settings: Settings, name: str, message: str
) -> None:
    with pytest.raises(ImportFailed, match=message):
        await run(session, settings, fixture(name))


async def test_binary_junk_is_refused(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ImportFailed, match="is binary data, not an RSS or Atom feed"):
        await run(session, settings, junk)


async def test_feed_without_items_is_refused(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    with pytest.raises(ImportFailed, match="a feed without any items"):
        await run(session, settings, write_feed(tmp_path, ""))


async def test_missing_file_is_refused(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        await run(session, settings, tmp_path / "nowhere.xml")


async def test_folder_is_refused(session: AsyncSession, settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="is a folder, not a feed file"):
        await run(session, settings, tmp_path)


async def test_failed_import_leaves_stored_data_untouched(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings, fixture("ghost.xml"))
    before = await row_counts(session)
    with pytest.raises(ImportFailed):
        await run(session, settings, fixture("truncated.xml"))
    assert await row_counts(session) == before


async def test_well_formed_but_lossy_feed_is_refused(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    # A tag cut short makes the lenient parser swallow the next item into this one.
    items = (
        "<item><title>One</title><guid>l-1</guid><description>a</description></item>"
        "<item><title>Two</title><guid>l-2</guid><description>b</descrip"
        "<item><title>Three</title><guid>l-3</guid><description>c</description></item>"
    )
    with pytest.raises(ImportFailed, match=r"items could not be read"):
        await run(session, settings, write_feed(tmp_path, items))
