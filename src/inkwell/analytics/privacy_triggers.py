"""When the privacy policy page is refreshed: at every start (a start-up step: the GeoIP
database and the sign-in providers are process settings, which change only with a restart),
and in a job after each settings change that may change its text."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics.privacy_page import refresh
from inkwell.core import events, jobs
from inkwell.settings import Settings

log = logging.getLogger(__name__)

JOB = "analytics.privacy_policy"
# The settings whose change may change the text (site settings' keys carry no prefix).
_FEEDING_PREFIXES = ("analytics.", "comments.")
_FEEDING_KEYS = frozenset({"title"})
# One refresh at a time per event loop of this process (a second waits, then finds nothing
# to do); a lock belongs to one loop, and tests run many.
_locks: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = WeakKeyDictionary()


async def ensure_privacy_policy(session: AsyncSession, settings: Settings) -> list[str]:
    """Start-up step: the policy page written or brought up to date."""
    line = await refresh(session, settings)
    return [line] if line else []


async def refresh_job(context: jobs.JobContext, args: Mapping[str, Any]) -> None:
    """Job: refresh the policy page (idempotent: a second run finds nothing to do)."""
    lock = _locks.setdefault(asyncio.get_running_loop(), asyncio.Lock())
    async with lock, context.database.session(write=True) as session:
        line = await refresh(session, context.settings, only_if_started=True)
    if line:
        log.info("%s", line)


def feeds_the_text(keys: list[str]) -> bool:
    """True when a change of these settings keys may change the policy's text."""
    return any(key.startswith(_FEEDING_PREFIXES) or key in _FEEDING_KEYS for key in keys)


def on_settings_changed(found: list[events.Event]) -> None:
    """``settings.changed`` subscriber: queue a refresh when a feeding setting changed."""
    keys = [str(key) for item in found for key in item.data.get("keys", ())]
    if not feeds_the_text(keys):
        return
    try:
        jobs.enqueue_now(JOB)
    except (jobs.NoRunner, jobs.UnknownJob):
        # A command without the job runner: the next start brings the page up to date.
        log.info("privacy policy not refreshed now: it will be at the next start")
