"""Theme assets with cache-busting versions, the code CSS, the favicon and media files."""

from __future__ import annotations

import hashlib

from httpx import AsyncClient

from inkwell.app import create_app
from inkwell.settings import Settings
from inkwell.site.assets import DEFAULT_FAVICON
from inkwell.site.theme import DEFAULT_THEME
from tests.site.conftest import SetSite, parse

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


async def test_stylesheet_link_carries_a_content_hash(client: AsyncClient) -> None:
    tree = parse((await client.get("/")).text)
    href = tree.xpath("//link[@rel='stylesheet' and contains(@href, 'screen.css')]/@href")[0]
    content = (DEFAULT_THEME / "assets" / "css" / "screen.css").read_bytes()
    assert href == "/assets/css/screen.css?v=" + hashlib.sha256(content).hexdigest()[:10]


async def test_theme_asset_is_served_with_a_long_cache(client: AsyncClient) -> None:
    response = await client.get("/assets/css/screen.css?v=abc")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_missing_asset_is_not_found(client: AsyncClient) -> None:
    assert (await client.get("/assets/css/nothing.css")).status_code == 404


async def test_assets_cannot_escape_their_folder(client: AsyncClient) -> None:
    assert (await client.get("/assets/../templates/base.html")).status_code == 404
    assert (await client.get("/assets/%2e%2e/templates/base.html")).status_code == 404


async def test_code_css_follows_the_code_themes(client: AsyncClient, set_site: SetSite) -> None:
    await set_site(code_theme_light="friendly", code_theme_dark="dracula")
    tree = parse((await client.get("/")).text)
    href = tree.xpath("//link[@rel='stylesheet' and contains(@href, 'code.css')]/@href")[0]
    response = await client.get(href)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/css; charset=utf-8"
    assert ".highlight" in response.text
    assert "prefers-color-scheme: dark" in response.text
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_code_css_version_changes_with_the_theme(
    client: AsyncClient, set_site: SetSite
) -> None:
    before = parse((await client.get("/")).text).xpath("//link[contains(@href, 'code.css')]/@href")
    await set_site(code_theme_light="friendly")
    after = parse((await client.get("/")).text).xpath("//link[contains(@href, 'code.css')]/@href")
    assert before != after


async def test_default_favicon(client: AsyncClient) -> None:
    response = await client.get("/favicon.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content == DEFAULT_FAVICON.read_bytes()


async def test_site_icon_is_the_favicon(
    client: AsyncClient, set_site: SetSite, settings: Settings
) -> None:
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    (settings.media_dir / "icon.png").write_bytes(PNG)
    await set_site(icon="/content/images/icon.png")
    response = await client.get("/favicon.png")
    assert response.headers["content-type"] == "image/png"
    assert response.content == PNG


async def test_media_is_served_from_the_media_folder(
    client: AsyncClient, settings: Settings
) -> None:
    folder = settings.media_dir / "2026" / "03"
    folder.mkdir(parents=True)
    (folder / "photo.png").write_bytes(PNG)
    response = await client.get("/content/images/2026/03/photo.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content == PNG


async def test_missing_media_is_not_found(client: AsyncClient) -> None:
    assert (await client.get("/content/images/none.png")).status_code == 404


def test_media_folder_is_created_at_app_creation(settings: Settings) -> None:
    assert not settings.media_dir.exists()
    create_app(settings)
    assert settings.media_dir.is_dir()
