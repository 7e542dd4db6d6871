"""What analytics adds to Inkwell: its tables, the collection endpoints (and the server-side
counting layer), the background writer, the upkeep job and the ``inkwell analytics`` commands."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import TYPE_CHECKING

from fastapi import FastAPI

from inkwell.analytics import privacy_triggers
from inkwell.analytics.rollup import JOBS as UPKEEP_JOBS
from inkwell.core import events
from inkwell.core.features import Feature, ScheduledTask
from inkwell.settings import Settings

log = logging.getLogger(__name__)
if TYPE_CHECKING:
    import typer

# --- privacy policy page: written at start, refreshed (a job) when its settings change
events.subscribe_batch("settings.changed", privacy_triggers.on_settings_changed)
PRIVACY_JOBS = {privacy_triggers.JOB: privacy_triggers.refresh_job}
PRIVACY_STARTUP = (privacy_triggers.ensure_privacy_policy,)
# --- end privacy policy page


def _install(app: FastAPI, settings: Settings) -> None:
    # Imported when an application is built, not when the command line starts.
    from inkwell.analytics.routes import CollectionRoutes, EventEndpoint
    from inkwell.analytics.server_side import ServerSideCounter

    app.add_middleware(CollectionRoutes)
    # Plausible's Stats API v1 (analytics.stats_api).
    from inkwell.analytics import stats_api

    app.include_router(stats_api.router)
    # Outside the page cache: beacons need nothing inside it, and a page served from memory
    # is a view too.
    outer = [EventEndpoint, ServerSideCounter]
    app.state.outer_layers = [*getattr(app.state, "outer_layers", ()), *outer]


@asynccontextmanager
async def _collecting(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    """The worker's collector and writer, for its whole life; the buffer is written at exit."""
    from inkwell.analytics.collect import Collector
    from inkwell.analytics.geoip import GeoIP, GeoIPError
    from inkwell.analytics.writer import EventWriter
    from inkwell.core.client_address import TrustedProxies

    writer = EventWriter(
        app.state.database,
        batch_size=settings.analytics_batch_size,
        flush_ms=settings.analytics_flush_ms,
        capacity=settings.analytics_buffer,
    )
    geoip = None
    if settings.geoip_db is not None:
        try:
            geoip = GeoIP(settings.geoip_db)
        except GeoIPError as exc:
            log.error("analytics: %s; countries are not worked out", exc)
    app.state.analytics = Collector(
        app.state.database,
        writer,
        site_url=settings.site_url,
        trusted=TrustedProxies.parse(settings.trusted_proxies),
        geoip=geoip,
    )
    writer.start()
    try:
        yield
    finally:
        await writer.stop()
        if geoip is not None:
            geoip.close()


# --- commands: `inkwell analytics key | import | export`
def _commands(root: typer.Typer) -> None:
    # Imported when the command line is built: a web worker never loads it.
    from inkwell.analytics.commands import register

    register(root)


# --- end commands


feature = Feature[Settings](
    name="analytics",
    install=_install,
    models=("inkwell.analytics.models",),
    commands=_commands,
    running=(_collecting,),
    startup=(*PRIVACY_STARTUP,),
    jobs={**UPKEEP_JOBS, **PRIVACY_JOBS},
    # Finished days are rolled up, old raw events expired and old salts discarded within ten
    # minutes of the day's end (and at start).
    scheduled=(ScheduledTask("analytics-upkeep", "analytics.upkeep", timedelta(minutes=10)),),
)
