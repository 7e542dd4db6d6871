"""What ``describe`` derives fits the event table's columns, on SQLite and on PostgreSQL: the
longest and oddest values an accepted event can carry are stored as they were derived."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics import derive
from inkwell.analytics.event_input import parse_event
from inkwell.analytics.models import AnalyticsEvent
from inkwell.analytics.types import Derived

HOSTILE_URL = (
    "https://blog.example/%00%0A%E2%28%A1"
    + "é" * 520
    + "?utm_source=%00"
    + "s" * 120
    + "&utm_medium="
    + "m" * 120
    + "&utm_campaign=%F0%9F%98%80"
    + "c" * 120
    + "&utm_content="
    + "x" * 120
    + "&utm_term="
    + "t" * 120
)
HOSTILE_REFERRER = "https://" + ".".join(["a" * 60] * 6) + ".example/"


@pytest.mark.parametrize(
    ("column", "size"),
    [
        ("path", derive.PATH_SIZE),
        ("referrer", derive.HOST_SIZE),
        ("source", derive.TAG_SIZE),
        ("utm_medium", derive.TAG_SIZE),
        ("utm_campaign", derive.TAG_SIZE),
        ("utm_content", derive.TAG_SIZE),
        ("utm_term", derive.TAG_SIZE),
        ("browser", derive.AGENT_SIZE),
        ("os", derive.AGENT_SIZE),
        ("device", derive.DEVICE_SIZE),
    ],
)
def test_each_derived_value_is_cut_to_its_columns_size(column: str, size: int) -> None:
    assert getattr(AnalyticsEvent.__table__.c, column).type.length == size


def test_every_derived_field_has_a_column() -> None:
    assert {field.name for field in fields(Derived)} <= set(AnalyticsEvent.__table__.c.keys())


async def test_the_oddest_accepted_event_is_stored_as_derived(session: AsyncSession) -> None:
    body = json.dumps(
        {"n": "pageview", "u": HOSTILE_URL, "d": "blog.example", "r": HOSTILE_REFERRER}
    ).encode()
    event = parse_event(body, site_host="blog.example", custom_events=False)
    derived = derive.describe(
        event,
        user_agent="Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        site_url="https://blog.example",
    )
    # The event reaches every limit: the write below is the worst an accepted event can ask.
    assert (len(derived.path), len(derived.referrer), len(derived.utm_campaign)) == (500, 255, 100)
    session.add(
        AnalyticsEvent(
            at=datetime(2026, 12, 3, 12, 0, tzinfo=UTC),
            day=date(2026, 12, 3),
            name=event.name,
            visitor="v" * 32,
            **asdict(derived),
        )
    )
    await session.commit()
    stored = (await session.execute(select(AnalyticsEvent))).scalar_one()
    assert {field.name: getattr(stored, field.name) for field in fields(Derived)} == asdict(derived)
