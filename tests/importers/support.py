"""Helpers for the importer tests: fixture files, row counts, real image bytes."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from inkwell.content.models import Post, PostAuthor, PostTag, Redirect, Tag, User

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> Path:
    """A file under tests/importers/fixtures."""
    return FIXTURES / name


async def row_counts(session: AsyncSession) -> dict[str, int]:
    """How many rows each content table holds."""
    counts = {}
    for model in (Post, Tag, User, PostTag, PostAuthor, Redirect):
        total = await session.execute(select(func.count()).select_from(model))
        counts[model.__tablename__] = total.scalar_one()
    return counts


async def all_posts(session: AsyncSession) -> list[Post]:
    """Every stored post, oldest first."""
    query = select(Post).options(undefer(Post.source)).order_by(Post.published_at, Post.id)
    query = query.execution_options(populate_existing=True)
    return list((await session.execute(query)).scalars())


async def post_titled(session: AsyncSession, title: str) -> Post:
    """The one post with ``title``."""
    query = (
        select(Post)
        .where(Post.title == title)
        .options(undefer(Post.source))
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalar_one()


def png_bytes(size: tuple[int, int] = (4, 3), colour: str = "teal") -> bytes:
    """A real, tiny PNG."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def noisy_png(size: int = 64) -> bytes:
    """A PNG of random pixels: large enough that cutting it leaves a readable header."""
    out = io.BytesIO()
    Image.frombytes("RGB", (size, size), os.urandom(size * size * 3)).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(size: tuple[int, int] = (5, 5)) -> bytes:
    """A real, tiny JPEG."""
    out = io.BytesIO()
    Image.new("RGB", size, "orange").save(out, "JPEG")
    return out.getvalue()


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG whose header claims a huge canvas (10 giga-pixels) while the file is tiny."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
