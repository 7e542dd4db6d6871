"""Importing Google Analytics exports (GA4 and Universal Analytics) into the daily aggregates."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics.days import site_today
from inkwell.analytics.ga_csv import ExportError
from inkwell.analytics.ga_import import import_google_analytics
from tests.analytics.conftest import (
    add_counted_day,
    add_raw_event,
    rollup_sources,
    sample,
    stored_daily,
)

MAR1, MAR2, MAR3 = date(2024, 3, 1), date(2024, 3, 2), date(2024, 3, 3)

GA4_STORED = {
    (MAR1, "page", "/"): (80, 120),
    (MAR1, "page", "/posts/hello-world/"): (30, 45),
    (MAR1, "page", "/about/"): (6, 7),
    (MAR1, "", ""): (80, 172),
    (MAR2, "page", "/"): (70, 98),
    (MAR2, "page", "/posts/hello-world/"): (900, 1204),
    (MAR2, "", ""): (900, 1305),
    (MAR3, "page", "/"): (75, 110),
    (MAR3, "", ""): (75, 110),
}


async def test_a_ga4_export_fills_pages_and_site_totals(session: AsyncSession) -> None:
    report = await import_google_analytics(session, sample("ga4_pages.csv"))
    assert await stored_daily(session) == GA4_STORED
    assert report.imported == (MAR1, MAR2, MAR3)
    assert (report.pages, report.pageviews) == (6, 1587)


async def test_a_ga4_export_is_recognised_with_its_columns(session: AsyncSession) -> None:
    report = await import_google_analytics(session, sample("ga4_pages.csv"))
    export = report.export
    assert (export.flavour, export.views_column, export.visitors_column) == (
        "GA4",
        "Views",
        "Total users",
    )
    assert (export.rows, export.total_rows, export.site_only_rows) == (7, 1, 1)


async def test_imported_days_are_marked_as_imported(session: AsyncSession) -> None:
    await import_google_analytics(session, sample("ga4_pages.csv"))
    assert await rollup_sources(session) == {MAR1: "import", MAR2: "import", MAR3: "import"}


async def test_a_row_that_is_no_page_counts_in_the_site_total_only(session: AsyncSession) -> None:
    await import_google_analytics(session, sample("ga4_pages.csv"))
    stored = await stored_daily(session)
    assert not [key for key in stored if key[2] == "(not set)"]
    assert stored[(MAR2, "", "")][1] == 98 + 1204 + 3


async def test_columns_in_any_order_and_quoted_fields_are_read(session: AsyncSession) -> None:
    await import_google_analytics(session, sample("ga4_explore.csv"))
    assert await stored_daily(session) == {
        (MAR1, "page", "/posts/a-walk/"): (9, 11),
        (MAR1, "page", "/search/birds,trees/"): (4, 5),
        (MAR1, "", ""): (9, 16),
        (MAR2, "page", "/posts/a-walk/"): (12, 20),
        (MAR2, "", ""): (12, 20),
    }


async def test_an_export_without_pages_fills_the_site_totals(session: AsyncSession) -> None:
    report = await import_google_analytics(session, sample("ga4_days.csv"))
    assert await stored_daily(session) == {(MAR1, "", ""): (90, 150), (MAR2, "", ""): (120, 210)}
    assert (report.export.has_pages, report.pages) == (False, 0)


async def test_a_universal_analytics_export_is_read(session: AsyncSession) -> None:
    report = await import_google_analytics(session, sample("ua_pages.csv"))
    june1, june2 = date(2019, 6, 1), date(2019, 6, 2)
    assert await stored_daily(session) == {
        (june1, "page", "/"): (1980, 2345),
        (june1, "page", "/2019/05/spring-notes/"): (35, 42),
        (june1, "", ""): (1980, 2387),
        (june2, "page", "/"): (1750, 2001),
        (june2, "", ""): (1750, 2001),
    }
    assert (report.export.flavour, report.export.visitors_column) == (
        "Universal Analytics",
        "Unique Pageviews",
    )


async def test_the_sections_after_the_table_are_left_alone(session: AsyncSession) -> None:
    report = await import_google_analytics(session, sample("ua_pages.csv"))
    assert report.export.total_rows == 1
    assert report.pageviews == 4388


async def test_us_dates_are_read_and_missing_visitors_are_zero(session: AsyncSession) -> None:
    report = await import_google_analytics(session, sample("ua_us_dates.csv"))
    assert await stored_daily(session) == {
        (date(2018, 12, 31), "page", "/"): (0, 40),
        (date(2018, 12, 31), "", ""): (0, 40),
        (date(2019, 1, 1), "page", "/"): (0, 1000),
        (date(2019, 1, 1), "page", "/winter/"): (0, 5),
        (date(2019, 1, 1), "", ""): (0, 1005),
    }
    assert report.export.visitors_column is None


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: codecs.BOM_UTF8 + text.encode(), id="utf-8 with BOM"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode(), id="CRLF"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf-16"),
    ],
)
async def test_every_encoding_of_a_file_is_read_alike(
    session: AsyncSession, encode: Callable[[str], bytes]
) -> None:
    await import_google_analytics(session, encode(sample("ga4_pages.csv").decode()))
    assert await stored_daily(session) == GA4_STORED


HEADER = "Page path and screen class,Date,Views,Total users\n"
REFUSED = [
    pytest.param(b"", "the file is empty", id="empty"),
    pytest.param(b"# Start date: 20240301\n#\n", "the file has only comments", id="comments"),
    pytest.param(
        b"# Report\nPage,Day,Hits\n/,20240301,1\n",
        "line 2: expected a header with a Date column and a Views (GA4) or Pageviews "
        "(Universal Analytics) column; found: Page, Day, Hits",
        id="unknown header",
    ),
    pytest.param(
        b"Date,Views,Date\n20240301,1,20240301\n",
        "line 1: the header has two “date” columns",
        id="two date columns",
    ),
    pytest.param(
        (HEADER + "/,20240301,1,1\n/,20241301,2,2\n").encode(),
        "line 3: “20241301” is not a date (expected YYYYMMDD or MM/DD/YY)",
        id="impossible date",
    ),
    pytest.param(
        (HEADER + "/,,1,1\n").encode(),
        "line 2: “an empty date” is not a date (expected YYYYMMDD or MM/DD/YY)",
        id="page without a date",
    ),
    pytest.param(
        (HEADER + "/,20240301,1,1\n/a/,20240301,12.5,1\n").encode(),
        "line 3: Views: “12.5” is not a whole number",
        id="fraction",
    ),
    pytest.param(
        (HEADER + '/,20240301,"1,23",1\n').encode(),
        "line 2: Views: “1,23” is not a whole number",
        id="misgrouped thousands",
    ),
    pytest.param(
        (HEADER + "/,20240301,-4,1\n").encode(),
        "line 2: Views: “-4” is not a whole number",
        id="negative",
    ),
    pytest.param(
        (HEADER + "/,20240301,1,\n").encode(),
        "line 2: Total users: “an empty cell” is not a whole number",
        id="empty number",
    ),
    pytest.param(
        (HEADER + "/,20240301,99999999999,1\n").encode(),
        "line 2: Views: 99999999999 is more than a day can hold",
        id="too large",
    ),
    pytest.param(
        (HEADER + "/,20240301,1,1\n/a/,20240301,1\n").encode(),
        "line 3: 3 fields where the header (line 1) has 4",
        id="short row",
    ),
    pytest.param(
        (HEADER + "/,20240301,1,1\n\n/a/,20240302,1,1\n").encode(),
        "line 4: data after the blank line 3 that ended the table",
        id="data after a blank line",
    ),
    pytest.param(
        (HEADER + '/,20240301,1,1\n"/a/,20240302,1,1\n').encode(),
        "line 3: this is not CSV (unexpected end of data)",
        id="unclosed quote",
    ),
    pytest.param(
        (HEADER + '/,20240301,1,1\n"/a/"x,20240301,1,1\n').encode(),
        "line 3: this is not CSV (',' expected after '\"')",
        id="stray quote",
    ),
    pytest.param(
        HEADER.encode() + b"/caf\xe9/,20240301,1,1\n",
        "line 2: this is not UTF-8 text (byte 55)",
        id="not utf-8",
    ),
    pytest.param(
        HEADER.encode() + b",,0,0\n",
        "the header (line 1) is followed by no data",
        id="no data",
    ),
]


@pytest.mark.parametrize(("data", "message"), REFUSED)
async def test_a_malformed_file_is_refused_precisely(
    session: AsyncSession, data: bytes, message: str
) -> None:
    with pytest.raises(ExportError) as refused:
        await import_google_analytics(session, data)
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize(("data", "message"), REFUSED[4:8])
async def test_a_malformed_file_changes_nothing_stored(
    session: AsyncSession, data: bytes, message: str
) -> None:
    await import_google_analytics(session, sample("ga4_pages.csv"))
    with pytest.raises(ExportError, match=r"^line \d+: "):
        await import_google_analytics(session, data)
    assert await stored_daily(session) == GA4_STORED


async def test_a_day_inkwell_rolled_up_is_skipped_and_kept(session: AsyncSession) -> None:
    await add_counted_day(session, MAR2, pageviews=5)
    report = await import_google_analytics(session, sample("ga4_pages.csv"))
    assert (report.imported, report.skipped) == ((MAR1, MAR3), (MAR2,))
    stored = await stored_daily(session)
    assert stored[(MAR2, "", "")] == (1, 5)
    assert (MAR2, "page", "/") not in stored
    assert (await rollup_sources(session))[MAR2] == "events"


async def test_a_day_with_raw_events_is_skipped(session: AsyncSession) -> None:
    await add_raw_event(session, MAR3)
    report = await import_google_analytics(session, sample("ga4_pages.csv"))
    assert report.skipped == (MAR3,)
    assert not [key for key in await stored_daily(session) if key[0] == MAR3]
    assert MAR3 not in await rollup_sources(session)


async def test_importing_a_file_twice_adds_nothing(session: AsyncSession) -> None:
    await import_google_analytics(session, sample("ga4_pages.csv"))
    again = await import_google_analytics(session, sample("ga4_pages.csv"))
    assert await stored_daily(session) == GA4_STORED
    assert again.imported == (MAR1, MAR2, MAR3)


async def test_a_new_import_replaces_an_imported_day_whole(session: AsyncSession) -> None:
    await import_google_analytics(session, sample("ga4_pages.csv"))
    await import_google_analytics(session, (HEADER + "/new/,20240301,3,2\n").encode())
    stored = await stored_daily(session)
    assert [key for key in stored if key[0] == MAR1] == [(MAR1, "page", "/new/"), (MAR1, "", "")]
    assert stored[(MAR2, "", "")] == GA4_STORED[(MAR2, "", "")]


async def test_a_dry_run_reports_without_writing(session: AsyncSession) -> None:
    await add_counted_day(session, MAR2, pageviews=5)
    report = await import_google_analytics(session, sample("ga4_pages.csv"), dry_run=True)
    assert (report.imported, report.skipped, report.pages) == ((MAR1, MAR3), (MAR2,), 4)
    assert await stored_daily(session) == {(MAR2, "", ""): (1, 5)}
    assert await rollup_sources(session) == {MAR2: "events"}


async def test_a_day_not_over_yet_is_left_to_inkwell(session: AsyncSession) -> None:
    today = await site_today(session)
    days = [today - timedelta(days=1), today, today + timedelta(days=1)]
    rows = "".join(f"/,{day:%Y%m%d},5,2\n" for day in days)
    report = await import_google_analytics(session, (HEADER + rows).encode())
    assert (report.imported, report.unfinished, report.skipped) == ((days[0],), tuple(days[1:]), ())
    assert {key[0] for key in await stored_daily(session)} == {days[0]}


async def test_a_day_of_several_rows_without_pages_has_its_busiest_rows_visitors(
    session: AsyncSession,
) -> None:
    titles = "Page title,Date,Views,Users\nHello,20240301,10,8\nAbout,20240301,4,3\n"
    await import_google_analytics(session, titles.encode())
    assert await stored_daily(session) == {(MAR1, "", ""): (8, 14)}
