"""Plausible's Stats API v1, served from Inkwell's own numbers: ``/api/v1/stats/realtime/visitors``,
``/aggregate``, ``/timeseries`` and ``/breakdown``. HTTP only: parameters are read by
``stats_params``, numbers come from ``stats`` and answers are shaped by ``stats_answers``.

Every request names the site (``site_id``: the host of ``INKWELL_SITE_URL``, without port) and
carries a key (``Authorization: Bearer KEY``, made in the admin or with ``inkwell analytics key
create``). Refusals are Plausible's ``{"error": "..."}``: 401 for a missing or unknown key or a
site that is not this one, 400 for a parameter that cannot be answered. Days and hours are the
site's, in the time zone of its settings.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from typing import Any

from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from inkwell.analytics import keys, stats, stats_answers
from inkwell.analytics.collect import site_host_of
from inkwell.analytics.days import site_today, site_zone
from inkwell.analytics.settings import load as load_settings
from inkwell.analytics.stats_filters import ApiFilter, parse_filters, parse_property
from inkwell.analytics.stats_params import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    parse_compare,
    parse_interval,
    parse_metrics,
    parse_period,
    parse_positive,
    query_of,
)
from inkwell.analytics.types import StatsParamError

PREFIX = "/api/v1/stats"
MISSING_KEY = "Missing API key. Please use a valid Plausible API key as a Bearer Token."
BAD_KEY = (
    "Invalid API key or site ID. Please make sure you're using a valid API key with access "
    "to the site you've requested."
)
MISSING_SITE = "Missing site ID. Please provide the required site_id parameter with your request."
MAX_PAGE = 10**9
router = APIRouter(prefix=PREFIX)
Handler = Callable[[AsyncSession, Mapping[str, str], date], Awaitable[Any]]


async def _authorise(request: Request, session: AsyncSession, params: Mapping[str, str]) -> None:
    """The key first, then the site, in the order (and the words) Plausible checks them."""
    header = request.headers.get("authorization", "")
    if not header.startswith("Bearer "):
        raise StatsParamError(MISSING_KEY, 401)
    if await keys.verify(session, header.removeprefix("Bearer ").strip()) is None:
        raise StatsParamError(BAD_KEY, 401)
    if "site_id" not in params:
        raise StatsParamError(MISSING_SITE)
    site_url: str = request.app.state.settings.site_url
    if params["site_id"].strip().lower() != site_host_of(site_url):
        raise StatsParamError(BAD_KEY, 401)


async def _answer(request: Request, handler: Handler) -> Response:
    """Check the caller, run ``handler``; refusals become Plausible's error answers."""
    params = dict(request.query_params)
    database = request.app.state.database
    try:
        # The key's use may be noted (a write): committed in a session of its own, so that
        # no write lock is held while the numbers are read.
        async with database.session() as session:
            await _authorise(request, session, params)
        async with database.session() as session:
            response: Response = JSONResponse(
                await handler(session, params, await site_today(session))
            )
    except StatsParamError as refused:
        response = JSONResponse({"error": refused.message}, refused.status)
    response.headers["Cache-Control"] = "no-store"
    return response


async def _realtime(session: AsyncSession, params: Mapping[str, str], today: date) -> int:
    return await stats.realtime_visitors(session)


async def _aggregate(
    session: AsyncSession, params: Mapping[str, str], today: date
) -> dict[str, Any]:
    period = parse_period(params, today)
    filters = parse_filters(params.get("filters", ""))
    metrics = parse_metrics(params, filters)
    compared = parse_compare(params)
    query = query_of(period, filters)
    found = await stats.numbers(session, query)
    before = (await stats.numbers(session, query.previous())).total() if compared else None
    results = stats_answers.aggregate(metrics, found.total(), before)
    note = stats_answers.warning(found, period.start, bool(filters))
    return stats_answers.with_warning({"results": results}, note)


async def _timeseries(
    session: AsyncSession, params: Mapping[str, str], today: date
) -> dict[str, Any]:
    period = parse_period(params, today)
    interval = parse_interval(params, period)
    filters = parse_filters(params.get("filters", ""))
    metrics = parse_metrics(params, filters)
    if interval == "hour":
        return await _hourly(session, period.start, filters, metrics)
    found = await stats.numbers(session, query_of(period, filters))
    results = stats_answers.timeseries(metrics, found, interval, period.start)
    note = stats_answers.warning(found, period.start, bool(filters))
    return stats_answers.with_warning({"results": results}, note)


async def _hourly(
    session: AsyncSession, day: date, filters: tuple[ApiFilter, ...], metrics: tuple[str, ...]
) -> dict[str, Any]:
    zone = await site_zone(session)
    found = await stats.hours(session, day, zone, tuple(f.filter for f in filters))
    results = stats_answers.hourly(metrics, found)
    # The retention period is read only when the answer has to name it.
    note = None if found.counted else stats_answers.hours_warning(found, await _retention(session))
    return stats_answers.with_warning({"results": results}, note)


async def _retention(session: AsyncSession) -> int:
    return (await load_settings(session)).retention_days


async def _breakdown(
    session: AsyncSession, params: Mapping[str, str], today: date
) -> dict[str, Any]:
    period = parse_period(params, today)
    prop = parse_property(params)
    filters = parse_filters(params.get("filters", ""))
    metrics = parse_metrics(params, filters, prop)
    limit = parse_positive(params, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    page = parse_positive(params, "page", 1, MAX_PAGE)
    found = await stats.numbers(session, query_of(period, filters))
    results = stats_answers.breakdown(metrics, found, prop, limit=limit, page=page)
    note = stats_answers.warning(found, period.start, bool(filters))
    return stats_answers.with_warning({"results": results}, note)


@router.get("/realtime/visitors")
async def realtime_visitors(request: Request) -> Response:
    """Visitors of the last five minutes: a bare number."""
    return await _answer(request, _realtime)


@router.get("/aggregate")
async def aggregate(request: Request) -> Response:
    """The period's totals, optionally compared with the period before."""
    return await _answer(request, _aggregate)


@router.get("/timeseries")
async def timeseries(request: Request) -> Response:
    """The period's numbers per hour (one day), day, week or month."""
    return await _answer(request, _timeseries)


@router.get("/breakdown")
async def breakdown(request: Request) -> Response:
    """The period's numbers per value of one property."""
    return await _answer(request, _breakdown)
