"""The media library: upload without JavaScript, search, deletion refused while in use."""

from __future__ import annotations

import io
import re

from PIL import Image

from tests.admin.conftest import Staffer


def png(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


async def upload(owner: Staffer, name: str = "desk.png", alt: str = "A desk") -> str:
    answer = await owner.http.post(
        "/admin/media/",
        data={"csrf_token": owner.csrf, "alt": alt},
        files={"file": (name, png(), "image/png")},
    )
    assert answer.status_code == 303, answer.text
    page = await owner.get("/admin/media/")
    found = re.search(r"<code>(/content/images/[^<]+)</code>", page.text)
    assert found
    return found.group(1)


async def test_an_uploaded_image_is_in_the_library(owner: Staffer) -> None:
    url = await upload(owner)
    assert url.endswith(".png")
    assert (await owner.get(url)).status_code == 200


async def test_a_file_that_is_no_image_is_refused(owner: Staffer) -> None:
    answer = await owner.http.post(
        "/admin/media/",
        data={"csrf_token": owner.csrf},
        files={"file": ("notes.png", b"just text", "image/png")},
    )
    assert answer.status_code == 415
    assert '<p class="field-error" id="file-error">' in answer.text


async def test_search_finds_images_by_alt_text(owner: Staffer) -> None:
    await upload(owner, "a.png", "A wooden desk")
    await upload(owner, "b.png", "A mountain")
    page = await owner.get("/admin/media/", params={"q": "mountain"})
    assert "A mountain" in page.text
    assert "A wooden desk" not in page.text


async def test_an_image_in_use_is_kept_unless_forced(owner: Staffer) -> None:
    url = await upload(owner)
    await owner.post(
        "/admin/posts/new", {"title": "Uses it", "source": f"![Desk]({url})", "action": "save"}
    )
    media_id = re.search(
        r'action="/admin/media/([^/]+)/delete"', (await owner.get("/admin/media/")).text
    )
    assert media_id
    refused = await owner.post(f"/admin/media/{media_id.group(1)}/delete")
    assert refused.status_code == 409
    assert "Delete it anyway" in refused.text
    forced = await owner.post(f"/admin/media/{media_id.group(1)}/delete", {"force": "1"})
    assert forced.headers["location"] == "/admin/media/?done=deleted"
    assert (await owner.get(url)).status_code == 404
