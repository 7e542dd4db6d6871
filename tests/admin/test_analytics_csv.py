"""CSV export of any dashboard table: every row (not only those shown), a file name, proper
quoting, and no cell a spreadsheet would run as a formula. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from lxml import html as lxml_html

from inkwell.admin.analytics_tables import neutralised
from inkwell.core.db import Database
from tests.admin.conftest import Staffer
from tests.analytics.factories import add_daily, add_events

DAY = date(2026, 11, 10)
VIEW = "/admin/analytics?period=custom&from=2026-11-10&to=2026-11-12"
HOSTILE_SOURCES = ['=HYPERLINK("http://evil.example")', "+1+1", "-2", "@SUM(A1)", "\tTab"]


def table_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def numbers(visitors: int, pageviews: int, visits: int = 0) -> dict[str, int]:
    return {"visitors": visitors, "pageviews": pageviews, "visits": visits}


@pytest.fixture
async def many_pages(site_database: Database) -> None:
    """Twelve pages (more than the page shows) over two rolled-up days."""
    async with site_database.session() as session:
        for offset in (0, 1):
            rows = {("page", f"/post-{n}/"): numbers(n, 2 * n) for n in range(1, 13)}
            rows[("", "")] = numbers(78, 156, 80)
            await add_daily(session, DAY + timedelta(days=offset), rows)
        await session.commit()


@pytest.mark.usefixtures("many_pages")
async def test_the_pages_csv_holds_every_row_with_a_file_name(owner: Staffer) -> None:
    answer = await owner.get(VIEW + "&format=csv&table=pages")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == (
        'attachment; filename="inkwell-pages-2026-11-10-2026-11-12.csv"'
    )
    rows = table_of(answer.text)
    assert rows[0] == ["Page", "Title", "Visitors", "Page views"]
    assert rows[1] == ["/post-12/", "", "24", "48"]
    assert len(rows) == 13
    assert sum(int(row[3]) for row in rows[1:]) == 2 * 2 * sum(range(1, 13))


@pytest.mark.usefixtures("many_pages")
async def test_the_page_shows_ten_rows_and_points_to_the_csv(owner: Staffer) -> None:
    page = lxml_html.fromstring((await owner.get(VIEW)).text)
    assert len(page.xpath("//section[@id='pages']//tbody/tr")) == 10
    assert "10 of 12 shown; the CSV holds them all." in page.xpath("string(//section[@id='pages'])")
    (link,) = page.xpath("//section[@id='pages']//a[@download]/@href")
    assert link.endswith("&format=csv&table=pages")


@pytest.mark.usefixtures("many_pages")
async def test_the_chart_csv_has_a_line_per_day(owner: Staffer) -> None:
    rows = table_of((await owner.get(VIEW + "&format=csv&table=visitors")).text)
    assert rows == [
        ["Date", "Visitors", "Page views", "Visits", "Bounce rate (%)", "Visit duration (s)"],
        ["2026-11-10", "78", "156", "80", "0", "0"],
        ["2026-11-11", "78", "156", "80", "0", "0"],
        ["2026-11-12", "0", "0", "0", "0", "0"],
    ]


async def test_cells_a_spreadsheet_would_run_get_an_apostrophe(
    owner: Staffer, site_database: Database
) -> None:
    async with site_database.session() as session:
        await add_events(
            session,
            DAY,
            *({"visitor": f"v{n}", "source": source} for n, source in enumerate(HOSTILE_SOURCES)),
            {"visitor": "w", "source": 'News, "daily"'},
        )
        await session.commit()
    rows = table_of((await owner.get(VIEW + "&format=csv&table=sources")).text)
    assert {row[0] for row in rows[1:]} == {"'" + source for source in HOSTILE_SOURCES} | {
        'News, "daily"'
    }


@pytest.mark.usefixtures("many_pages")
async def test_the_csv_follows_the_views_filters(owner: Staffer, site_database: Database) -> None:
    async with site_database.session() as session:
        await add_events(
            session,
            DAY + timedelta(days=2),
            {"visitor": "a", "path": "/post-1/", "browser": "Firefox"},
            {"visitor": "b", "path": "/post-2/", "browser": "Chrome"},
        )
        await session.commit()
    rows = table_of((await owner.get(VIEW + "&f=is,browser,Firefox&format=csv&table=pages")).text)
    assert rows[1:] == [["/post-1/", "", "1", "1"]]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\rx", "'\rx"),
        ("/a=b/", "/a=b/"),
        (42, "42"),
        ("", ""),
    ],
)
def test_neutralised_cells(cell: object, written: str) -> None:
    assert neutralised(cell) == written
