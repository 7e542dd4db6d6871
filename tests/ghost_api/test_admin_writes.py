"""What an Admin API write may do: defaults, schedules, tags and authors, the version check."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.content.service import PostType
from inkwell.core.time import utcnow
from inkwell.ghost_api import admin_writes
from inkwell.ghost_api.admin_input import parse_post
from inkwell.ghost_api.errors import NotFoundError, UpdateCollisionError, ValidationError
from inkwell.render import RenderOptions

OPTIONS = RenderOptions(site_url="http://blog.test")


async def _add(session: AsyncSession, author_id: str | None = None, **item: Any) -> service.Post:
    changes = parse_post({"posts": [item]}, "posts", source_param="html", editing=False)
    return await admin_writes.add_post(
        session, changes, PostType.POST, OPTIONS, default_author_id=author_id
    )


async def _edit(session: AsyncSession, post: service.Post, **item: Any) -> service.Post:
    item.setdefault("updated_at", post.updated_at.isoformat())
    changes = parse_post({"posts": [item]}, "posts", source_param="html", editing=True)
    return await admin_writes.edit_post(session, post.id, changes, PostType.POST, OPTIONS)


async def test_a_new_post_is_a_draft_by_default(session: AsyncSession) -> None:
    post = await _add(session, title="Draft", html="<p>Hello</p>")
    assert (post.status, post.published_at) == ("draft", None)
    assert post.html == "<p>Hello</p>"


async def test_a_published_post_without_a_date_is_dated_now(session: AsyncSession) -> None:
    before = utcnow()
    post = await _add(session, title="Now", status="published")
    assert post.status == "published"
    assert post.published_at is not None and post.published_at >= before


async def test_a_schedule_needs_a_date(session: AsyncSession) -> None:
    with pytest.raises(ValidationError, match=r"Value in \[published_at\] cannot be blank"):
        await _add(session, title="Later", status="scheduled")


async def test_a_schedule_in_the_past_is_refused(session: AsyncSession) -> None:
    soon = (utcnow() + timedelta(seconds=30)).isoformat()
    with pytest.raises(ValidationError, match="at least 2 minutes in the future"):
        await _add(session, title="Later", status="scheduled", published_at=soon)


async def test_a_schedule_ahead_is_kept(session: AsyncSession) -> None:
    when = utcnow() + timedelta(days=1)
    post = await _add(session, title="Later", status="scheduled", published_at=when.isoformat())
    assert (post.status, post.published_at) == ("scheduled", when)


async def test_unknown_tags_are_created_and_known_ones_found_by_id_or_slug(
    session: AsyncSession,
) -> None:
    known = await service.create_tag(session, "Databases", slug="db")
    post = await _add(
        session, title="T", tags=["New one", {"slug": "db"}, {"id": known.id}, {"slug": "fresh"}]
    )
    assert [(t.name, t.slug) for t in post.tags] == [
        ("New one", "new-one"),
        ("Databases", "db"),
        ("fresh", "fresh"),
    ]


async def test_an_unknown_tag_id_is_refused(session: AsyncSession) -> None:
    with pytest.raises(ValidationError) as caught:
        await _add(session, title="T", tags=[{"id": "f" * 24}])
    assert caught.value.property == "tags"


async def test_authors_are_found_by_email_slug_id_or_name(session: AsyncSession) -> None:
    ada = await service.create_author_profile(session, name="Ada Example", email="ada@x.test")
    bob = await service.create_author_profile(session, name="Bob Writer", email="bob@x.test")
    for ref in ("ada@x.test", ada.slug, ada.id, "Ada Example", {"email": "ADA@x.test"}):
        post = await _add(session, title="By Ada", authors=[ref, {"id": bob.id}])
        assert [a.id for a in post.authors] == [ada.id, bob.id]


async def test_an_unknown_author_is_refused_and_no_user_is_made(session: AsyncSession) -> None:
    with pytest.raises(ValidationError, match="cannot save post") as caught:
        await _add(session, title="T", authors=["nobody@x.test"])
    assert "nobody@x.test" in (caught.value.context or "")
    assert await service.find_author(session, "nobody@x.test") is None


async def test_a_post_naming_no_author_gets_the_default_one(session: AsyncSession) -> None:
    owner = await service.create_author_profile(session, name="Owner", email="o@x.test")
    post = await _add(session, owner.id, title="T")
    assert [a.id for a in post.authors] == [owner.id]


async def test_an_edit_changes_only_what_it_sends(session: AsyncSession) -> None:
    post = await _add(
        session, title="Old", html="<p>Body</p>", tags=["Keep"], custom_excerpt="Short"
    )
    edited = await _edit(session, post, title="New")
    assert (edited.title, edited.html, edited.custom_excerpt) == ("New", "<p>Body</p>", "Short")
    assert [t.name for t in edited.tags] == ["Keep"]


async def test_an_edit_keeps_ghost_fields_it_does_not_send(session: AsyncSession) -> None:
    post = await _add(session, title="Old", visibility="members", codeinjection_head="<x>")
    edited = await _edit(session, post, title="New")
    assert (edited.visibility, edited.codeinjection_head) == ("members", "<x>")


async def test_a_stale_edit_is_a_collision_and_changes_nothing(session: AsyncSession) -> None:
    post = await _add(session, title="Current")
    stale = (post.updated_at - timedelta(minutes=1)).isoformat()
    with pytest.raises(UpdateCollisionError) as caught:
        await _edit(session, post, title="Overwritten", updated_at=stale)
    assert caught.value.code == "UPDATE_COLLISION"
    await session.refresh(post)
    assert post.title == "Current"


async def test_publishing_a_draft_dates_it_now(session: AsyncSession) -> None:
    post = await _add(session, title="Draft")
    edited = await _edit(session, post, status="published")
    assert edited.status == "published" and edited.published_at is not None


async def test_a_page_id_is_not_found_among_posts(session: AsyncSession) -> None:
    changes = parse_post({"pages": [{"title": "About"}]}, "pages", source_param=None, editing=False)
    page = await admin_writes.add_post(
        session, changes, PostType.PAGE, OPTIONS, default_author_id=None
    )
    with pytest.raises(NotFoundError) as caught:
        await admin_writes.delete_post(session, page.id, PostType.POST)
    assert caught.value.context == "Post not found."


async def test_deleting_removes_the_post(session: AsyncSession) -> None:
    post = await _add(session, title="Gone")
    await admin_writes.delete_post(session, post.id, PostType.POST)
    assert await service.get_post(session, post.id) is None
