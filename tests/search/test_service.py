"""The index follows imports, and ``reindex`` rebuilds it from scratch."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.importers.ghost_json.run import import_ghost
from inkwell.importers.pipeline import import_feed
from inkwell.search import service
from inkwell.search.models import SearchDocument
from inkwell.settings import Settings
from tests.factories import make_post
from tests.importers.ghost_support import ghost_fixture
from tests.importers.support import fixture
from tests.search.conftest import found


async def test_an_rss_import_leaves_every_published_post_findable(
    session: AsyncSession, settings: Settings
) -> None:
    await import_feed(session, str(fixture("ghost.xml")), settings=settings)
    await session.commit()
    posts = await content.all_published(session)
    assert posts
    assert {post.id for post in posts if post.id in await found(session, post.title)} == {
        post.id for post in posts
    }


async def test_a_ghost_import_indexes_exactly_the_findable_posts(
    session: AsyncSession, settings: Settings
) -> None:
    await import_ghost(session, ghost_fixture(4), settings=settings)
    await session.commit()
    posts = [
        *await content.all_published(session),
        *await content.all_published(session, content.PostType.PAGE),
    ]
    wanted = {post.id for post in posts if service.findable(post)}
    assert wanted
    # By the longest word of each title: a title such as "About the garden" is mostly stop
    # words to PostgreSQL.
    findable = {post.id for post in posts if post.id in await found(session, _word_of(post))}
    assert findable == wanted


def _word_of(post: content.Post) -> str:
    return max(post.title.split(), key=len).strip(",.:") + " "


async def test_reindex_finds_dropped_rows_again(session: AsyncSession) -> None:
    post = await make_post(session, title="Restoring a Windsor chair")
    await session.commit()
    await session.execute(delete(SearchDocument))
    await service.reindex(session)
    await session.commit()
    assert await found(session, "windsor") == {post.id}


async def test_reindex_counts_only_findable_posts(session: AsyncSession) -> None:
    await make_post(session)
    await make_post(session, status="draft", published_at=None)
    await make_post(session, visibility="members")
    await session.commit()
    assert await service.reindex(session) == 1


async def test_reindex_tells_its_progress(session: AsyncSession) -> None:
    for _ in range(3):
        await make_post(session)
    await session.commit()
    told: list[tuple[int, int]] = []
    await service.reindex(session, lambda done, total: told.append((done, total)))
    assert told == [(1, 3), (2, 3), (3, 3)]


async def test_a_locale_change_rebuilds_the_index_with_its_stemming(
    session: AsyncSession,
) -> None:
    post = await make_post(session, title="Running the kiln")
    await session.commit()
    # A trailing space: whole words, no prefix.
    assert await found(session, "run ") == {post.id}  # English stems
    await content.update_settings(session, {"locale": "de"}, site_url="http://blog.test")
    await session.commit()
    assert (
        await found(session, "run ", locale="de"),
        await found(session, "running ", locale="de"),
    ) == (
        set(),
        {post.id},
    )


async def test_the_first_start_builds_an_empty_index(
    session: AsyncSession, settings: Settings
) -> None:
    post = await make_post(session, title="Caning a rocking chair")
    await session.commit()
    await session.execute(delete(SearchDocument))  # a site from before search
    assert await service.ensure_built(session, settings) == [
        "Built the search index: 1 post or page."
    ]
    await session.commit()
    assert await found(session, "caning") == {post.id}


async def test_the_first_start_leaves_a_built_index_alone(
    session: AsyncSession, settings: Settings
) -> None:
    await make_post(session)
    await session.commit()
    assert await service.ensure_built(session, settings) == []
