"""Ghost's JSON shapes: our serializers give the keys, order and types of Ghost's answers."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.ghost_api.serializers import (
    SerializeContext,
    author_json,
    only_fields,
    pagination,
    post_json,
    settings_json,
    tag_json,
    user_json,
)
from tests.factories import make_post
from tests.ghost_api.reference import assert_same_shape, reference

SITE = "http://blog.test"


async def context(session: AsyncSession, **extra: object) -> SerializeContext:
    site = await service.load_settings(session)
    return SerializeContext(site_url=SITE, site=site, **extra)  # type: ignore[arg-type]


async def test_a_post_with_tags_and_authors_has_ghosts_shape(session: AsyncSession) -> None:
    post = await make_post(session, tags=["databases", "python"])
    ctx = await context(session, include=frozenset({"tags", "authors"}))
    ghost = reference("content_api_posts.json")["posts"][0]
    assert_same_shape(post_json(post, ctx), ghost)


async def test_a_post_read_by_slug_starts_with_its_slug(session: AsyncSession) -> None:
    post = await make_post(session)
    ctx = await context(session)
    ghost = reference("api_post_by_slug.json")["posts"][0]
    assert_same_shape(post_json(post, ctx, slug_first=True), ghost)


async def test_urls_and_dates_are_absolute_and_ghost_formatted(session: AsyncSession) -> None:
    post = await make_post(
        session,
        title="Dates",
        published_at=datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
        feature_image="/content/images/2026/03/a.png",
        source="![A desk](/content/images/2026/03/a.png)",
    )
    shaped = post_json(post, await context(session))
    assert shaped["published_at"] == "2026-03-16T09:00:00.000+00:00"
    assert shaped["feature_image"] == "http://blog.test/content/images/2026/03/a.png"
    assert shaped["url"] == "http://blog.test/blog/2026/03/dates/"
    assert 'src="http://blog.test/content/images/2026/03/a.png"' in shaped["html"]


async def test_the_admin_shape_dates_end_in_z_and_carry_the_status(session: AsyncSession) -> None:
    post = await make_post(session, published_at=datetime(2026, 3, 16, 9, 0, tzinfo=UTC))
    shaped = post_json(post, await context(session, admin=True, formats=frozenset({"lexical"})))
    assert shaped["published_at"] == "2026-03-16T09:00:00.000Z"
    assert shaped["status"] == "published"
    assert "html" not in shaped and shaped["lexical"] is None


async def test_plaintext_comes_when_asked(session: AsyncSession) -> None:
    post = await make_post(session, source="Some *words* here.")
    shaped = post_json(post, await context(session, formats=frozenset({"plaintext"})))
    assert shaped["plaintext"] == "Some words here."
    assert "html" not in shaped


async def test_internal_tags_never_show_in_the_content_api(session: AsyncSession) -> None:
    post = await make_post(session, tags=["#hidden", "python"])
    shaped = post_json(post, await context(session, include=frozenset({"tags"})))
    assert [tag["slug"] for tag in shaped["tags"]] == ["python"]
    assert shaped["primary_tag"]["slug"] == "python"


async def test_a_tag_with_its_post_count_has_ghosts_shape(session: AsyncSession) -> None:
    post = await make_post(session, tags=["databases"])
    tag = post.tags[0]
    ctx = await context(session, include=frozenset({"count.posts"}), post_counts={tag.id: 1})
    shaped = tag_json(tag, ctx)
    assert_same_shape(shaped, reference("content_api_tags.json")["tags"][0])
    assert shaped["count"] == {"posts": 1}
    assert shaped["url"] == "http://blog.test/tag/databases/"


async def test_an_author_has_ghosts_shape_and_no_email(session: AsyncSession) -> None:
    post = await make_post(session)
    shaped = author_json(post.authors[0], await context(session))
    assert_same_shape(shaped, reference("api_authors.json")["authors"][0])
    assert "email" not in shaped


async def test_an_admin_user_carries_email_status_and_role(session: AsyncSession) -> None:
    post = await make_post(session)
    ctx = await context(session, admin=True, include=frozenset({"roles"}))
    shaped = user_json(post.authors[0], ctx, role="administrator")
    assert shaped["email"] == "author@example.com"
    assert shaped["status"] == "active"
    assert shaped["roles"][0]["name"] == "Administrator"


async def test_settings_have_ghosts_keys_in_order(session: AsyncSession) -> None:
    shaped = settings_json(await context(session))
    assert_same_shape({"settings": shaped, "meta": {}}, reference("content_api_settings.json"))
    assert shaped["url"] == "http://blog.test/"


def test_pagination_matches_ghost_for_a_partial_page() -> None:
    assert pagination(1, 2, 4) == reference("api_posts_include_limit2.json")["meta"]["pagination"]


def test_pagination_of_limit_all_is_one_page() -> None:
    assert pagination(1, None, 4) == {
        "page": 1,
        "limit": "all",
        "pages": 1,
        "total": 4,
        "next": None,
        "prev": None,
    }


def test_only_fields_keeps_the_shapes_order() -> None:
    assert list(only_fields({"a": 1, "b": 2, "c": 3}, ["c", "a"])) == ["a", "c"]
