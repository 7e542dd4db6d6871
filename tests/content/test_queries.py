"""Finding posts with a PostFilter (what a Ghost NQL filter maps onto) and the site's look-ups."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.content.service import PostFilter, PostOrder, PostStatus, PostType
from tests.factories import make_post


async def slugs(session: AsyncSession, wanted: PostFilter) -> list[str]:
    return [post.slug for post in (await service.find_posts(session, wanted)).posts]


async def test_the_default_filter_finds_published_posts_newest_first(
    session: AsyncSession,
) -> None:
    await make_post(session, slug="old", published_at=datetime(2020, 1, 1, tzinfo=UTC))
    await make_post(session, slug="new", published_at=datetime(2021, 1, 1, tzinfo=UTC))
    await make_post(session, slug="draft", status="draft")
    await make_post(session, slug="page", type="page")
    assert await slugs(session, PostFilter()) == ["new", "old"]


async def test_statuses_and_type_select_what_readers_never_see(session: AsyncSession) -> None:
    await make_post(session, slug="live")
    await make_post(session, slug="draft", status="draft")
    await make_post(session, slug="draft-page", type="page", status="draft")
    wanted = PostFilter(type=None, statuses=frozenset({PostStatus.DRAFT}))
    assert sorted(await slugs(session, wanted)) == ["draft", "draft-page"]
    assert await slugs(session, PostFilter(type=PostType.PAGE, statuses=frozenset())) == [
        "draft-page"
    ]


async def test_tags_any_wants_one_of_them(session: AsyncSession) -> None:
    await make_post(session, slug="a", tags=["x"])
    await make_post(session, slug="b", tags=["y", "x"])
    await make_post(session, slug="c", tags=["z"])
    wanted = PostFilter(tags_any=("x", "y"), order=PostOrder.OLDEST)
    assert await slugs(session, wanted) == ["a", "b"]


async def test_tags_all_wants_every_one(session: AsyncSession) -> None:
    await make_post(session, slug="a", tags=["x"])
    await make_post(session, slug="b", tags=["y", "x"])
    assert await slugs(session, PostFilter(tags_all=("x", "y"))) == ["b"]


async def test_primary_tag_is_the_first_public_one(session: AsyncSession) -> None:
    await make_post(session, slug="a", tags=["#staff", "x", "y"])
    await make_post(session, slug="b", tags=["y", "x"])
    assert await slugs(session, PostFilter(primary_tag="x")) == ["a"]


async def test_authors_featured_slugs_and_ids(session: AsyncSession) -> None:
    first = await make_post(session, slug="a", featured=True)
    await make_post(session, slug="b", authors=[service.AuthorRef(name="Other Writer")])
    assert await slugs(session, PostFilter(authors=("other-writer",))) == ["b"]
    assert await slugs(session, PostFilter(featured=True)) == ["a"]
    assert await slugs(session, PostFilter(slugs=("b",))) == ["b"]
    assert await slugs(session, PostFilter(ids=(first.id,))) == ["a"]


async def test_published_before_and_after(session: AsyncSession) -> None:
    for year in (2019, 2020, 2021):
        await make_post(session, slug=str(year), published_at=datetime(year, 6, 1, tzinfo=UTC))
    wanted = PostFilter(
        published_after=datetime(2019, 12, 1, tzinfo=UTC),
        published_before=datetime(2021, 1, 1, tzinfo=UTC),
    )
    assert await slugs(session, wanted) == ["2020"]


async def test_pages_and_totals(session: AsyncSession) -> None:
    for n in range(5):
        await make_post(session, slug=f"p{n}")
    found = await service.find_posts(session, PostFilter(order=PostOrder.OLDEST, page=2, limit=2))
    assert ([p.slug for p in found.posts], found.total, found.pages) == (["p2", "p3"], 5, 3)


def test_a_page_before_the_first_is_refused() -> None:
    with pytest.raises(ValueError, match="page numbers start at 1"):
        PostFilter(page=0)


async def test_public_tag_hides_internal_tags(session: AsyncSession) -> None:
    await make_post(session, tags=["#staff", "open"])
    assert await service.public_tag(session, "hash-staff") is None
    found = await service.public_tag(session, "open")
    assert found is not None and found.name == "open"


async def test_published_post_by_id_hides_drafts_and_pages(session: AsyncSession) -> None:
    post = await make_post(session)
    draft = await make_post(session, status="draft")
    page = await make_post(session, type="page")
    assert await service.published_post_by_id(session, post.id) is post
    assert await service.published_post_by_id(session, draft.id) is None
    assert await service.published_post_by_id(session, page.id) is None


async def test_author_by_slug(session: AsyncSession) -> None:
    await make_post(session)
    found = await service.author_by_slug(session, "test-author")
    assert found is not None and found.name == "Test Author"
    assert await service.author_by_slug(session, "nobody") is None
