"""The Ghost APIs' reads in content: filter trees compiled to SQL, orders, pages, counts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.content.service import (
    AllOf,
    AnyOf,
    AuthorRef,
    Condition,
    FilterError,
    Op,
    OrderBy,
    PostStatus,
    PostType,
)
from tests.factories import make_post

ADA = AuthorRef(name="Ada Example", email="ada@example.com")
BOB = AuthorRef(name="Bob Writer", email="bob@example.com")


async def slugs(session: AsyncSession, where: object, **extra: object) -> list[str]:
    found = await service.browse_posts(session, PostType.POST, where=where, **extra)  # type: ignore[arg-type]
    return [post.slug for post in found.items]


@pytest.fixture
async def posts(session: AsyncSession) -> None:
    await make_post(
        session,
        slug="one",
        tags=["python"],
        authors=[ADA],
        published_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    await make_post(
        session,
        slug="two",
        tags=["#draft-notes", "databases", "python"],
        authors=[BOB, ADA],
        custom_excerpt="Short",
        published_at=datetime(2026, 2, 1, tzinfo=UTC),
    )
    await make_post(
        session,
        slug="three",
        tags=[],
        authors=[ADA],
        featured=True,
        published_at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    await make_post(session, slug="draft", status="draft", tags=["python"], authors=[ADA])
    await session.flush()


pytestmark = pytest.mark.usefixtures("posts")


async def test_the_default_order_is_newest_first(session: AsyncSession) -> None:
    assert await slugs(session, None) == ["three", "two", "one"]


async def test_drafts_come_only_when_asked(session: AsyncSession) -> None:
    every = await slugs(session, None, statuses=None)
    assert "draft" in every
    drafts = await slugs(session, Condition("status", Op.EQ, "draft"), statuses=None)
    assert drafts == ["draft"]


async def test_the_primary_tag_is_the_first_public_one(session: AsyncSession) -> None:
    assert await slugs(session, Condition("primary_tag", Op.EQ, "databases")) == ["two"]
    assert await slugs(session, Condition("primary_tag", Op.EQ, "python")) == ["one"]


async def test_the_primary_author_is_the_first(session: AsyncSession) -> None:
    assert await slugs(session, Condition("primary_author", Op.EQ, "bob-writer")) == ["two"]
    assert await slugs(session, Condition("authors", Op.EQ, "bob-writer")) == ["two"]


async def test_no_tag_at_all(session: AsyncSession) -> None:
    assert await slugs(session, Condition("tags", Op.EQ, None)) == ["three"]
    assert await slugs(session, Condition("tags", Op.NE, None)) == ["two", "one"]


async def test_a_relation_field_other_than_slug(session: AsyncSession) -> None:
    assert await slugs(session, Condition("tags.name", Op.CONTAINS, "DATA")) == ["two"]


async def test_differs_keeps_rows_without_a_value(session: AsyncSession) -> None:
    assert await slugs(session, Condition("custom_excerpt", Op.NE, "Short")) == ["three", "one"]


async def test_and_or_nest(session: AsyncSession) -> None:
    tree = AnyOf(
        (
            AllOf((Condition("tag", Op.EQ, "python"), Condition("author", Op.EQ, "bob-writer"))),
            Condition("featured", Op.EQ, True),
        )
    )
    assert await slugs(session, tree) == ["three", "two"]


async def test_dates_compare_with_text_or_datetimes(session: AsyncSession) -> None:
    text = Condition("published_at", Op.GTE, "2026-02-01")
    moment = Condition("published_at", Op.LT, datetime(2026, 2, 1, tzinfo=UTC))
    assert await slugs(session, text) == ["three", "two"]
    assert await slugs(session, moment) == ["one"]


async def test_orders_and_pages(session: AsyncSession) -> None:
    found = await service.browse_posts(
        session, PostType.POST, order=(OrderBy("slug"),), page=2, limit=2
    )
    assert [post.slug for post in found.items] == ["two"]
    assert found.total == 3


async def test_limit_none_is_every_row(session: AsyncSession) -> None:
    found = await service.browse_posts(session, PostType.POST, limit=None)
    assert len(found.items) == found.total == 3


@pytest.mark.parametrize(
    ("tree", "says"),
    [
        (Condition("password", Op.EQ, "x"), "unknown filter field 'password'"),
        (Condition("tags.email", Op.EQ, "x"), "unknown filter field 'tags.email'"),
        (Condition("featured", Op.EQ, "maybe"), "is true or false"),
        (Condition("featured", Op.GT, True), "no <, >"),
        (Condition("featured", Op.CONTAINS, "t"), "is not text"),
        (Condition("published_at", Op.GT, "someday"), "is a date"),
        (Condition("reading_time", Op.EQ, "long"), "is a number"),
        (Condition("slug", Op.GT, None), "null cannot be compared"),
        (Condition("slug", Op.ALL, ("a", "b")), "not all of several"),
    ],
)
async def test_what_cannot_be_run_is_refused_by_name(
    session: AsyncSession, tree: Condition, says: str
) -> None:
    with pytest.raises(FilterError, match=says):
        await slugs(session, tree)


async def test_an_unknown_order_is_refused(session: AsyncSession) -> None:
    with pytest.raises(FilterError, match="cannot order by 'html'"):
        await service.browse_posts(session, PostType.POST, order=(OrderBy("html"),))


async def test_internal_tags_are_left_out_of_public_tag_lists(session: AsyncSession) -> None:
    found = await service.browse_tags(session)
    assert [tag.slug for tag in found.items] == ["databases", "python"]
    every = await service.browse_tags(session, public_only=False)
    assert len(every.items) == 3


async def test_tags_filtered_by_visibility(session: AsyncSession) -> None:
    where = Condition("visibility", Op.EQ, "internal")
    found = await service.browse_tags(session, where=where, public_only=False)
    assert [tag.name for tag in found.items] == ["#draft-notes"]


async def test_published_post_counts(session: AsyncSession) -> None:
    tags = (await service.browse_tags(session)).items
    counts = await service.published_post_counts(session, "tags", [tag.id for tag in tags])
    assert {tag.slug: counts[tag.id] for tag in tags} == {"databases": 1, "python": 2}
    authors = (await service.browse_authors(session, order=(OrderBy("count.posts", True),))).items
    assert [author.slug for author in authors] == ["ada-example", "bob-writer"]


async def test_read_one_by_slug_id_or_uuid(session: AsyncSession) -> None:
    post = await service.read_post(session, PostType.POST, slug="two")
    assert post is not None
    assert await service.read_post(session, PostType.POST, id=post.id) is post
    assert await service.read_post(session, PostType.POST, uuid=post.uuid) is post
    assert await service.read_post(session, PostType.PAGE, slug="two") is None
    assert await service.read_post(session, PostType.POST, slug="draft") is None
    draft = await service.read_post(
        session, PostType.POST, slug="draft", statuses={PostStatus.DRAFT}
    )
    assert draft is not None


async def test_read_a_tag_and_an_author(session: AsyncSession) -> None:
    tag = await service.read_tag(session, slug="python")
    assert tag is not None and tag.name == "python"
    internal = (await service.browse_tags(session, public_only=False)).items
    hidden = next(found for found in internal if found.is_internal)
    assert await service.read_tag(session, slug=hidden.slug) is None
    assert await service.read_tag(session, slug=hidden.slug, public_only=False) is hidden
    author = await service.read_author(session, slug="bob-writer")
    assert author is not None and author.name == "Bob Writer"
