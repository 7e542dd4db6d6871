"""Revision history, the diff view, restoring; secret preview links."""

from __future__ import annotations

import re

from httpx import AsyncClient

from tests.admin.conftest import Staffer
from tests.admin.test_editor import new_draft, version_of


async def edit(owner: Staffer, post_id: str, source: str) -> None:
    opened = version_of((await owner.get(f"/admin/posts/{post_id}/edit")).text)
    await owner.post(
        f"/admin/posts/{post_id}/edit",
        {"title": "Draft", "source": source, "expected_updated_at": opened, "action": "save"},
    )


async def first_revision(owner: Staffer, post_id: str) -> str:
    history = await owner.get(f"/admin/posts/{post_id}/history")
    ids = re.findall(rf"/admin/posts/{post_id}/history/([0-9a-f]{{24}})", history.text)
    assert ids
    return str(ids[-1])  # newest first: the last is the oldest


async def test_every_save_is_in_the_history(owner: Staffer) -> None:
    post_id = await new_draft(owner, "Draft", "one")
    await edit(owner, post_id, "two")
    history = await owner.get(f"/admin/posts/{post_id}/history")
    assert history.text.count("· Saved ·") == 2


async def test_the_diff_shows_what_changed(owner: Staffer) -> None:
    post_id = await new_draft(owner, "Draft", "old line")
    await edit(owner, post_id, "new line")
    page = await owner.get(f"/admin/posts/{post_id}/history/{await first_revision(owner, post_id)}")
    assert "− old line</del>" in page.text
    assert "+ new line</ins>" in page.text


async def test_restoring_brings_the_old_text_back(owner: Staffer) -> None:
    post_id = await new_draft(owner, "Draft", "old line")
    await edit(owner, post_id, "new line")
    revision = await first_revision(owner, post_id)
    page = await owner.get(f"/admin/posts/{post_id}/history/{revision}")
    answer = await owner.post(
        f"/admin/posts/{post_id}/history/{revision}/restore",
        {
            "expected_updated_at": re.search(
                r'name="expected_updated_at" value="([^"]+)"', page.text
            ).group(1)
        },  # type: ignore[union-attr]
    )
    assert answer.headers["location"].endswith("done=restored")
    assert "old line</textarea>" in (await owner.get(f"/admin/posts/{post_id}/edit")).text


async def test_a_preview_link_shows_the_draft_until_revoked(
    owner: Staffer, anonymous: AsyncClient
) -> None:
    post_id = await new_draft(owner, "Secret plans", "Not yet.")
    page = await owner.post(f"/admin/posts/{post_id}/preview-link")
    url = re.search(r'value="http://blog\.test(/p/[^"]+)"', page.text)
    assert url
    shown = await anonymous.get(url.group(1))
    assert shown.status_code == 200 and "Secret plans" in shown.text
    assert "noindex" in shown.headers["x-robots-tag"]
    await owner.post(f"/admin/posts/{post_id}/preview-link/revoke")
    assert (await anonymous.get(url.group(1))).status_code == 404


async def test_reloading_the_preview_link_page_goes_back_to_the_editor(owner: Staffer) -> None:
    post_id = await new_draft(owner, "Reloaded", "Text.")
    await owner.post(f"/admin/posts/{post_id}/preview-link")
    again = await owner.get(f"/admin/posts/{post_id}/preview-link")
    assert again.status_code == 303
    assert again.headers["location"] == f"/admin/posts/{post_id}/edit"
