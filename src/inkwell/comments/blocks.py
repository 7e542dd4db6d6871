"""Blocked commenters: by reader account, by email (lower-cased) or by the salted hash of the
address they wrote from. A block is made from one of their comments and lifted the same way,
or by its id from the list of blocks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.models import Comment, CommentBlock

BLOCK_KINDS = ("email", "address", "reader")


@dataclass(frozen=True)
class BlockView:
    """One block as the admin lists it (an address hash is shortened: it means nothing whole)."""

    id: str
    kind: str
    shown: str
    note: str | None
    created_at: datetime


def block_values(comment: Comment, kinds: Iterable[str]) -> list[tuple[str, str]]:
    """(kind, value) of each identity of ``comment`` among ``kinds`` that it has.

    Raises ValueError naming an unknown kind."""
    wanted = list(dict.fromkeys(kinds))
    unknown = [kind for kind in wanted if kind not in BLOCK_KINDS]
    if unknown:
        raise ValueError(f"unknown block kind {unknown[0]!r}; use {', '.join(BLOCK_KINDS)}")
    values = {
        "email": (comment.author_email or "").strip().lower() or None,
        "address": comment.address_hash,
        "reader": comment.reader_id,
    }
    return [(kind, value) for kind in wanted if (value := values[kind]) is not None]


async def add_blocks(session: AsyncSession, comment: Comment, kinds: Iterable[str]) -> int:
    """Block the writer of ``comment`` by each of ``kinds``; how many new blocks were made."""
    made = 0
    for kind, value in block_values(comment, kinds):
        query = select(CommentBlock.id).where(
            CommentBlock.kind == kind, CommentBlock.value == value
        )
        if (await session.execute(query)).first() is not None:
            continue
        note = f"{comment.author_name}, for comment {comment.id}"[:500]
        session.add(CommentBlock(kind=kind, value=value, note=note))
        made += 1
    await session.flush()
    return made


async def lift_blocks(session: AsyncSession, comment: Comment, kinds: Iterable[str]) -> int:
    """Lift the blocks of ``kinds`` matching the writer of ``comment``; how many were lifted."""
    pairs = block_values(comment, kinds)
    if not pairs:
        return 0
    matches = or_(*(and_(CommentBlock.kind == kind, CommentBlock.value == v) for kind, v in pairs))
    found = list((await session.execute(select(CommentBlock).where(matches))).scalars())
    for block in found:
        await session.delete(block)
    await session.flush()
    return len(found)


async def is_blocked(
    session: AsyncSession,
    *,
    email: str | None = None,
    address_hash: str | None = None,
    reader_id: str | None = None,
) -> bool:
    """Whether any of these identities of a commenter is blocked."""
    pairs = [
        (kind, value)
        for kind, value in (
            ("email", (email or "").strip().lower() or None),
            ("address", address_hash),
            ("reader", reader_id),
        )
        if value
    ]
    if not pairs:
        return False
    values = [value for _, value in pairs]
    query = select(CommentBlock.kind, CommentBlock.value).where(CommentBlock.value.in_(values))
    return any(tuple(row) in pairs for row in (await session.execute(query)).all())


def _shown(block: CommentBlock) -> str:
    return block.value[:12] + "…" if block.kind == "address" else block.value


async def list_blocks(session: AsyncSession) -> list[BlockView]:
    """Every block, newest first."""
    query = select(CommentBlock).order_by(CommentBlock.created_at.desc(), CommentBlock.id)
    blocks = (await session.execute(query)).scalars()
    return [BlockView(b.id, b.kind, _shown(b), b.note, b.created_at) for b in blocks]


async def delete_blocks(session: AsyncSession, block_ids: Iterable[str]) -> list[str]:
    """Lift the blocks ``block_ids``; the ids that name no block (then nothing is lifted)."""
    wanted = list(dict.fromkeys(block_ids))
    query = select(CommentBlock.id).where(CommentBlock.id.in_(wanted))
    known = set((await session.execute(query)).scalars())
    missing = [block_id for block_id in wanted if block_id not in known]
    if not missing and wanted:
        await session.execute(delete(CommentBlock).where(CommentBlock.id.in_(wanted)))
    return missing
