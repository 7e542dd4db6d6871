"""The admin's posts list: any status, filters, title search, sorts, pages with totals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.content.service import AuthorRef
from tests.factories import make_post


async def titles(session: AsyncSession, **wanted: object) -> list[str]:
    page = await service.find_posts(session, service.admin_filter(**wanted))  # type: ignore[arg-type]
    return [p.title for p in page.posts]


async def test_every_status_is_listed_unless_one_is_named(session: AsyncSession) -> None:
    await make_post(session, title="Live")
    await make_post(session, title="Draft", status="draft", published_at=None)
    assert sorted(await titles(session)) == ["Draft", "Live"]
    assert await titles(session, status="draft") == ["Draft"]


async def test_search_by_title_ignores_case(session: AsyncSession) -> None:
    await make_post(session, title="Learning SQLAlchemy")
    await make_post(session, title="Gardening")
    assert await titles(session, q="sqlalchemy") == ["Learning SQLAlchemy"]
    assert await titles(session, q="LEARN") == ["Learning SQLAlchemy"]


async def test_search_treats_wildcards_as_text(session: AsyncSession) -> None:
    await make_post(session, title="100% done")
    await make_post(session, title="1000 words")
    assert await titles(session, q="100%") == ["100% done"]
    assert await titles(session, q="_") == []


async def test_filters_by_tag_and_author(session: AsyncSession) -> None:
    bob = AuthorRef(name="Bob", email="bob@example.com")
    await make_post(session, title="Tagged", tags=["garden"])
    await make_post(session, title="By Bob", authors=[bob], tags=[])
    assert await titles(session, tag="garden") == ["Tagged"]
    assert await titles(session, author="bob") == ["By Bob"]


async def test_sorts(session: AsyncSession) -> None:
    # Newest and oldest go by creation (drafts have no date); times are kept to the second.
    await make_post(session, title="banana", created_at=datetime(2026, 1, 1, tzinfo=UTC))
    await make_post(
        session,
        title="Apple",
        status="draft",
        published_at=None,
        created_at=datetime(2026, 1, 2, tzinfo=UTC),
    )
    await make_post(session, title="cherry", created_at=datetime(2026, 1, 3, tzinfo=UTC))
    assert await titles(session, sort="title") == ["Apple", "banana", "cherry"]
    assert await titles(session, sort="newest") == ["cherry", "Apple", "banana"]
    assert await titles(session, sort="oldest") == ["banana", "Apple", "cherry"]


async def test_pages_carry_the_total(session: AsyncSession) -> None:
    for n in range(5):
        await make_post(session, title=f"Post {n}", status="draft")
    page = await service.find_posts(session, service.admin_filter(page=2, per_page=2))
    assert (len(page.posts), page.total, page.pages) == (2, 5, 3)


async def test_totals_of_drafts_are_never_stale(session: AsyncSession) -> None:
    await make_post(session, status="draft")
    await session.commit()
    wanted = service.admin_filter(status="draft", per_page=1)
    assert (await service.find_posts(session, wanted)).total == 1
    await make_post(session, status="draft")
    await session.commit()
    assert (await service.find_posts(session, wanted)).total == 2


@pytest.mark.parametrize(("key", "value"), [("sort", "random"), ("status", "archived")])
async def test_unknown_sorts_and_statuses_are_refused(key: str, value: str) -> None:
    with pytest.raises(ValueError, match=f"unknown {key}"):
        service.admin_filter(**{key: value})  # type: ignore[arg-type]
