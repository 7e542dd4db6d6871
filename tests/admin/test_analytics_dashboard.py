"""The analytics dashboard ``/admin/analytics``: the numbers it shows are the database's sums
(daily rows where rolled up, raw events otherwise), over each period, filtered, compared with
the period before; who may see it. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from httpx import AsyncClient
from lxml import html as lxml_html
from sqlalchemy import func, select

from inkwell.admin.analytics_view import local_today, period_range
from inkwell.analytics import service as analytics
from inkwell.analytics.models import AnalyticsDaily, AnalyticsEvent
from inkwell.core.db import Database
from inkwell.core.time import utcnow
from tests.admin.conftest import SignIn, Staffer
from tests.analytics.factories import add_daily, add_events
from tests.factories import make_post

PATH = "/admin/analytics"
FIRST = date(2026, 11, 1)
"""Test data lives in a fixed past month: custom ranges over it never depend on today."""
CUSTOM = f"{PATH}?period=custom&from=2026-11-01&to=2026-11-04"


def total(numbers: dict[str, int], **more: int) -> dict[str, int]:
    return {"visitors": 0, "pageviews": 0, "events": 0, "visits": 0, "bounces": 0} | numbers | more


def shown_totals(html: str) -> dict[str, str]:
    page = lxml_html.fromstring(html)
    return {
        div.get("data-metric"): div.get("data-value") for div in page.xpath('//div[@class="total"]')
    }


@pytest.fixture
async def november(site_database: Database) -> None:
    """Three rolled-up days (1-3 Nov) and one day of raw events (4 Nov) not rolled up."""
    async with site_database.session() as session:
        for offset, (visitors, views) in enumerate([(10, 25), (7, 9), (3, 4)]):
            await add_daily(
                session,
                FIRST + timedelta(days=offset),
                {
                    ("", ""): total({"visitors": visitors, "pageviews": views, "visits": visitors}),
                    ("page", "/"): total({"visitors": visitors, "pageviews": views - 1}),
                    ("page", "/about/"): total({"visitors": 1, "pageviews": 1}),
                    ("source", "Hacker News"): total({"visitors": 2, "visits": 2}),
                },
            )
        await add_events(
            session,
            FIRST + timedelta(days=3),
            {"visitor": "a", "path": "/", "source": "Hacker News"},
            {"visitor": "a", "path": "/about/", "source": "Hacker News", "minutes": 2},
            {"visitor": "b", "path": "/", "minutes": 5},
        )
        await session.commit()


async def database_sums(database: Database, start: date, end: date) -> dict[str, int]:
    """Page views and visitors straight from the tables: daily rows, then raw events of the
    days not rolled up (visitors: distinct per day)."""
    async with database.session() as session:
        stored = await session.execute(
            select(func.sum(AnalyticsDaily.pageviews), func.sum(AnalyticsDaily.visitors)).where(
                AnalyticsDaily.dimension == "", AnalyticsDaily.day.between(start, end)
            )
        )
        views, visitors = stored.one()
        stored_days = select(AnalyticsDaily.day).where(AnalyticsDaily.dimension == "")
        raw = (
            await session.execute(
                select(
                    AnalyticsEvent.day,
                    func.count(),
                    func.count(func.distinct(AnalyticsEvent.visitor)),
                )
                .where(
                    AnalyticsEvent.day.between(start, end), AnalyticsEvent.day.not_in(stored_days)
                )
                .group_by(AnalyticsEvent.day)
            )
        ).all()
    return {
        "pageviews": int(views or 0) + sum(row[1] for row in raw),
        "visitors": int(visitors or 0) + sum(row[2] for row in raw),
    }


@pytest.mark.usefixtures("november")
async def test_the_totals_are_the_databases_sums(owner: Staffer, site_database: Database) -> None:
    shown = shown_totals((await owner.get(CUSTOM)).text)
    sums = await database_sums(site_database, FIRST, FIRST + timedelta(days=3))
    assert sums == {"pageviews": 41, "visitors": 22}
    assert (int(shown["pageviews"]), int(shown["visitors"])) == (
        sums["pageviews"],
        sums["visitors"],
    )


@pytest.mark.usefixtures("november")
async def test_top_pages_are_the_databases_sums_with_the_posts_title(
    owner: Staffer, site_database: Database
) -> None:
    async with site_database.session() as session:
        about = await make_post(session, title="About <this> blog", slug="about", type="page")
        await session.commit()
    assert about.slug == "about"
    page = lxml_html.fromstring((await owner.get(CUSTOM)).text)
    rows = page.xpath('//section[@id="pages"]//tbody/tr')
    shown = {row.xpath("string(th/a)"): [cell.text for cell in row.xpath("td")] for row in rows}
    async with site_database.session() as session:
        stored = await session.scalar(
            select(func.sum(AnalyticsDaily.pageviews)).where(
                AnalyticsDaily.dimension == "page", AnalyticsDaily.value == "/about/"
            )
        )
    raw = 1  # the one raw view of /about/ on 4 Nov
    assert shown["About <this> blog"] == ["4", str(stored + raw)]
    assert shown["/"] == ["22", "37"]


@pytest.mark.parametrize("period", ["day", "7d", "30d", "month", "12mo"])
async def test_each_period_counts_its_own_days_only(
    owner: Staffer, site_database: Database, period: str
) -> None:
    today = local_today("Etc/UTC")
    start, end = period_range(period, today)
    async with site_database.session() as session:
        await add_daily(session, start, {("", ""): total({"pageviews": 5, "visitors": 2})})
        await add_daily(session, start - timedelta(days=1), {("", ""): total({"pageviews": 70})})
        await session.commit()
    answer = await owner.get(f"{PATH}?period={period}")
    shown = shown_totals(answer.text)
    assert (shown["pageviews"], shown["visitors"]) == ("5", "2")
    current = lxml_html.fromstring(answer.text).xpath(
        "//nav[@aria-label='Period']//a[@aria-current='page']/@href"
    )
    assert current == [f"{PATH}?period={period}"]
    assert end == today


async def test_the_period_before_is_compared_in_percent(
    owner: Staffer, site_database: Database
) -> None:
    async with site_database.session() as session:
        await add_daily(session, FIRST, {("", ""): total({"pageviews": 30, "visits": 10})})
        await add_daily(
            session,
            FIRST - timedelta(days=1),
            {("", ""): total({"pageviews": 20, "visits": 10, "bounces": 5})},
        )
        await session.commit()
    page = lxml_html.fromstring(
        (await owner.get(f"{PATH}?period=custom&from=2026-11-01&to=2026-11-01")).text
    )
    changes = {
        div.get("data-metric"): div.xpath("string(.//span[contains(@class, 'change')])")
        for div in page.xpath('//div[@class="total"]')
    }
    assert changes["pageviews"] == "+50% compared with 20 in the previous period"
    assert changes["visits"] == "no change compared with 10 in the previous period"
    assert changes["bounce_rate"] == "−50 points compared with 50% in the previous period"
    assert page.xpath("//div[@data-metric='bounce_rate']//span[contains(@class, 'change-good')]")


async def test_visitors_over_several_days_are_labelled_as_a_sum_of_daily_uniques(
    owner: Staffer,
) -> None:
    several = lxml_html.fromstring((await owner.get(f"{PATH}?period=7d")).text)
    one = lxml_html.fromstring((await owner.get(f"{PATH}?period=day")).text)
    label = "string(//div[@data-metric='visitors']/dt)"
    assert several.xpath(label) == "Unique visitors (sum of daily uniques)"
    assert "counts three times" in several.xpath("string(//p[@id='visitors-note'])")
    assert one.xpath(label) == "Unique visitors"
    assert not one.xpath("//p[@id='visitors-note']")


@pytest.mark.usefixtures("november")
async def test_a_filter_counts_the_matching_raw_events_and_says_from_when(owner: Staffer) -> None:
    answer = await owner.get(CUSTOM + "&f=is,source,Hacker News")
    shown = shown_totals(answer.text)
    assert (shown["visitors"], shown["pageviews"]) == ("1", "2")  # visitor a, two views on 4 Nov
    page = lxml_html.fromstring(answer.text)
    assert "applies from 4 November 2026 on" in page.xpath("string(//p[@id='filter-note'])")


@pytest.mark.usefixtures("november")
async def test_a_filter_says_when_only_the_period_compared_lacks_raw_events(
    owner: Staffer,
) -> None:
    answer = await owner.get(f"{PATH}?period=custom&from=2026-11-04&to=2026-11-04&f=is,page,/")
    note = lxml_html.fromstring(answer.text).xpath("string(//p[@id='filter-note'])")
    assert "the period compared reaches back before 4 November 2026" in note


@pytest.mark.usefixtures("november")
async def test_a_filter_covered_by_raw_events_needs_no_note(
    owner: Staffer, site_database: Database
) -> None:
    async with site_database.session() as session:
        await add_events(session, FIRST + timedelta(days=2), {"visitor": "c", "path": "/"})
        await session.commit()
    answer = await owner.get(f"{PATH}?period=custom&from=2026-11-04&to=2026-11-04&f=is,page,/")
    assert shown_totals(answer.text)["pageviews"] == "2"
    assert not lxml_html.fromstring(answer.text).xpath("//p[@id='filter-note']")


@pytest.mark.usefixtures("november")
async def test_clicking_a_value_already_filtered_on_adds_no_second_chip(owner: Staffer) -> None:
    page = lxml_html.fromstring((await owner.get(CUSTOM + "&f=is,page,/")).text)
    (link,) = page.xpath("//section[@id='pages']//tbody//a[text()='/']/@href")
    assert link.count("f=") == 1


@pytest.mark.usefixtures("november")
async def test_filters_are_chips_whose_link_removes_them(owner: Staffer) -> None:
    url = CUSTOM + "&f=is,source,Hacker News&f=contains,page,about"
    page = lxml_html.fromstring((await owner.get(url)).text)
    chips = page.xpath("//ul[@class='chips']/li")
    assert [chip.text.strip() for chip in chips] == ["Source is Hacker News", "Page contains about"]
    remove = chips[0].xpath("a/@href")[0]
    assert chips[0].xpath("a/@aria-label") == ["Remove the filter Source is Hacker News"]
    assert remove == (
        f"{PATH}?period=custom&from=2026-11-01&to=2026-11-04&f=contains%2Cpage%2Cabout"
    )
    shown = shown_totals((await owner.get(remove)).text)
    assert shown["pageviews"] == "1"  # only /about/'s raw view on 4 Nov


@pytest.mark.usefixtures("november")
async def test_a_value_in_a_table_links_to_the_view_filtered_on_it(owner: Staffer) -> None:
    page = lxml_html.fromstring((await owner.get(CUSTOM)).text)
    (link,) = page.xpath("//section[@id='sources']//tbody//a[text()='Direct / none']/@href")
    assert link.endswith("&f=is%2Csource%2C")  # the empty source: direct visits
    shown = shown_totals((await owner.get(link)).text)
    assert (shown["visitors"], shown["pageviews"]) == ("1", "1")  # visitor b


async def test_the_filter_form_leads_to_the_views_own_address(owner: Staffer) -> None:
    answer = await owner.get(
        f"{PATH}?period=7d&add_dimension=browser&add_op=is_not&add_value=Firefox"
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{PATH}?period=7d&f=is_not%2Cbrowser%2CFirefox"


async def test_realtime_counts_the_visitors_of_the_last_five_minutes(
    owner: Staffer, site_database: Database
) -> None:
    now = utcnow()
    async with site_database.session() as session:
        for visitor, minutes in (("a", 1), ("a", 2), ("b", 4), ("c", 9)):
            at = now - timedelta(minutes=minutes)
            session.add(
                AnalyticsEvent(at=at, day=at.date(), name="pageview", visitor=visitor, path="/")
            )
        await session.commit()
    page = lxml_html.fromstring((await owner.get(PATH)).text)
    assert page.xpath("string(//p[@id='realtime'])") == "2 visitors in the last 5 minutes"


async def test_the_dashboard_says_when_counting_is_off(
    owner: Staffer, site_database: Database
) -> None:
    assert "counting-off" not in (await owner.get(PATH)).text
    async with site_database.session() as session:
        await analytics.update_settings(session, {"collection": "off"})
        await session.commit()
    page = lxml_html.fromstring((await owner.get(PATH)).text)
    assert page.xpath("string(//p[@id='counting-off'])").startswith("Counting is off")


async def test_the_chart_is_on_the_page_with_its_table(owner: Staffer) -> None:
    page = lxml_html.fromstring((await owner.get(f"{PATH}?period=7d")).text)
    (svg,) = page.xpath("//figure[@class='chart']/svg")
    assert svg.get("role") == "img"
    assert len(page.xpath("//figure[@class='chart']/table/tbody/tr")) == 7


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=forever", "The period is one of day, 7d, 30d, month, 12mo, custom."),
        ("period=custom&from=2026-11-01", "A custom range needs both a from and a to date."),
        (
            "period=custom&from=2026-13-01&to=2026-12-01",
            "The from date is a day written YYYY-MM-DD.",
        ),
        ("period=custom&from=2026-11-02&to=2026-11-01", "The from date comes after the to date."),
        ("period=custom&from=2000-01-01&to=2026-11-01", "A custom range covers at most 3660 days."),
        ("interval=minute", "The interval is hour, day, week or month."),
        ("f=is,colour,red", "No numbers are kept by &#39;colour&#39;"),
        ("f=equals,page,/", "A filter&#39;s comparison is one of is, is_not, contains."),
        ("f=page", "A filter is written op,dimension,value"),
        ("f=contains,page,", "A contains filter needs some text to look for."),
        ("f=is,page," + "x" * 501, "A filter&#39;s value has at most 500 characters."),
        ("&".join(["f=is,page,/"] * 11), "At most 10 filters apply at once."),
        ("colour=red", "This page takes no &#39;colour&#39; parameter."),
        ("format=pdf", "The format is html or csv."),
        ("format=csv&table=secrets", "There is no table &#39;secrets&#39; to export"),
    ],
)
async def test_a_malformed_address_is_a_400_saying_why(
    owner: Staffer, query: str, message: str
) -> None:
    answer = await owner.get(f"{PATH}?{query}")
    assert answer.status_code == 400
    assert message in answer.text


@pytest.mark.parametrize("role", ["author", "contributor"])
async def test_authors_and_contributors_cannot_see_the_sites_analytics(
    sign_in: SignIn, role: str
) -> None:
    staffer = await sign_in(role)
    for url in (PATH, f"{PATH}?format=csv&table=pages"):
        answer = await staffer.get(url)
        assert answer.status_code == 403
        assert "cannot see the site&#39;s analytics" in answer.text
    assert f'href="{PATH}"' not in (await staffer.get("/admin/")).text


@pytest.mark.parametrize("role", ["editor", "administrator"])
async def test_editors_and_administrators_see_it_from_the_navigation(
    sign_in: SignIn, role: str
) -> None:
    staffer = await sign_in(role)
    assert f'href="{PATH}"' in (await staffer.get("/admin/")).text
    assert (await staffer.get(PATH)).status_code == 200


async def test_signed_out_visitors_are_sent_to_sign_in(anonymous: AsyncClient) -> None:
    answer = await anonymous.get(PATH)
    assert answer.status_code in (302, 303, 307)
    assert "/admin/signin" in answer.headers["location"]
