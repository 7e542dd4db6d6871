"""The editor's input rules: each broken rule is a message named by its field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.content.service import EditorPost, FieldErrors
from inkwell.core.time import utcnow
from tests.factories import make_post


async def errors_of(
    session: AsyncSession, stored: object = None, **fields: object
) -> dict[str, str]:
    site = await service.load_settings(session)
    form = EditorPost(**{"title": "A title", **fields})  # type: ignore[arg-type]
    with pytest.raises(FieldErrors) as caught:
        await service.validate_editor_input(session, form, site, stored=stored)  # type: ignore[arg-type]
    return caught.value.errors


async def test_an_empty_title_is_refused(session: AsyncSession) -> None:
    assert await errors_of(session, title="   ") == {"title": "Give the post a title."}


async def test_a_slug_another_post_has_is_refused_not_suffixed(session: AsyncSession) -> None:
    await make_post(session, slug="taken")
    found = await errors_of(session, slug="taken")
    assert found == {"slug": "The slug 'taken' is used by another post or page: choose another."}


async def test_a_post_keeps_its_own_slug(session: AsyncSession) -> None:
    post = await make_post(session, slug="mine")
    site = await service.load_settings(session)
    form = EditorPost(title="Renamed", slug="mine")
    valid = await service.validate_editor_input(session, form, site, stored=post)
    assert valid.data.slug == "mine"


async def test_an_empty_slug_keeps_a_stored_posts_slug(session: AsyncSession) -> None:
    post = await make_post(session, slug="stays")
    site = await service.load_settings(session)
    valid = await service.validate_editor_input(
        session, EditorPost(title="Quite another title"), site, stored=post
    )
    assert valid.data.slug == "stays"


async def test_a_date_skipped_by_the_clocks_is_refused(session: AsyncSession) -> None:
    await service.update_settings(session, {"timezone": "Europe/London"}, site_url="http://b.test")
    found = await errors_of(session, publish_date="2026-03-29", publish_time="01:30")
    assert list(found) == ["publish_date"]
    assert "does not exist in Europe/London" in found["publish_date"]


async def test_a_repeated_time_is_taken_with_a_note(session: AsyncSession) -> None:
    await service.update_settings(session, {"timezone": "Europe/London"}, site_url="http://b.test")
    site = await service.load_settings(session)
    form = EditorPost(title="T", publish_date="2026-10-25", publish_time="01:30")
    valid = await service.validate_editor_input(session, form, site)
    assert valid.data.published_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert "happens twice" in valid.notes["publish_date"]


async def test_a_time_without_a_date_is_refused(session: AsyncSession) -> None:
    assert await errors_of(session, publish_time="10:00") == {
        "publish_date": "Give a date for this time."
    }


async def test_a_scheduled_post_cannot_be_moved_into_the_past(session: AsyncSession) -> None:
    post = await make_post(session, status="draft")
    await service.schedule_post(session, post.id, utcnow() + timedelta(days=1))
    found = await errors_of(session, stored=post, publish_date="2020-01-01", publish_time="10:00")
    assert found == {"publish_date": "A scheduled post needs a date still to come."}


async def test_an_oversized_body_is_refused(session: AsyncSession) -> None:
    found = await errors_of(session, source="x" * (service.MAX_BODY + 1))
    assert found == {"source": "At most 1,000,000 characters (this has 1,000,001)."}


async def test_a_body_at_the_limit_is_accepted(session: AsyncSession) -> None:
    site = await service.load_settings(session)
    form = EditorPost(title="Long", source="x" * service.MAX_BODY)
    assert (await service.validate_editor_input(session, form, site)).data.source == form.source


async def test_a_tag_name_over_191_characters_is_refused(session: AsyncSession) -> None:
    found = await errors_of(session, tags=["fine", "t" * 192])
    assert list(found) == ["tags"]
    assert "at most 191 characters" in found["tags"]


@pytest.mark.parametrize("url", ["not a url", "ftp://example.com/x", "javascript:alert(1)", "/x/"])
async def test_a_bad_canonical_url_is_refused(session: AsyncSession, url: str) -> None:
    assert list(await errors_of(session, canonical_url=url)) == ["canonical_url"]


async def test_an_image_must_be_a_path_or_a_url(session: AsyncSession) -> None:
    assert list(await errors_of(session, og_image="javascript:alert(1)")) == ["og_image"]


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("meta_title", 300),
        ("meta_description", 500),
        ("og_title", 300),
        ("twitter_description", 500),
    ],
)
async def test_seo_fields_over_their_length_are_refused(
    session: AsyncSession, name: str, limit: int
) -> None:
    found = await errors_of(session, **{name: "a" * (limit + 1)})
    assert found == {name: f"At most {limit} characters (this has {limit + 1})."}


async def test_an_unknown_author_is_refused(session: AsyncSession) -> None:
    assert list(await errors_of(session, author_ids=["0" * 24])) == ["author_ids"]


async def test_every_broken_rule_is_reported_at_once(session: AsyncSession) -> None:
    found = await errors_of(session, title="", canonical_url="nope", tags=["t" * 200])
    assert set(found) == {"title", "canonical_url", "tags"}


async def test_good_input_becomes_a_draft_with_the_site_zones_date(session: AsyncSession) -> None:
    await service.update_settings(session, {"timezone": "Europe/Paris"}, site_url="http://b.test")
    ada = await service.create_author_profile(session, name="Ada", email="ada@example.com")
    site = await service.load_settings(session)
    form = EditorPost(
        title="  Hello  ",
        source="Body",
        publish_date="2026-07-14",
        publish_time="12:00",
        tags=["  Two   words ", ""],
        author_ids=[ada.id],
        canonical_url="https://example.com/original/",
    )
    data = (await service.validate_editor_input(session, form, site)).data
    assert (data.title, data.status, data.tags) == ("Hello", "draft", ["Two words"])
    assert data.published_at == datetime(2026, 7, 14, 10, 0, tzinfo=UTC)
    assert [a.email for a in data.authors] == ["ada@example.com"]
