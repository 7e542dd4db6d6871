"""A published post's numbers on its editor page: the page's own visitors and views over 30
days (daily rows and raw events alike), a sparkline, and a link to the dashboard filtered on
it for those who see the dashboard. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

from lxml import html as lxml_html

from inkwell.admin.analytics_view import local_today
from inkwell.content import service as content
from inkwell.content.service import AuthorRef, Post
from inkwell.core.db import Database
from tests.admin.conftest import SignIn, Staffer
from tests.analytics.factories import add_daily, add_events
from tests.factories import make_post


async def counted_post(database: Database, author: Staffer | None = None, **fields: object) -> Post:
    """A post whose path has views on three days of the last 30, and one day too old."""
    writer = AuthorRef(name=author.name, email=author.email) if author else None
    async with database.session() as session:
        post = await make_post(
            session, title="Counted", **({"authors": [writer]} if writer else {}), **fields
        )
        path = content.path_of(post, await content.load_settings(session))
        today = local_today("Etc/UTC")
        for days_ago, (visitors, views) in ((29, (3, 5)), (10, (2, 2)), (30, (50, 50))):
            await add_daily(
                session,
                today - timedelta(days=days_ago),
                {("page", path): {"visitors": visitors, "pageviews": views}},
            )
        await add_events(
            session,
            today,
            {"visitor": "a", "path": path},
            {"visitor": "a", "path": path, "minutes": 1},
            {"visitor": "b", "path": "/elsewhere/"},
        )
        await session.commit()
    return post


def panel(html: str) -> lxml_html.HtmlElement | None:
    found = lxml_html.fromstring(html).xpath("//section[@id='post-stats']")
    return found[0] if found else None


async def test_the_editor_shows_the_posts_numbers_of_30_days(
    owner: Staffer, site_database: Database
) -> None:
    post = await counted_post(site_database)
    shown = panel((await owner.get(f"/admin/posts/{post.id}/edit")).text)
    assert shown is not None
    numbers = {dd.get("data-metric"): dd.text for dd in shown.xpath(".//dd")}
    assert numbers == {"visitors": "6", "pageviews": "9"}  # 3+2+1 and 5+2+2
    (sparkline,) = shown.xpath(".//svg[@role='img']")
    assert sparkline.get("aria-label") == "Page views per day over the last 30 days: 9 in all"
    values = sparkline.xpath("string(desc)").split(", ")
    assert len(values) == 30 and (values[0], values[19], values[-1]) == ("5", "2", "2")


async def test_the_panel_links_to_the_dashboard_filtered_on_the_post(
    owner: Staffer, site_database: Database
) -> None:
    post = await counted_post(site_database, slug="counted-post")
    shown = panel((await owner.get(f"/admin/posts/{post.id}/edit")).text)
    assert shown is not None
    (link,) = shown.xpath(".//a/@href")
    query = dict(parse_qsl(urlsplit(link).query))
    assert urlsplit(link).path == "/admin/analytics"
    assert query["period"] == "30d" and query["f"].startswith("is,page,/")
    assert query["f"].endswith("/counted-post/")
    assert (await owner.get(link)).status_code == 200


async def test_an_author_sees_their_own_posts_numbers_without_the_dashboard_link(
    sign_in: SignIn, site_database: Database
) -> None:
    author = await sign_in("author")
    post = await counted_post(site_database, author)
    shown = panel((await author.get(f"/admin/posts/{post.id}/edit")).text)
    assert shown is not None
    assert shown.xpath(".//dd[@data-metric='pageviews']/text()") == ["9"]
    assert not shown.xpath(".//a")


async def test_a_draft_has_no_numbers(owner: Staffer, site_database: Database) -> None:
    post = await counted_post(site_database, status="draft", published_at=None)
    page = (await owner.get(f"/admin/posts/{post.id}/edit")).text
    assert panel(page) is None
