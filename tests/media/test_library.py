"""The media library: newest first, search, and deleting only what no post shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.db import Database
from inkwell.media import service, variants
from inkwell.settings import Settings
from tests.factories import make_post
from tests.media import pictures
from tests.media.conftest import Upload

WHEN = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


async def test_newest_first_and_paginated(upload: Upload, session: AsyncSession) -> None:
    for n in range(5):
        await upload(pictures.png(8, 8), f"img{n}.png", when=WHEN + timedelta(minutes=n))
    first = await service.list_media(session, per_page=2)
    assert [m.original_name for m in first.items] == ["img4.png", "img3.png"]
    assert (first.total, first.pages) == (5, 3)
    last = await service.list_media(session, page=3, per_page=2)
    assert [m.original_name for m in last.items] == ["img0.png"]


async def test_search_by_file_name_or_alt(upload: Upload, session: AsyncSession) -> None:
    await upload(pictures.png(8, 8), "Beach-Day.png", alt="Sand and sea")
    await upload(pictures.png(8, 8), "desk.png", alt="A wooden BEACH desk")
    await upload(pictures.png(8, 8), "cat.png", alt="100% cat")
    found = await service.list_media(session, query="beach")
    assert sorted(m.original_name for m in found.items) == ["Beach-Day.png", "desk.png"]
    assert [m.original_name for m in (await service.list_media(session, query="100%")).items] == [
        "cat.png"
    ]
    assert (await service.list_media(session, query="_")).total == 0


async def test_deleting_an_unused_image_removes_its_files(
    upload: Upload, session: AsyncSession, database: Database, settings: Settings
) -> None:
    row = await upload(pictures.png(1200, 800), "a.png")
    await variants.make_all(settings.media_dir, row.path, row.width, settings.max_image_pixels)
    files = [p for p in settings.media_dir.rglob("*") if p.is_file()]
    assert len(files) == 1 + 4  # the original, w600 and w1000, each also as WebP
    await session.commit()
    async with database.session(write=True) as other:
        await service.delete_media(other, settings.media_dir, row.id)
    assert [p for p in settings.media_dir.rglob("*") if p.is_file()] == []
    session.expunge_all()
    with pytest.raises(service.MediaNotFound):
        await service.get_media(session, row.id)


@pytest.mark.parametrize("field", ["feature_image", "og_image", "twitter_image", "source"])
async def test_an_image_a_post_shows_is_not_deleted(
    upload: Upload, session: AsyncSession, settings: Settings, field: str
) -> None:
    row = await upload(pictures.png(50, 50), "used.png")
    url = service.public_url(row.path)
    value = f"Look:\n\n![A]({url})" if field == "source" else f"http://blog.test{url}"
    await make_post(session, title="Where it shows", **{field: value})
    with pytest.raises(
        service.MediaInUse, match="used by 1 post\\(s\\): 'Where it shows'"
    ) as refused:
        await service.delete_media(session, settings.media_dir, row.id)
    assert refused.value.status == 409
    assert (settings.media_dir / row.path).exists()
    assert (await service.get_media(session, row.id)).id == row.id


async def test_force_deletes_a_used_image(
    upload: Upload, session: AsyncSession, settings: Settings
) -> None:
    row = await upload(pictures.png(50, 50), "used.png")
    await make_post(session, feature_image=service.public_url(row.path))
    await service.delete_media(session, settings.media_dir, row.id, force=True)
    await session.commit()
    assert not (settings.media_dir / row.path).exists()


async def test_a_similar_name_is_not_a_use(upload: Upload, session: AsyncSession) -> None:
    row = await upload(pictures.png(50, 50), "a.png", when=WHEN)
    await make_post(session, feature_image="/content/images/2026/12/ba.png")
    await make_post(session, feature_image="/content/images/2026/12/a-2.png")
    assert await service.usage(session, row) == []


async def test_an_unknown_id_is_not_found(session: AsyncSession, settings: Settings) -> None:
    with pytest.raises(service.MediaNotFound, match="no media file has the id 'nope'"):
        await service.delete_media(session, settings.media_dir, "nope")
