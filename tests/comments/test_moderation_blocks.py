"""Blocking a commenter from one of their comments, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import service
from tests.comments.moderation_fixtures import make_comment, make_thread


async def test_block_by_email_and_address_makes_each_block_once(session: AsyncSession) -> None:
    comment = await make_comment(session, await make_thread(session), email="Spam@Example.org")
    assert await service.block(session, comment.id, ["email", "address"]) == 2
    assert await service.block(session, comment.id, ["email", "address"]) == 0
    kinds = {block.kind: block.shown for block in await service.list_blocks(session)}
    assert kinds["email"] == "spam@example.org"
    assert kinds["address"].endswith("…") and len(kinds["address"]) == 13


async def test_a_blocked_commenter_is_recognised_by_any_identity(session: AsyncSession) -> None:
    comment = await make_comment(session, await make_thread(session), email="spam@example.org")
    await service.block(session, comment.id, ["email"])
    assert await service.is_blocked(session, email=" SPAM@example.org ")
    assert not await service.is_blocked(session, email="friend@example.org")
    address = hashlib.sha256(b"192.0.2.10").hexdigest()
    assert not await service.is_blocked(session, address_hash=address)


async def test_block_skips_identities_the_comment_does_not_have(session: AsyncSession) -> None:
    comment = await make_comment(session, await make_thread(session), email=None)
    assert await service.block(session, comment.id) == 1  # the address only
    assert [b.kind for b in await service.list_blocks(session)] == ["address"]


async def test_an_unknown_kind_is_refused(session: AsyncSession) -> None:
    comment = await make_comment(session, await make_thread(session))
    with pytest.raises(service.ModerationError, match="unknown block kind 'phone'"):
        await service.block(session, comment.id, ["phone"])
    assert await service.list_blocks(session) == []


async def test_unblock_lifts_the_blocks_of_that_commenter(session: AsyncSession) -> None:
    thread = await make_thread(session)
    comment = await make_comment(session, thread, email="a@example.org")
    other = await make_comment(session, thread, email="b@example.org", address="198.51.100.7")
    await service.block(session, comment.id)
    await service.block(session, other.id, ["email"])
    assert await service.unblock(session, comment.id) == 2
    assert [b.shown for b in await service.list_blocks(session)] == ["b@example.org"]


async def test_remove_blocks_by_id_refuses_unknown_ids(session: AsyncSession) -> None:
    comment = await make_comment(session, await make_thread(session))
    await service.block(session, comment.id, ["email"])
    (known,) = await service.list_blocks(session)
    with pytest.raises(service.ModerationError, match="no block has the id missing"):
        await service.remove_blocks(session, [known.id, "missing"])
    assert len(await service.list_blocks(session)) == 1
    assert await service.remove_blocks(session, [known.id]) == 1
    assert await service.list_blocks(session) == []


async def test_blocking_an_unknown_comment_is_refused(session: AsyncSession) -> None:
    with pytest.raises(service.UnknownComments):
        await service.block(session, "f" * 24)
