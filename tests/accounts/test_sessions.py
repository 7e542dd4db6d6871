"""Server-side sessions: digests not tokens, idle and absolute expiry, rare touches, revoking."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service, sessions
from inkwell.accounts.models import StaffSession
from tests.accounts.conftest import make_member

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


async def test_the_table_holds_a_digest_never_the_token(session: AsyncSession) -> None:
    dee = await make_member(session)
    token = await sessions.create(session, dee.user_id, user_agent="Firefox", now=T0)
    [row] = (await session.execute(select(StaffSession))).scalars().all()
    assert row.id == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (row.id, row.csrf_token)
    assert (row.user_agent, row.created_at, row.expires_at) == (
        "Firefox",
        T0,
        T0 + sessions.MAX_AGE,
    )


async def test_a_token_signs_in_its_staff_member(session: AsyncSession) -> None:
    dee = await make_member(session, "editor")
    token = await sessions.create(session, dee.user_id, now=T0)
    current = await sessions.lookup(session, token, now=T0 + timedelta(hours=1))
    assert current is not None
    assert (current.staff.user_id, current.staff.role, current.staff.email) == (
        dee.user_id,
        "editor",
        dee.email,
    )
    assert len(current.csrf_token) >= 32


async def test_an_unknown_token_signs_in_no_one(session: AsyncSession) -> None:
    assert await sessions.lookup(session, "made-up") is None
    assert await sessions.lookup(session, "") is None


async def test_a_session_expires_after_fourteen_idle_days(session: AsyncSession) -> None:
    dee = await make_member(session)
    token = await sessions.create(session, dee.user_id, now=T0)
    assert await sessions.lookup(session, token, now=T0 + timedelta(days=13)) is not None
    assert await sessions.lookup(session, token, now=T0 + sessions.IDLE) is None


async def test_use_keeps_a_session_alive_until_its_maximum_age(session: AsyncSession) -> None:
    dee = await make_member(session)
    token = await sessions.create(session, dee.user_id, now=T0)
    current = await sessions.lookup(session, token, now=T0)
    assert current is not None
    day = T0
    while day < T0 + sessions.MAX_AGE - timedelta(days=10):
        day += timedelta(days=10)
        await sessions.touch(session, current.staff.session_id, now=day)
        assert await sessions.lookup(session, token, now=day) is not None
    assert await sessions.lookup(session, token, now=T0 + sessions.MAX_AGE) is None


async def test_last_seen_is_written_only_now_and_then(session: AsyncSession) -> None:
    dee = await make_member(session)
    token = await sessions.create(session, dee.user_id, now=T0)
    current = await sessions.lookup(session, token, now=T0)
    assert current is not None
    assert not sessions.needs_touch(current, T0 + timedelta(minutes=1))
    assert sessions.needs_touch(current, T0 + sessions.TOUCH_EVERY)


async def test_a_disabled_accounts_sessions_stop_working(session: AsyncSession) -> None:
    dee = await make_member(session)
    token = await sessions.create(session, dee.user_id)
    await service.set_disabled(session, None, dee.user_id, disabled=True)
    assert await sessions.lookup(session, token) is None
    assert (await session.execute(select(StaffSession))).first() is None


async def test_revoking_one_session_leaves_the_others(session: AsyncSession) -> None:
    dee = await make_member(session)
    first = await sessions.create(session, dee.user_id)
    second = await sessions.create(session, dee.user_id)
    assert await sessions.revoke(session, sessions.digest(first))
    assert await sessions.lookup(session, first) is None
    assert await sessions.lookup(session, second) is not None


async def test_a_session_is_revoked_only_by_its_owner_when_named(session: AsyncSession) -> None:
    dee, eve = await make_member(session), await make_member(session)
    token = await sessions.create(session, dee.user_id)
    assert not await sessions.revoke(session, sessions.digest(token), user_id=eve.user_id)
    assert await sessions.lookup(session, token) is not None


async def test_signing_out_everywhere_keeps_this_browser(session: AsyncSession) -> None:
    dee = await make_member(session)
    here = await sessions.create(session, dee.user_id)
    elsewhere = [await sessions.create(session, dee.user_id) for _ in range(2)]
    current = await sessions.lookup(session, here)
    assert current is not None
    assert await service.sign_out_everywhere(session, current.staff) == 2
    assert await sessions.lookup(session, here) is not None
    assert all([await sessions.lookup(session, token) is None for token in elsewhere])


async def test_the_live_sessions_are_listed_newest_use_first(session: AsyncSession) -> None:
    dee = await make_member(session)
    await sessions.create(session, dee.user_id, user_agent="old", now=T0)
    await sessions.create(session, dee.user_id, user_agent="new", now=T0 + timedelta(days=1))
    await sessions.create(session, dee.user_id, user_agent="gone", now=T0 - timedelta(days=30))
    listed = await service.list_sessions(session, dee.user_id, now=T0 + timedelta(days=2))
    assert [s.user_agent for s in listed] == ["new", "old"]


async def test_pruning_drops_dead_sessions_only(session: AsyncSession) -> None:
    dee = await make_member(session)
    await sessions.create(session, dee.user_id, now=T0 - timedelta(days=30))
    alive = await sessions.create(session, dee.user_id, now=T0)
    assert await sessions.prune(session, now=T0) == 1
    assert await sessions.lookup(session, alive, now=T0) is not None
