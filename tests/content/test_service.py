"""The content service on SQLite and PostgreSQL: saving, identity, listing, redirects."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service, site_settings
from inkwell.content.models import Post, Tag, User
from inkwell.content.neighbours import RELATED_WINDOW
from inkwell.content.schemas import AuthorRef
from inkwell.core.db import Database
from inkwell.settings import Settings
from tests.factories import make_post, post_input


async def options(session: AsyncSession) -> object:
    return service.render_options(await site_settings.load(session), "http://blog.test")


async def test_new_post_gets_a_ghost_shaped_id_and_uuid(session: AsyncSession) -> None:
    post = await make_post(session)
    assert re.fullmatch(r"[0-9a-f]{24}", post.id)
    assert re.fullmatch(r"[0-9a-f-]{36}", post.uuid)


async def test_slug_is_generated_from_the_title(session: AsyncSession) -> None:
    post = await make_post(session, title="Hello, Wörld: a first post!")
    assert post.slug == "hello-world-a-first-post"


async def test_slugs_stay_unique(session: AsyncSession) -> None:
    first = await make_post(session, title="Same title")
    second = await make_post(session, title="Same title")
    assert (first.slug, second.slug) == ("same-title", "same-title-2")


async def test_given_slug_is_kept(session: AsyncSession) -> None:
    post = await make_post(session, title="Anything", slug="my-own-slug")
    assert post.slug == "my-own-slug"


async def test_given_slug_keeps_its_underscores_and_case(session: AsyncSession) -> None:
    post = await make_post(session, title="Anything", slug="Some_Notes")
    assert post.slug == "Some_Notes"


async def test_given_slug_that_is_no_path_segment_is_normalised(session: AsyncSession) -> None:
    post = await make_post(session, title="Anything", slug="a/b c?d")
    assert post.slug == "a-b-c-d"


async def test_taken_given_slug_gets_a_suffix(session: AsyncSession) -> None:
    await make_post(session, slug="some_notes")
    second = await make_post(session, slug="some_notes")
    assert second.slug == "some_notes-2"


async def test_markdown_is_rendered_on_save(session: AsyncSession) -> None:
    post = await make_post(session, source="Some *emphasis* here.")
    assert "<em>emphasis</em>" in post.html
    assert post.plaintext_excerpt.startswith("Some emphasis here")
    assert post.reading_time == 1


async def test_untrusted_html_is_sanitised_on_save(session: AsyncSession) -> None:
    post = await make_post(
        session,
        source_format="html",
        trusted=False,
        source='<p onclick="x()">Hi<script>alert(1)</script></p>',
    )
    assert "<script" not in post.html
    assert "onclick" not in post.html
    assert "Hi" in post.html


async def test_saving_the_same_id_updates_instead_of_duplicating(session: AsyncSession) -> None:
    post = await make_post(session, id="6b0695025a9772699b61dd5e", title="First")
    await make_post(session, id="6b0695025a9772699b61dd5e", title="Second")
    count = (await session.execute(select(func.count(Post.id)))).scalar_one()
    assert count == 1
    assert post.title == "Second"


async def test_saving_the_same_guid_updates_instead_of_duplicating(session: AsyncSession) -> None:
    await make_post(session, guid="https://old.example.com/?p=12", title="First")
    updated = await make_post(session, guid="https://old.example.com/?p=12", title="Second")
    count = (await session.execute(select(func.count(Post.id)))).scalar_one()
    assert count == 1
    assert updated.title == "Second"


async def test_update_keeps_its_own_slug(session: AsyncSession) -> None:
    post = await make_post(session, id="aaaaaaaaaaaaaaaaaaaaaaaa", title="Kept")
    again = await make_post(session, id="aaaaaaaaaaaaaaaaaaaaaaaa", title="Kept")
    assert again.slug == post.slug == "kept"


async def test_publishing_without_a_date_uses_now(session: AsyncSession) -> None:
    post = await make_post(session, published_at=None)
    assert post.published_at is not None
    assert post.published_at.tzinfo is not None


async def test_timestamps_come_back_aware_utc(session: AsyncSession, database: object) -> None:
    when = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
    post = await make_post(session, published_at=when)
    await session.commit()
    session.expunge_all()
    stored = await service.get_post(session, post.id)
    assert stored is not None
    assert stored.published_at == when
    assert stored.published_at.utcoffset() is not None


async def test_tags_keep_their_order(session: AsyncSession) -> None:
    post = await make_post(session, tags=["Zebra", "apple", "Mango"])
    assert [t.name for t in post.tags] == ["Zebra", "apple", "Mango"]


async def test_tags_are_shared_between_posts(session: AsyncSession) -> None:
    await make_post(session, tags=["Python"])
    await make_post(session, tags=["python"])
    count = (await session.execute(select(func.count(Tag.id)))).scalar_one()
    assert count == 1


async def test_internal_tags_get_a_hash_slug(session: AsyncSession) -> None:
    post = await make_post(session, tags=["#newsletter"])
    assert post.tags[0].slug == "hash-newsletter"
    assert post.tags[0].is_internal


async def test_authors_are_matched_by_email(session: AsyncSession) -> None:
    await make_post(session, authors=[AuthorRef(name="Ann", email="ann@example.com")])
    await make_post(session, authors=[AuthorRef(name="Ann B.", email="ANN@example.com")])
    count = (await session.execute(select(func.count(User.id)))).scalar_one()
    assert count == 1


async def test_author_order_keeps_the_primary_first(session: AsyncSession) -> None:
    post = await make_post(session, authors=[AuthorRef(name="Bo"), AuthorRef(name="Al")])
    assert [a.name for a in post.authors] == ["Bo", "Al"]


async def test_list_published_hides_drafts_and_pages(session: AsyncSession) -> None:
    shown = await make_post(session)
    await make_post(session, status="draft")
    await make_post(session, type="page")
    listing = await service.list_published(session)
    assert [p.id for p in listing.posts] == [shown.id]
    assert listing.total == 1


async def test_list_published_is_newest_first_and_paginated(session: AsyncSession) -> None:
    made = [await make_post(session) for _ in range(5)]
    listing = await service.list_published(session, page=2, per_page=2)
    newest_first = sorted(made, key=lambda p: p.published_at or 0, reverse=True)
    assert [p.id for p in listing.posts] == [p.id for p in newest_first[2:4]]
    assert (listing.total, listing.pages) == (5, 3)


async def test_list_published_filters_by_tag(session: AsyncSession) -> None:
    tagged = await make_post(session, tags=["rust"])
    await make_post(session, tags=["python"])
    listing = await service.list_published(session, tag_slug="rust")
    assert [p.id for p in listing.posts] == [tagged.id]


async def test_list_published_filters_by_author(session: AsyncSession) -> None:
    mine = await make_post(session, authors=[AuthorRef(name="Cy Writer")])
    await make_post(session)
    listing = await service.list_published(session, author_slug="cy-writer")
    assert [p.id for p in listing.posts] == [mine.id]


async def test_adjacent_gives_older_and_newer(session: AsyncSession) -> None:
    first, middle, last = [await make_post(session) for _ in range(3)]
    around = await service.neighbours(session, middle, related_limit=0)
    assert (around.older and around.older.id, around.newer and around.newer.id) == (
        first.id,
        last.id,
    )


async def test_related_ranks_by_shared_public_tags(session: AsyncSession) -> None:
    post = await make_post(session, tags=["a", "b", "#hidden"])
    best = await make_post(session, tags=["a", "b"])
    some = await make_post(session, tags=["b"])
    await make_post(session, tags=["#hidden"])
    related = (await service.neighbours(session, post)).related
    assert [p.id for p in related] == [best.id, some.id]


async def test_path_follows_the_permalink_pattern(session: AsyncSession) -> None:
    post = await make_post(session, slug="x", published_at=datetime(2026, 3, 16, tzinfo=UTC))
    site = await site_settings.load(session)
    assert service.path_of(post, site) == "/blog/2026/03/x/"


async def test_path_uses_the_site_time_zone(session: AsyncSession) -> None:
    when = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    post = await make_post(session, slug="late", published_at=when)
    site, _ = await site_settings.update(session, {"timezone": "Europe/Berlin"})
    assert service.path_of(post, site) == "/blog/2026/04/late/"


async def test_page_path_is_its_slug(session: AsyncSession) -> None:
    page = await make_post(session, type="page", slug="about")
    site = await site_settings.load(session)
    assert service.path_of(page, site) == "/about/"


async def test_redirect_from_old_path_finds_the_post(session: AsyncSession) -> None:
    post = await make_post(session, redirect_from=["/2019/05/old-name.html"])
    found = await service.find_redirect(session, "/2019/05/old-name.html")
    assert found is not None and found.id == post.id


async def test_redirect_to_a_draft_is_not_followed(session: AsyncSession) -> None:
    await make_post(session, status="draft", redirect_from=["/old/"])
    assert await service.find_redirect(session, "/old/") is None


async def test_rerender_all_applies_new_render_settings(session: AsyncSession) -> None:
    post = await make_post(session, source="[out](https://elsewhere.example.org/x)")
    site, _ = await site_settings.update(session, {"outbound_link_tagging": False})
    await service.rerender_all(session, service.render_options(site, "http://blog.test"))
    assert "?ref=" not in post.html
    site, _ = await site_settings.update(session, {"outbound_link_tagging": True})
    await service.rerender_all(session, service.render_options(site, "http://blog.test"))
    assert "?ref=blog.test" in post.html


async def test_rerender_all_bumps_the_render_version(session: AsyncSession) -> None:
    post = await make_post(session)
    before = post.render_version
    site = await site_settings.load(session)
    await service.rerender_all(session, service.render_options(site, "http://blog.test"))
    assert post.render_version == before + 1


async def test_turning_link_tagging_off_renders_posts_again(session: AsyncSession) -> None:
    post = await make_post(session, source="[out](https://elsewhere.example.org/x)")
    assert "?ref=blog.test" in post.html
    done = await service.update_settings(
        session, {"outbound_link_tagging": False}, site_url="http://blog.test"
    )
    assert (done.changed, done.rerendered) == ({"outbound_link_tagging"}, 1)
    assert "?ref=" not in post.html


async def test_other_settings_render_nothing_again(session: AsyncSession) -> None:
    post = await make_post(session)
    done = await service.update_settings(session, {"title": "Elsewhere"}, site_url="http://x")
    assert (done.changed, done.rerendered, post.render_version) == ({"title"}, 0, 0)


async def test_count_posts_counts_everything(session: AsyncSession) -> None:
    await make_post(session)
    await make_post(session, status="draft")
    assert await service.count_posts(session) == 2


def test_post_input_rejects_a_bad_id() -> None:
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        post_input(id="not-a-ghost-id")


async def test_listing_totals_follow_committed_changes(database: object) -> None:
    from inkwell.core.db import Database

    assert isinstance(database, Database)
    async with database.session() as session:
        await make_post(session, tags=["counted"])
    async with database.session() as session:
        first = await service.list_published(session, tag_slug="counted")
    async with database.session() as session:
        await make_post(session, tags=["counted"])
    async with database.session() as session:
        second = await service.list_published(session, tag_slug="counted")
    assert (first.total, second.total) == (1, 2)


async def test_listing_totals_see_the_sessions_own_writes(session: AsyncSession) -> None:
    await make_post(session, tags=["mine"])
    first = await service.list_published(session, tag_slug="mine")
    await make_post(session, tags=["mine"])
    second = await service.list_published(session, tag_slug="mine")
    assert (first.total, second.total) == (1, 2)


async def test_related_posts_come_from_the_newest_window(session: AsyncSession) -> None:
    old = await make_post(session, tags=["shared"], published_at=datetime(2001, 1, 1, tzinfo=UTC))
    post = await make_post(session, tags=["shared"])
    assert [p.id for p in (await service.neighbours(session, post)).related] == [old.id]
    assert RELATED_WINDOW >= 100


async def test_toggling_link_tagging_changes_the_served_page(
    client: AsyncClient, site_database: Database, settings: Settings
) -> None:
    tagged = "https://elsewhere.example.org/x?ref=blog.test"
    async with site_database.session() as session:
        post = await make_post(session, source="[out](https://elsewhere.example.org/x)")
        path = service.path_of(post, await service.load_settings(session))
    assert tagged in (await client.get(path)).text
    async with site_database.session() as session:
        await service.update_settings(
            session, {"outbound_link_tagging": False}, site_url=settings.site_url
        )
    page = (await client.get(path)).text
    assert "https://elsewhere.example.org/x" in page and tagged not in page
