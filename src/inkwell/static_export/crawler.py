"""Crawl the real application in process and write every public URL as a file."""

from __future__ import annotations

import shutil
import tempfile
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from httpx import ASGITransport, AsyncClient, Response

from inkwell.settings import Settings
from inkwell.static_export import page_links, writer

MARKER = ".inkwell-build"
SEEDS = (
    "/",
    "/rss/",
    "/atom.xml",
    "/feed.json",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon.png",
    "/feed/",
)
NOT_FOUND_PROBE = "/inkwell-static-build-not-found/"


class BuildError(Exception):
    """The build cannot start or finish; the message says why."""


@dataclass
class BuildReport:
    """What a build wrote and what it could not resolve."""

    pages: int = 0
    files: int = 0
    bytes: int = 0
    redirects: dict[str, str] = field(default_factory=dict)
    broken: list[tuple[str, int, str]] = field(default_factory=list)  # path, status, linked from


async def build_site(
    settings: Settings, out_dir: Path, *, on_page: Callable[[str], None] | None = None
) -> BuildReport:
    """Write the public site of ``settings`` into ``out_dir`` (replacing an earlier build)."""
    from inkwell.app import create_app

    _check_target(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".inkwell-build-", dir=out_dir.parent))
    try:
        app = create_app(settings.model_copy(update={"response_cache": False}))
        async with app.router.lifespan_context(app):
            transport = ASGITransport(app=app)
            async with AsyncClient(transport=transport, base_url=settings.site_url) as client:
                report = await _crawl(client, settings.site_url, staging, on_page)
                missing = await client.get(NOT_FOUND_PROBE)
                writer.write(staging, "/404.html", missing.content, _type_of(missing))
        (staging / MARKER).write_text("built by inkwell build\n", encoding="utf-8")
        _replace(out_dir, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


async def _crawl(
    client: AsyncClient, site_url: str, out_dir: Path, on_page: Callable[[str], None] | None
) -> BuildReport:
    report = BuildReport()
    types: dict[str, str] = {}
    queue: deque[tuple[str, str]] = deque((seed, "(start)") for seed in SEEDS)
    seen = {seed for seed, _ in queue}
    while queue:
        path, referrer = queue.popleft()
        response = await client.get(path)
        found: set[str] = set()
        if response.status_code in (301, 302, 307, 308):
            target = urlsplit(urljoin(site_url + path, response.headers["location"])).path
            report.redirects[path] = target
            writer.write(out_dir, path, writer.redirect_page(target), "text/html")
            found.add(target)
        elif response.status_code == 200:
            content_type = _type_of(response)
            written = writer.write(out_dir, path, response.content, content_type)
            report.pages += 1
            report.files += len(written)
            report.bytes += sum(p.stat().st_size for p in written)
            if path.endswith("/") and not content_type.startswith("text/html"):
                types[path] = content_type
            found = _links_of(response, content_type, site_url + path, site_url)
        else:
            report.broken.append((path, response.status_code, referrer))
        if on_page is not None:
            on_page(path)
        for link in sorted(found - seen):
            seen.add(link)
            queue.append((link, path))
    writer.write_host_rules(out_dir, types, report.redirects)
    return report


def _type_of(response: Response) -> str:
    return str(response.headers.get("content-type", "application/octet-stream"))


def _links_of(response: Response, content_type: str, page_url: str, site_url: str) -> set[str]:
    if content_type.startswith("text/html"):
        return page_links.links_in_html(response.content, page_url, site_url)
    if "xml" in content_type:
        return page_links.links_in_xml(response.content, page_url, site_url)
    return set()


def _check_target(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise BuildError(
            f"{out_dir} is not empty and was not made by inkwell build: choose another folder"
        )


def _replace(out_dir: Path, staging: Path) -> None:
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)
