"""The analytics dashboard's view of one day: its chart is 24 hours of the site's clock, read
from the raw events and compared with the day before hour by hour, while the totals stay the
day's own numbers. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lxml_html
from sqlalchemy import func, select

from inkwell.admin.analytics_view import local_today
from inkwell.analytics.models import AnalyticsEvent
from inkwell.analytics.summary import TOTAL
from inkwell.content import service as content
from inkwell.core.db import Database
from tests.admin.conftest import Staffer
from tests.admin.test_analytics_dashboard import shown_totals, total
from tests.analytics.factories import add_daily, add_events_at

PATH = "/admin/analytics"
ZONE = "Asia/Tokyo"
TOKYO = ZoneInfo(ZONE)
DAY = date(2026, 11, 10)
BEFORE = DAY - timedelta(days=1)
ONE_DAY = f"{PATH}?period=custom&from={DAY}&to={DAY}"


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """``hour:minute`` on Tokyo's clock on ``day``."""
    return datetime.combine(day, time(hour, minute), tzinfo=TOKYO)


@pytest.fixture(autouse=True)
async def tokyo(site_database: Database) -> None:
    """A site in Tokyo: on 10 Nov, a reads twice at 8 and once at 15:05, b at 23:59 (14:59 in
    UTC), c at 00:01 on the 11th; on the 9th, d and e at 8."""
    async with site_database.session(write=True) as session:
        await content.update_settings(session, {"timezone": ZONE}, site_url="http://blog.test")
        await add_events_at(
            session,
            TOKYO,
            (local(DAY, 8, 10), {"visitor": "a"}),
            (local(DAY, 8, 20), {"visitor": "a", "path": "/about/"}),
            (local(DAY, 15, 5), {"visitor": "a", "path": "/later/"}),
            (local(DAY, 23, 59), {"visitor": "b", "path": "/late/"}),
            (local(DAY + timedelta(days=1), 0, 1), {"visitor": "c"}),
            (local(BEFORE, 8, 30), {"visitor": "d"}),
            (local(BEFORE, 8, 40), {"visitor": "e"}),
        )


def _chart_rows(page_text: str) -> dict[str, list[str]]:
    """The chart's table for screen readers: each step's label and its numbers."""
    page = lxml_html.fromstring(page_text)
    rows = page.xpath("//figure[@id='chart']//table/tbody/tr")
    return {row.xpath("string(th)"): [cell.text for cell in row.xpath("td")] for row in rows}


def _hour_label(day: date, hour: int) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}, {hour:02d}:00–{(hour + 1) % 24:02d}:00"


def _starts(label: str) -> str:
    """When an hour's label says it starts: ``08:00``."""
    return label.rsplit(", ", 1)[1][:5]


async def test_one_day_is_drawn_as_24_points_labelled_by_hour(owner: Staffer) -> None:
    text = (await owner.get(ONE_DAY)).text
    assert list(_chart_rows(text)) == [_hour_label(DAY, hour) for hour in range(24)]
    svg = lxml_html.fromstring(text).xpath("//figure[@id='chart']/svg")[0]
    assert len(svg.xpath(".//circle")) == 48  # a visitors and a page views dot per hour
    axis = [label.text for label in svg.xpath("./text") if label.text.endswith(":00")]
    assert axis[0] == "00:00" and axis[-1] == "23:00"


async def test_the_charts_description_sums_up_views_but_not_hourly_visitors(
    owner: Staffer,
) -> None:
    page = lxml_html.fromstring((await owner.get(ONE_DAY)).text)
    desc = page.xpath("string(//figure[@id='chart']/svg/desc)")
    assert desc.startswith("24 steps from Tuesday 10 November 2026, 00:00–01:00 to ")
    assert ": 4 page views in all;" in desc
    assert "visitors" not in desc


async def test_each_hours_numbers_are_its_raw_events(owner: Staffer) -> None:
    rows = _chart_rows((await owner.get(ONE_DAY)).text)
    busy = {_starts(label): cells[:2] for label, cells in rows.items() if cells[1] != "0"}
    # Visitors, page views; b's 23:59 is its own day's last hour, not 14:00 (UTC).
    assert busy == {"08:00": ["1", "2"], "15:00": ["1", "1"], "23:00": ["1", "1"]}


async def test_the_day_before_is_compared_hour_by_hour(owner: Staffer) -> None:
    rows = _chart_rows((await owner.get(ONE_DAY)).text)
    before = {_starts(label): cells[2:] for label, cells in rows.items() if cells[3] != "0"}
    assert before == {"08:00": ["2", "2"]}


async def test_the_totals_stay_the_days_numbers_in_the_database(
    owner: Staffer, site_database: Database
) -> None:
    text = (await owner.get(ONE_DAY)).text
    async with site_database.session() as session:
        views, visitors = (
            await session.execute(
                select(func.count(), func.count(func.distinct(AnalyticsEvent.visitor))).where(
                    AnalyticsEvent.day == DAY
                )
            )
        ).one()
    shown = shown_totals(text)
    assert (int(shown["pageviews"]), int(shown["visitors"])) == (views, visitors) == (4, 2)
    hourly = _chart_rows(text).values()
    assert sum(int(cells[1]) for cells in hourly) == views
    assert sum(int(cells[0]) for cells in hourly) == 3  # a in two hours, once in the day


async def test_today_is_drawn_hour_by_hour(owner: Staffer, site_database: Database) -> None:
    today = local_today(ZONE)
    async with site_database.session(write=True) as session:
        await add_events_at(session, TOKYO, (local(today, 0, 30), {"visitor": "f"}))
    page = lxml_html.fromstring((await owner.get(f"{PATH}?period=day")).text)
    rows = _chart_rows(lxml_html.tostring(page, encoding="unicode"))
    assert list(rows) == [_hour_label(today, hour) for hour in range(24)]
    assert rows[_hour_label(today, 0)][:2] == ["1", "1"]
    current = page.xpath("//nav[@aria-label='Chart interval']/a[@aria-current='page']/text()")
    assert current == ["Hours"]


async def test_a_filter_applies_to_each_hour(owner: Staffer) -> None:
    rows = _chart_rows((await owner.get(ONE_DAY + "&f=is,page,/late/")).text)
    busy = {_starts(label): cells[:2] for label, cells in rows.items() if cells[1] != "0"}
    assert busy == {"23:00": ["1", "1"]}


async def test_the_hours_download_as_csv(owner: Staffer) -> None:
    answer = await owner.get(ONE_DAY + "&format=csv&table=visitors")
    lines = answer.text.splitlines()
    assert len(lines) == 25
    assert lines[9].startswith("2026-11-10 08:00:00,1,2,1,")


async def test_hours_over_several_days_are_refused(owner: Staffer) -> None:
    answer = await owner.get(f"{PATH}?period=7d&interval=hour")
    assert answer.status_code == 400
    assert "Hours are shown for one day only" in answer.text


async def test_a_day_whose_raw_events_are_gone_says_its_hours_are_unknown(
    owner: Staffer, site_database: Database
) -> None:
    gone = date(2026, 10, 1)
    async with site_database.session(write=True) as session:
        await add_daily(session, gone, {(TOTAL, TOTAL): total({"pageviews": 12, "visitors": 5})})
    text = (await owner.get(f"{PATH}?period=custom&from={gone}&to={gone}")).text
    note = lxml_html.fromstring(text).xpath("string(//p[@id='hours-gone'])")
    assert "kept for 30 days" in note and "Thursday 1 October 2026" in note
    assert shown_totals(text)["pageviews"] == "12"


async def test_the_custom_range_form_does_not_carry_hours_to_a_longer_range(
    owner: Staffer,
) -> None:
    page = lxml_html.fromstring((await owner.get(ONE_DAY + "&interval=hour")).text)
    form = page.xpath("//form[@aria-label='Custom range']")[0]
    assert not form.xpath(".//input[@name='interval']")
