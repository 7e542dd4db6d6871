"""What the index holds after content's writes, kept current in the writing transaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.search.models import SearchDocument
from tests.factories import make_post, post_input
from tests.search.conftest import found


async def _options(session: AsyncSession) -> object:
    return content.render_options(await content.load_settings(session), "http://blog.test")


async def test_a_published_post_is_found_by_its_title(session: AsyncSession) -> None:
    post = await make_post(session, title="Tuning the sourdough starter")
    await session.commit()
    assert await found(session, "sourdough") == {post.id}


async def test_a_published_post_is_found_by_its_body_code(session: AsyncSession) -> None:
    source = "Some prose.\n\n```python\nimport frobnicator\n```\n"
    post = await make_post(session, source=source)
    await session.commit()
    assert await found(session, "frobnicator") == {post.id}


async def test_markup_is_not_indexed(session: AsyncSession) -> None:
    await make_post(session, source="A [link](https://example.test/zanzibar) here.")
    await session.commit()
    assert await found(session, "zanzibar") == set()


async def test_tags_excerpt_and_authors_are_indexed(session: AsyncSession) -> None:
    post = await make_post(
        session,
        tags=["Woodworking"],
        custom_excerpt="About dovetails",
        authors=[content.AuthorRef(name="Grete Quillfeather", email="g@example.test")],
    )
    await session.commit()
    for word in ("woodworking", "dovetails", "quillfeather"):
        assert await found(session, word) == {post.id}, word


async def test_a_published_page_is_found(session: AsyncSession) -> None:
    page = await make_post(session, type="page", title="About the kiln")
    await session.commit()
    assert await found(session, "kiln") == {page.id}


async def test_the_row_keeps_what_results_show(session: AsyncSession) -> None:
    post = await make_post(session, title="Glazing notes", source="Ash glaze recipe.")
    await session.commit()
    stored = (
        await session.execute(select(SearchDocument).where(SearchDocument.post_id == post.id))
    ).scalar_one()
    assert (stored.title, stored.body, stored.status, stored.visibility) == (
        "Glazing notes",
        "Ash glaze recipe.",
        "published",
        "public",
    )


async def test_a_draft_is_never_indexed(session: AsyncSession) -> None:
    await make_post(session, title="Secret marmalade plans", status="draft", published_at=None)
    await session.commit()
    assert await found(session, "marmalade") == set()


async def test_a_scheduled_post_is_never_indexed(session: AsyncSession) -> None:
    later = datetime.now(UTC) + timedelta(days=3)
    await make_post(session, title="Upcoming marmalade", status="scheduled", published_at=later)
    await session.commit()
    assert await found(session, "marmalade") == set()


async def test_a_members_only_post_is_never_indexed(session: AsyncSession) -> None:
    await make_post(session, title="Members marmalade", visibility="members")
    await session.commit()
    assert await found(session, "marmalade") == set()


async def test_internal_tags_are_not_indexed(session: AsyncSession) -> None:
    await make_post(session, tags=["#hiddenflag", "visible"])
    await session.commit()
    assert await found(session, "hiddenflag") == set()


async def test_an_edit_changes_what_is_found(session: AsyncSession) -> None:
    post = await make_post(session, title="Pickled walnuts")
    await session.commit()
    await content.update_post(
        session,
        post.id,
        post_input(title="Candied chestnuts"),
        await _options(session),  # type: ignore[arg-type]
        expected_updated_at=None,
    )
    await session.commit()
    assert (await found(session, "walnuts"), await found(session, "chestnuts")) == (
        set(),
        {post.id},
    )


async def test_unpublishing_removes_the_post(session: AsyncSession) -> None:
    post = await make_post(session, title="Fermented hot sauce")
    await session.commit()
    await content.unpublish_post(session, post.id)
    await session.commit()
    assert await found(session, "fermented") == set()


async def test_deleting_removes_the_post(session: AsyncSession) -> None:
    post = await make_post(session, title="Fermented hot sauce")
    await session.commit()
    await content.delete_post(session, post.id)
    await session.commit()
    assert await found(session, "fermented") == set()


async def test_a_rolled_back_publish_leaves_no_row(session: AsyncSession) -> None:
    await make_post(session, title="Abandoned soufflé")
    await session.rollback()
    assert await found(session, "souffle") == set()


async def test_a_tag_rename_changes_what_is_found(session: AsyncSession) -> None:
    post = await make_post(session, tags=["Letterpress"])
    await session.commit()
    await content.edit_tag(session, "letterpress", name="Risography")
    await session.commit()
    assert (await found(session, "letterpress"), await found(session, "risography")) == (
        set(),
        {post.id},
    )


async def test_a_deleted_tag_is_no_longer_found(session: AsyncSession) -> None:
    post = await make_post(session, tags=["Letterpress"], title="Printing at home")
    await session.commit()
    await content.delete_tag(session, "letterpress")
    await session.commit()
    assert (await found(session, "letterpress"), await found(session, "printing")) == (
        set(),
        {post.id},
    )


async def test_an_author_rename_changes_what_is_found(session: AsyncSession) -> None:
    author = content.AuthorRef(name="Wilhelmina Oakes", email="w@example.test")
    post = await make_post(session, authors=[author])
    await session.commit()
    await content.rename_author(session, post.authors[0].slug, "Mina Thistlewood")
    await session.commit()
    assert (await found(session, "wilhelmina"), await found(session, "thistlewood")) == (
        set(),
        {post.id},
    )
