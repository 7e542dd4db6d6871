"""The dashboard's summary: recent published posts, drafts, scheduled posts and counts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.core.time import utcnow
from tests.factories import make_post


async def test_the_summary_lists_each_kind_and_counts_them(session: AsyncSession) -> None:
    live = [await make_post(session) for _ in range(3)]
    draft = await make_post(session, status="draft")
    later = await make_post(session, status="draft")
    await service.schedule_post(session, later.id, utcnow() + timedelta(days=3))
    await make_post(session, type="page", tags=[])
    summary = await service.dashboard_summary(session, limit=2)
    assert [p.id for p in summary.recent_published] == [live[2].id, live[1].id]
    assert [p.id for p in summary.drafts] == [draft.id]
    assert [p.id for p in summary.scheduled] == [later.id]
    assert summary.counts == {"published": 3, "draft": 1, "scheduled": 1, "pages": 1}


async def test_an_empty_site_has_an_empty_summary(session: AsyncSession) -> None:
    summary = await service.dashboard_summary(session)
    assert (summary.recent_published, summary.drafts, summary.scheduled) == ([], [], [])
    assert summary.counts == {"published": 0, "draft": 0, "scheduled": 0, "pages": 0}
