"""Stats API keys: made once and shown once, stored as digests, listed, deleted, verified."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics import keys
from inkwell.analytics.keys import StatsKeyError
from inkwell.analytics.models import StatsKey
from inkwell.core.time import utcnow


async def test_a_new_key_is_stored_only_as_its_digest_and_hint(session: AsyncSession) -> None:
    row, key = await keys.create_key(session, "Grafana")
    stored = (await session.execute(select(StatsKey))).scalar_one()
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert stored.hint == key[:8]
    assert key not in (stored.key_hash, stored.hint, stored.name)
    assert row.id == stored.id


async def test_every_key_is_a_new_random_secret(session: AsyncSession) -> None:
    _, first = await keys.create_key(session, "One")
    _, second = await keys.create_key(session, "Two")
    assert first != second
    assert len(first) >= 40


async def test_the_name_is_trimmed(session: AsyncSession) -> None:
    row, _ = await keys.create_key(session, "  My   dashboard ")
    assert row.name == "My dashboard"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "A Stats API key needs a name."),
        ("   ", "A Stats API key needs a name."),
        ("x" * 101, "A Stats API key's name has at most 100 characters."),
        ("bad\u200bname", "A Stats API key's name cannot contain control characters."),
    ],
)
async def test_a_bad_name_is_refused(session: AsyncSession, name: str, message: str) -> None:
    with pytest.raises(StatsKeyError) as refused:
        await keys.create_key(session, name)
    assert str(refused.value) == message
    assert await keys.list_keys(session) == []


async def test_a_name_of_100_characters_is_accepted(session: AsyncSession) -> None:
    row, _ = await keys.create_key(session, "x" * 100)
    assert len(row.name) == 100


async def test_a_taken_name_in_any_case_is_refused(session: AsyncSession) -> None:
    await keys.create_key(session, "Grafana")
    with pytest.raises(StatsKeyError, match=r"named “Grafana” already exists\."):
        await keys.create_key(session, "grafana")
    assert [k.name for k in await keys.list_keys(session)] == ["Grafana"]


async def test_keys_are_listed_by_name(session: AsyncSession) -> None:
    for name in ("zeta", "Alpha", "beta"):
        await keys.create_key(session, name)
    assert [k.name for k in await keys.list_keys(session)] == ["Alpha", "beta", "zeta"]


async def test_delete_by_name_in_any_case_removes_the_key(session: AsyncSession) -> None:
    await keys.create_key(session, "Grafana")
    await keys.create_key(session, "Other")
    assert await keys.delete_key(session, "GRAFANA") == "Grafana"
    assert [k.name for k in await keys.list_keys(session)] == ["Other"]


async def test_deleting_an_unknown_key_is_refused(session: AsyncSession) -> None:
    with pytest.raises(StatsKeyError, match=r"No Stats API key is named “nope”\."):
        await keys.delete_key(session, "nope")


async def test_verify_finds_the_key_it_was_given(session: AsyncSession) -> None:
    row, key = await keys.create_key(session, "Grafana")
    found = await keys.verify(session, key)
    assert found is not None
    assert found.id == row.id


@pytest.mark.parametrize("presented", ["", "not-a-key", "x" * 500])
async def test_verify_refuses_a_wrong_key(session: AsyncSession, presented: str) -> None:
    await keys.create_key(session, "Grafana")
    assert await keys.verify(session, presented) is None


async def test_verify_refuses_the_hint_and_the_digest(session: AsyncSession) -> None:
    row, _ = await keys.create_key(session, "Grafana")
    assert await keys.verify(session, row.hint) is None
    assert await keys.verify(session, row.key_hash) is None


async def test_a_deleted_key_no_longer_verifies(session: AsyncSession) -> None:
    _, key = await keys.create_key(session, "Grafana")
    await keys.delete_key(session, "Grafana")
    assert await keys.verify(session, key) is None


async def test_a_first_use_is_noted(session: AsyncSession) -> None:
    row, key = await keys.create_key(session, "Grafana")
    assert row.last_used_at is None
    found = await keys.verify(session, key)
    assert found is not None and found.last_used_at is not None


async def test_a_use_within_the_minute_is_not_noted_again(session: AsyncSession) -> None:
    row, key = await keys.create_key(session, "Grafana")
    recent = utcnow() - timedelta(seconds=30)
    row.last_used_at = recent
    await session.flush()
    await keys.verify(session, key)
    assert row.last_used_at == recent


async def test_a_use_after_the_minute_is_noted(session: AsyncSession) -> None:
    row, key = await keys.create_key(session, "Grafana")
    old = utcnow() - timedelta(minutes=2)
    row.last_used_at = old
    await session.flush()
    await keys.verify(session, key)
    assert row.last_used_at is not None and row.last_used_at > old
