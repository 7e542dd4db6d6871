"""Visitor digests: one salt per day, the same visitor is one within a day and new the next,
and a finished day's salt is gone from the database and from memory."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from inkwell.analytics import visitors
from inkwell.analytics.models import AnalyticsSalt
from inkwell.core.db import Database

DAY = date(2026, 5, 4)
ADA = ("blog.test", "203.0.113.7", "Mozilla/5.0 Firefox/126.0")


async def test_the_same_visitor_on_the_same_day_has_the_same_digest(database: Database) -> None:
    salt = await visitors.salt_for(database, DAY)
    assert visitors.digest(salt, *ADA) == visitors.digest(
        await visitors.salt_for(database, DAY), *ADA
    )


async def test_the_next_day_the_same_visitor_is_someone_new(database: Database) -> None:
    today = visitors.digest(await visitors.salt_for(database, DAY), *ADA)
    tomorrow = visitors.digest(await visitors.salt_for(database, DAY + timedelta(days=1)), *ADA)
    assert today != tomorrow


async def test_another_address_or_browser_is_another_visitor(database: Database) -> None:
    salt = await visitors.salt_for(database, DAY)
    site, address, agent = ADA
    assert visitors.digest(salt, site, "203.0.113.8", agent) != visitors.digest(salt, *ADA)
    assert visitors.digest(salt, site, address, "curl/8") != visitors.digest(salt, *ADA)


async def test_the_digest_contains_neither_address_nor_agent(database: Database) -> None:
    found = visitors.digest(await visitors.salt_for(database, DAY), *ADA)
    assert len(found) == 32 and "203" not in found and "Firefox" not in found


async def test_salts_of_finished_days_are_discarded(database: Database) -> None:
    old = await visitors.salt_for(database, DAY)
    await visitors.salt_for(database, DAY + timedelta(days=1))
    async with database.session(write=True) as session:
        assert await visitors.discard_old_salts(session, DAY + timedelta(days=1)) == 1
        kept = list(await session.scalars(select(AnalyticsSalt.salt)))
    assert old not in kept and len(kept) == 1


async def test_a_worker_forgets_yesterdays_salt_once_the_day_is_over(database: Database) -> None:
    await visitors.salt_for(database, visitors.utc_day() - timedelta(days=1))
    visitors.forget_stale_salt(database.url)
    assert database.url not in visitors._current
