"""The analytics dashboard ``/admin/analytics``: totals compared with the previous period, the
chart of visitors and page views (hour by hour for one day, against the day before), every
breakdown table, realtime visitors, filters as removable chips, and any table as CSV
(``?format=csv&table=pages``).

Who sees it: the owner, administrators and editors (``analytics.view``), as they see every
post; authors see their own posts' numbers on each post's editor page only, contributors none
(``post_stats``). Every number comes from ``analytics.service``; this module only reads the
address (``analytics_view``) and arranges what it got (``analytics_tables``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from inkwell.admin import analytics_tables as tables
from inkwell.admin.analytics_view import (
    BASE,
    DIMENSION_LABELS,
    OPS,
    PERIODS,
    View,
    ViewError,
    describe_filter,
    local_today,
    parse_filter,
    parse_view,
)
from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, error_response, see_other
from inkwell.analytics import service as analytics
from inkwell.content import service as content

router = APIRouter(route_class=AdminRoute)

_OWN_PARAMS = {"period", "from", "to", "interval", "f", "format", "table"}
_ADDING = ("add_op", "add_dimension", "add_value")


async def post_titles(ctx: AdminContext) -> dict[str, str]:
    """The title of every published post and page, by its path on the site."""
    found: dict[str, str] = {}
    for kind in (content.PostType.POST, content.PostType.PAGE):
        for post in await content.all_published(ctx.session, kind):
            found[content.path_of(post, ctx.site)] = post.title
    return found


def _read_view(ctx: AdminContext) -> View | Response:
    """The view the address asks for, or the 400 page saying what is wrong with it."""
    items = ctx.request.query_params.multi_items()
    unknown = sorted({key for key, _ in items} - _OWN_PARAMS - set(_ADDING))
    try:
        if unknown:
            raise ViewError(f"This page takes no {unknown[0][:40]!r} parameter.")
        view = parse_view([(k, v) for k, v in items if k not in _ADDING], local_today(ctx.timezone))
        adding = {key: ctx.request.query_params.get(key, "") for key in _ADDING}
        if adding["add_dimension"]:
            text = f"{adding['add_op'] or 'is'},{adding['add_dimension']},{adding['add_value']}"
            added = parse_filter(text)
            view = replace(view, filters=(*view.filters, added))
    except ViewError as exc:
        return error_response(ctx.request, 400, exc.message)
    return view


Series = Sequence[tuple[date, analytics.Metrics]]
"""A chart's steps, oldest first, each named by its start (a day, or an hour's datetime)."""


@dataclass(frozen=True)
class Steps:
    """The chart's steps now and in the period before, and which lack their raw events."""

    now: Series
    before: Series
    gone: tuple[date, ...] = ()
    """Days shown hour by hour whose raw events are gone (their hours are zeros)."""


async def steps_of(
    ctx: AdminContext, view: View, found: analytics.Numbers, before: analytics.Numbers | None
) -> Steps:
    """The chart's steps: ``found``'s days, weeks or months (and ``before``'s, when compared),
    or the hours of the view's one day (and of the day before), read from its raw events."""
    if view.interval != "hour":
        previous = analytics.timeseries(before, view.interval) if before is not None else []
        return Steps(analytics.timeseries(found, view.interval), previous)
    zone = analytics.zone_of(ctx.timezone)
    days = [view.start] + ([view.query.previous().start] if before is not None else [])
    read = [await analytics.hours(ctx.session, day, zone, view.filters) for day in days]
    gone = tuple(hours.day for hours in read if not hours.counted)
    return Steps(read[0].steps, read[1].steps if len(read) > 1 else [], gone)


def hours_gone_note(gone: Sequence[date], retention_days: int) -> str:
    """What the page says when a day drawn hour by hour has no raw events left."""
    if not gone:
        return ""
    days = " and ".join(f"{day:%A} {day.day} {day:%B %Y}" for day in gone)
    return (
        f"Hours come from the raw events, which are kept for {retention_days} days: none are "
        f"left for {days}, so the hours drawn there are zeros. The totals are the day's own."
    )


def _csv(
    view: View, series: Series, found: analytics.Numbers, titles: dict[str, str], table: str
) -> Response:
    if table == tables.TIMESERIES:
        body = tables.series_csv(series)
    elif table in tables.TABLES_BY_KEY:
        body = tables.table_csv(found, tables.TABLES_BY_KEY[table], titles)
    else:
        names = ", ".join([tables.TIMESERIES, *tables.TABLES_BY_KEY])
        raise ViewError(f"There is no table {table[:40]!r} to export: one of {names}.")
    filename = tables.csv_filename(table, view)
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def _filter_note(view: View, found: analytics.Numbers) -> str:
    """What the page says when filters reach back before the raw events kept."""
    if not view.filters:
        return ""
    previous_start = view.query.previous().start
    if found.filtered_from is None:
        return (
            "Filters need the raw events, and none are kept for these days: "
            "the filtered numbers are empty."
        )
    since = f"{found.filtered_from.day} {found.filtered_from:%B %Y}"
    if found.filtered_from > view.start:
        return (
            "Filters need the raw events, which are kept for a limited time: the filter "
            f"applies from {since} on; days before count nothing, in this period or the one "
            "compared."
        )
    if found.filtered_from > previous_start:
        return (
            "Filters need the raw events, which are kept for a limited time: the period "
            f"compared reaches back before {since}, so its filtered numbers are partial and "
            "the changes shown overstate any growth."
        )
    return ""


def range_text(start: date, end: date) -> str:
    """``Thursday 3 December 2026`` or ``4 Nov 2026 to 3 Dec 2026 (30 days)``."""
    if start == end:
        return f"{start:%A} {start.day} {start:%B %Y}"
    days = (end - start).days + 1
    return f"{start.day} {start:%b %Y} to {end.day} {end:%b %Y} ({days} days)"


def _context(
    view: View,
    found: analytics.Numbers,
    before: analytics.Numbers,
    steps: Steps,
    titles: dict[str, str],
) -> dict[str, Any]:
    title = f"Visitors and page views, {range_text(view.start, view.end)}"
    if view.interval == "hour":
        title += ", hour by hour"
    shown_tables = []
    for table in tables.TABLES:
        found_rows = tables.rows(found, table, titles)
        # An optional table (countries, say) only once some value is known, not for "Unknown".
        if table.always or any(row.value for row in found_rows):
            shown_tables.append((table, found_rows))
    previous_query = view.query.previous()
    return {
        "view": view,
        "range_text": range_text(view.start, view.end),
        "previous_text": range_text(previous_query.start, previous_query.end),
        "totals": tables.totals(found.total(), before.total(), view.days),
        "chart": analytics.line_chart(
            tables.chart_points(steps.now, view.interval),
            tables.chart_points(steps.before, view.interval),
            title=title,
            # A visitor of two hours is in both: the hours' visitors add up to no one.
            visitors_add_up=view.interval != "hour",
        ),
        "tables": shown_tables,
        "shown_rows": tables.SHOWN_ROWS,
        "periods": [
            (key, label, view.with_period(key)) for key, label in PERIODS if key != "custom"
        ],
        "intervals": [(key, label, view.with_interval(key)) for key, label in view.intervals()],
        "chips": [(describe_filter(f), view.without_filter(i)) for i, f in enumerate(view.filters)],
        "dimension_options": list(DIMENSION_LABELS.items()),
        "op_options": list(OPS),
        "filter_note": _filter_note(view, found),
        "csv_url": lambda key: view.url([("format", "csv"), ("table", key)]),
    }


@router.get(BASE, include_in_schema=False)
@router.get(BASE + "/", include_in_schema=False)
async def dashboard(ctx: AdminDep) -> Response:
    """The dashboard for the period, interval and filters the address names."""
    ctx.require("analytics.view")
    view = _read_view(ctx)
    if isinstance(view, Response):
        return view
    if ctx.request.query_params.get("add_dimension"):
        # The filter form's GET becomes the view's own address (one URL per view).
        return see_other(view.url())
    found = await analytics.numbers(ctx.session, view.query)
    titles = await post_titles(ctx)
    wanted = ctx.request.query_params.get("format", "html")
    if wanted == "csv":
        table = ctx.request.query_params.get("table", "")
        # Only the chart's own table needs its steps (hours cost a read of the raw events).
        series = (await steps_of(ctx, view, found, None)).now if table == tables.TIMESERIES else []
        try:
            return _csv(view, series, found, titles, table)
        except ViewError as exc:
            return error_response(ctx.request, 400, exc.message)
    if wanted != "html":
        return error_response(ctx.request, 400, "The format is html or csv.")
    before = await analytics.numbers(ctx.session, view.query.previous())
    steps = await steps_of(ctx, view, found, before)
    settings = await analytics.read_settings(ctx.session)
    return ctx.page(
        "analytics.html",
        section="analytics",
        title="Analytics",
        realtime=await analytics.realtime_visitors(ctx.session),
        counting_off=settings.collection == "off",
        hours_gone=hours_gone_note(steps.gone, settings.retention_days),
        **_context(view, found, before, steps, titles),
    )
