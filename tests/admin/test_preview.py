"""The editor's preview: the site's HTML, with what the admin's CSP would drop said otherwise."""

from __future__ import annotations

from httpx import AsyncClient

from tests.admin.conftest import Staffer

TABLE = "| Left | Centre | Right |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"


async def test_table_alignment_is_a_class_in_the_preview(owner: Staffer) -> None:
    answer = await owner.api("/admin/api/preview", json={"source": TABLE})
    html = answer.json()["html"]
    assert "style=" not in html  # the admin's CSP (style-src 'self') would ignore it
    assert '<th class="align-left">Left</th>' in html
    assert '<td class="align-center">2</td>' in html
    assert '<td class="align-right">3</td>' in html


async def test_the_admin_stylesheet_aligns_those_classes(owner: Staffer) -> None:
    dashboard = await owner.get("/admin/")
    stylesheet = next(
        line.split('href="')[1].split('"')[0]
        for line in dashboard.text.splitlines()
        if 'rel="stylesheet"' in line and "admin.css" in line
    )
    css = (await owner.get(stylesheet)).text
    for side in ("left", "center", "right"):
        assert f".rendered .align-{side} {{ text-align: {side}; }}" in css


async def test_the_site_keeps_ghosts_inline_alignment(
    owner: Staffer, anonymous: AsyncClient
) -> None:
    await owner.post("/admin/posts/new", {"title": "Aligned", "source": TABLE, "action": "publish"})
    home = (await anonymous.get("/")).text
    link = next(part.split('"')[0] for part in home.split('href="')[1:] if "aligned" in part[:80])
    page = await anonymous.get(link)
    assert '<th style="text-align:left">Left</th>' in page.text
