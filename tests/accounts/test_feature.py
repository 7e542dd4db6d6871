"""What the accounts feature registers: the periodic clean-up of dead sessions, links and hits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from inkwell.accounts import sessions, tokens
from inkwell.accounts.feature import feature
from inkwell.accounts.models import OneTimeToken, StaffSession
from inkwell.core import ratelimit
from inkwell.core.db import Database
from inkwell.core.jobs import JobContext
from inkwell.core.mail import MailConfig, Mailer
from inkwell.core.ratelimit import RateLimitHit
from inkwell.core.time import utcnow
from tests.accounts.conftest import MakeMember

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


async def test_the_prune_job_drops_only_what_no_longer_works(
    database: Database, member: MakeMember, tmp_path: Path
) -> None:
    dee = await member()
    async with database.session(write=True) as session:
        await sessions.create(session, dee.user_id, now=LONG_AGO)
        live = await sessions.create(session, dee.user_id)
        await tokens.issue(session, tokens.RESET, dee.email, user_id=dee.user_id, now=LONG_AGO)
        await tokens.issue(session, tokens.INVITE, "n@example.com", role="author")
        await ratelimit.record(session, "b", "old", window=timedelta(days=9999), now=LONG_AGO)
        await ratelimit.record(session, "b", "new", window=timedelta(days=9999), now=utcnow())
    job = feature.jobs["accounts.prune"]
    await job(JobContext(database, None, Mailer(MailConfig(outbox_dir=tmp_path))), {})
    async with database.session() as session:
        assert await sessions.lookup(session, live) is not None
        counts = [
            (await session.execute(select(func.count()).select_from(model))).scalar_one()
            for model in (StaffSession, OneTimeToken, RateLimitHit)
        ]
    assert counts == [1, 1, 1]


def test_the_clean_up_is_scheduled() -> None:
    [task] = feature.scheduled
    assert task.job == "accounts.prune" and task.every == timedelta(hours=6)
