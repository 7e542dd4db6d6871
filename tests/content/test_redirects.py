"""Custom redirects (to a path or a URL, 301 or 302), post-bound ones, and permalink changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.core import events
from tests.factories import make_post


async def test_a_redirect_to_a_path_is_found(session: AsyncSession) -> None:
    await service.add_custom_redirect(session, "/old-about", "/about/", status_code=302)
    found = await service.resolve_redirect(session, "/old-about/")
    assert found == service.RedirectTarget(302, location="/about/")


async def test_a_redirect_to_a_url_is_found(session: AsyncSession) -> None:
    await service.add_custom_redirect(session, "/elsewhere/", "https://example.com/x?y=1")
    found = await service.resolve_redirect(session, "/elsewhere")
    assert found == service.RedirectTarget(301, location="https://example.com/x?y=1")


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("old/", "/new/", "from a path starting with /"),
        ("https://x.test/a/", "/new/", "from a path starting with /"),
        ("/a?b=1", "/new/", "no query"),
        ("/same/", "/same", "cannot redirect to itself"),
        ("/x/", "ftp://example.com/", "neither a path"),
        ("/x/", "//evil.test/", "neither a path"),
        ("/x/", "javascript:alert(1)", "neither a path"),
        ("/x/", "", "needs a target"),
        ("/x/", "/with space/", "spaces"),
    ],
)
async def test_bad_redirects_are_refused(
    session: AsyncSession, source: str, target: str, message: str
) -> None:
    with pytest.raises(service.RedirectInputError, match=message):
        await service.add_custom_redirect(session, source, target)
    assert await service.list_redirects(session) == []


async def test_a_status_other_than_301_or_302_is_refused(session: AsyncSession) -> None:
    with pytest.raises(service.RedirectInputError, match="301 or 302"):
        await service.add_custom_redirect(session, "/a/", "/b/", status_code=307)


async def test_a_loop_through_other_redirects_is_refused(session: AsyncSession) -> None:
    await service.add_custom_redirect(session, "/a/", "/b/")
    await service.add_custom_redirect(session, "/b/", "/c")
    with pytest.raises(service.RedirectInputError, match="would make a loop"):
        await service.add_custom_redirect(session, "/c/", "/a/")


async def test_a_path_that_redirects_already_is_refused(session: AsyncSession) -> None:
    await service.add_custom_redirect(session, "/a/", "/b/")
    with pytest.raises(service.RedirectInputError, match="redirects already"):
        await service.add_custom_redirect(session, "/a", "/c/")


async def test_redirects_are_listed_by_path_with_both_kinds(session: AsyncSession) -> None:
    post = await make_post(session, redirect_from=["/2019/old.html"])
    await service.add_custom_redirect(session, "/about-me/", "/about/")
    found = [(r.from_path, r.post_id, r.to_url) for r in await service.list_redirects(session)]
    assert found == [("/2019/old.html/", post.id, None), ("/about-me/", None, "/about/")]


async def test_deleting_a_redirect_announces_it(
    session: AsyncSession, heard: list[events.Event]
) -> None:
    await service.add_custom_redirect(session, "/a/", "/b/")
    await session.commit()
    await service.delete_redirect(session, "/a")
    await session.commit()
    assert [(e.name, e.data["from_path"]) for e in heard] == [
        ("redirect.added", "/a/"),
        ("redirect.deleted", "/a/"),
    ]
    assert await service.resolve_redirect(session, "/a/") is None


async def test_deleting_a_missing_redirect_says_so(session: AsyncSession) -> None:
    with pytest.raises(service.RedirectNotFound, match="no redirect from /nope/"):
        await service.delete_redirect(session, "/nope/")


async def test_an_imported_redirect_follows_its_post(session: AsyncSession) -> None:
    post = await make_post(session, redirect_from=["/2019/05/old-name.html"])
    found = await service.resolve_redirect(session, "/2019/05/old-name.html")
    assert found is not None and found.post is not None and found.post.id == post.id
    assert found.status_code == 301


async def test_a_permalink_change_keeps_each_old_path_as_a_redirect(
    session: AsyncSession,
) -> None:
    post = await make_post(session, slug="moving")
    draft = await make_post(session, slug="unseen", status="draft")
    site = await service.load_settings(session)
    old_path = service.path_of(post, site)
    await service.update_settings(session, {"permalink": "/{slug}/"}, site_url="http://b.test")
    found = await service.resolve_redirect(session, old_path)
    assert found is not None and found.post is not None and found.post.id == post.id
    bound = [r.post_id for r in await service.list_redirects(session)]
    assert bound == [post.id]  # drafts were never public at the old path
    assert draft.id not in bound


async def test_a_refused_permalink_records_nothing(session: AsyncSession) -> None:
    await make_post(session)
    with pytest.raises(service.SettingsInputError):
        await service.update_settings(session, {"permalink": "/x/"}, site_url="http://b.test")
    assert await service.list_redirects(session) == []


async def test_a_time_zone_change_keeps_dated_paths_working(session: AsyncSession) -> None:
    # 23:30 UTC on the last day of a month is already the next month in Paris.
    post = await make_post(
        session, slug="late", published_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    )
    await service.update_settings(session, {"timezone": "Europe/Paris"}, site_url="http://b.test")
    found = await service.resolve_redirect(session, "/blog/2026/03/late/")
    assert found is not None and found.post is not None and found.post.id == post.id
