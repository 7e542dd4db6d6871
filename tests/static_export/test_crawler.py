"""``inkwell build``: the whole site as files, served by a plain static server, every link good."""

from __future__ import annotations

import gzip
import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import brotli
import httpx
import pytest

from inkwell.core.db import Database
from inkwell.features import first_start_async
from inkwell.settings import Settings
from inkwell.static_export.crawler import MARKER, BuildError, build_site
from inkwell.static_export.page_links import links_in_html


@pytest.fixture
async def demo_settings(settings: Settings, site_database: Database) -> Settings:
    demo = settings.model_copy(update={"demo_content": True})
    await first_start_async(site_database, demo)
    return demo


@pytest.fixture
def static_server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "out"
    handler = partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


async def test_every_link_of_the_built_site_resolves(
    demo_settings: Settings, static_server: tuple[Path, str]
) -> None:
    root, base = static_server
    report = await build_site(demo_settings, root)
    assert report.broken == []
    html_files = list(root.rglob("*.html"))
    assert len(html_files) > 10
    checked: set[str] = set()
    async with httpx.AsyncClient(base_url=base) as client:
        for page in html_files:
            url_path = "/" + page.relative_to(root).as_posix().removesuffix("index.html")
            for link in links_in_html(
                page.read_bytes(), demo_settings.site_url + url_path, demo_settings.site_url
            ):
                if link in checked:
                    continue
                checked.add(link)
                response = await client.get(link)
                assert response.status_code == 200, f"{link} linked from {url_path}"
    assert len(checked) > 20


async def test_build_writes_feeds_sitemaps_and_precompressed_twins(
    demo_settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    await build_site(demo_settings, out)
    for name in (
        "index.html",
        "rss/index.html",
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    ):
        assert (out / name).is_file(), name
    home = (out / "index.html").read_bytes()
    assert gzip.decompress((out / "index.html.gz").read_bytes()) == home
    assert brotli.decompress((out / "index.html.br").read_bytes()) == home
    assert "/rss/\n  Content-Type: application/rss+xml" in (out / "_headers").read_text()
    assert "/feed/ /rss/ 301" in (out / "_redirects").read_text()


async def test_rebuilding_replaces_the_previous_build(
    demo_settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    await build_site(demo_settings, out)
    (out / "stale.html").write_text("old")
    await build_site(demo_settings, out)
    assert not (out / "stale.html").exists()
    assert (out / MARKER).is_file()


async def test_a_folder_with_other_files_is_refused_and_kept(
    demo_settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    with pytest.raises(BuildError, match="not empty and was not made by inkwell build"):
        await build_site(demo_settings, out)
    assert (out / "precious.txt").read_text() == "keep me"


def test_build_command_reports_what_it_wrote(demo_settings: Settings, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = os.environ | {
        "INKWELL_DATABASE_URL": demo_settings.database_url,
        "INKWELL_SITE_URL": demo_settings.site_url,
        "INKWELL_MEDIA_DIR": str(demo_settings.media_dir),
    }
    result = subprocess.run(
        [sys.executable, "-m", "inkwell", "build", str(tmp_path / "cli-out")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("Built ")
    assert (tmp_path / "cli-out" / "index.html").is_file()
