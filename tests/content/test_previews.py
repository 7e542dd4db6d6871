"""Secret preview links: made with an unguessable token, stored hashed, revocable."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.content.models import PreviewLink
from tests.factories import make_post


async def test_a_link_is_a_long_random_path(session: AsyncSession) -> None:
    post = await make_post(session, status="draft")
    _link, path = await service.create_preview_link(session, post.id)
    found = re.fullmatch(r"/p/([A-Za-z0-9_-]+)/", path)
    assert found is not None
    assert len(found.group(1)) >= 43  # 256 bits in base64url: at least 128 bits asked


async def test_two_links_never_share_a_token(session: AsyncSession) -> None:
    post = await make_post(session, status="draft")
    paths = {(await service.create_preview_link(session, post.id))[1] for _ in range(5)}
    assert len(paths) == 5


async def test_the_token_is_not_stored(session: AsyncSession) -> None:
    post = await make_post(session, status="draft")
    _link, path = await service.create_preview_link(session, post.id)
    token = path.split("/")[2]
    stored = (await session.execute(select(PreviewLink.token_hash))).scalars().all()
    assert stored and all(token not in value for value in stored)


async def test_a_token_finds_its_post(session: AsyncSession) -> None:
    post = await make_post(session, status="draft")
    _link, path = await service.create_preview_link(session, post.id)
    found = await service.post_for_preview(session, path.split("/")[2])
    assert found is not None and found.id == post.id


async def test_a_revoked_link_finds_nothing(session: AsyncSession) -> None:
    post = await make_post(session, status="draft")
    link, path = await service.create_preview_link(session, post.id)
    await service.revoke_preview_link(session, post.id, link.id)
    assert await service.post_for_preview(session, path.split("/")[2]) is None


async def test_an_unknown_token_finds_nothing(session: AsyncSession) -> None:
    assert await service.post_for_preview(session, "a" * 43) is None


async def test_the_list_shows_working_links_newest_first(session: AsyncSession) -> None:
    post = await make_post(session, status="draft")
    ada = await service.create_author_profile(session, name="Ada", email="ada@example.com")
    first, _ = await service.create_preview_link(session, post.id, by=ada.id)
    second, _ = await service.create_preview_link(session, post.id)
    await service.revoke_preview_link(session, post.id, second.id)
    assert [link.id for link in await service.list_preview_links(session, post.id)] == [first.id]
    every = await service.list_preview_links(session, post.id, include_revoked=True)
    assert {link.id for link in every} == {first.id, second.id}
    assert first.created_by == ada.id


async def test_revoking_another_posts_link_is_refused(session: AsyncSession) -> None:
    one = await make_post(session, status="draft")
    other = await make_post(session, status="draft")
    link, _ = await service.create_preview_link(session, one.id)
    with pytest.raises(service.PreviewLinkNotFound):
        await service.revoke_preview_link(session, other.id, link.id)


async def test_a_link_to_a_missing_post_is_refused(session: AsyncSession) -> None:
    with pytest.raises(service.PostNotFound):
        await service.create_preview_link(session, "0" * 24)
