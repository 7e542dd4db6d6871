"""``--download-images``: fetch each post's images into the media folder and point at the copies.

Feature images and every ``<img src>`` (and Markdown ``![](...)``) over http(s) are downloaded,
once per URL, a few at a time. For a Markdown folder, images referenced by a relative path are
copied from the folder too. Whatever cannot be fetched, or is not really an image, is reported
and keeps its original URL.
"""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import httpx

from inkwell.content.service import PostInput
from inkwell.core.time import utcnow
from inkwell.importers.image_files import MAX_IMAGE_BYTES, ImageRejected, check_image, store_image
from inkwell.importers.report import Batch, ImageFailure
from inkwell.importers.sources import USER_AGENT, describe_http_error

CONCURRENCY = 8
TIMEOUT = 20.0
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"""(?<=\s)src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_RESPONSIVE = re.compile(
    r"""\s(?:srcset|sizes)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE
)
_MD_IMAGE = re.compile(r"(!\[[^\]]*\]\(\s*<?)([^\s)>]+)(>?)")


@dataclass
class ImageResult:
    """What ``localise_images`` did."""

    downloaded: int = 0
    failures: list[ImageFailure] = field(default_factory=list)


Tick = Callable[[int], None]


async def localise_images(
    batch: Batch,
    media_dir: Path,
    *,
    local_root: Path | None = None,
    on_total: Tick | None = None,
    on_done: Tick | None = None,
    time_limit: float = TIMEOUT,
    max_bytes: int = MAX_IMAGE_BYTES,
) -> ImageResult:
    """Download (or copy, with ``local_root``) every image of ``batch`` and rewrite its URLs."""
    # Per candidate: the URL as written -> what to fetch (an http URL or a local file).
    per_post: list[dict[str, str | Path]] = []
    first_use: dict[str | Path, datetime] = {}
    for candidate in batch.candidates:
        refs: dict[str, str | Path] = {}
        if candidate.data is not None:
            folder = local_root / PurePosixPath(candidate.label).parent if local_root else None
            for url in image_urls(candidate.data):
                target = _target(url, folder, local_root)
                if target is not None:
                    refs[url] = target
                    first_use.setdefault(target, candidate.data.published_at or utcnow())
        per_post.append(refs)
    if on_total:
        on_total(len(first_use))

    result = ImageResult()
    stored: dict[str | Path, str] = {}
    limit = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(
        follow_redirects=True, timeout=time_limit, headers={"User-Agent": USER_AGENT}
    ) as client:

        async def fetch_one(target: str | Path, when: datetime) -> None:
            async with limit:
                try:
                    data = await _read(client, target, max_bytes)
                    extension = check_image(data)
                    stored[target] = store_image(media_dir, data, str(target), when, extension)
                    result.downloaded += 1
                except ImageRejected as exc:
                    result.failures.append(ImageFailure(url=str(target), reason=str(exc)))
            if on_done:
                on_done(1)

        await asyncio.gather(*(fetch_one(t, when) for t, when in first_use.items()))

    for candidate, refs in zip(batch.candidates, per_post, strict=True):
        mapping = {url: stored[target] for url, target in refs.items() if target in stored}
        if candidate.data is not None and mapping:
            candidate.data = rewrite(candidate.data, mapping)
    result.failures.sort(key=lambda failure: failure.url)
    return result


def image_urls(data: PostInput) -> list[str]:
    """The feature image and every image in the body, as written, in order, once each."""
    found = [data.feature_image] if data.feature_image else []
    found += [src for tag in _IMG_TAG.findall(data.source) if (src := _src_of(tag))]
    if data.source_format == "markdown":
        found += [match.group(2) for match in _MD_IMAGE.finditer(data.source)]
    return list(dict.fromkeys(url.strip() for url in found if url.strip()))


def relative_images(data: PostInput) -> list[str]:
    """Images referred to by a path (files of the imported site), not by a full URL."""
    return [
        url for url in image_urls(data) if not urlsplit(url).scheme and not url.startswith("//")
    ]


def _src_of(tag: str) -> str | None:
    found = _SRC.search(tag)
    if found is None:
        return None
    return html.unescape(next(group for group in found.groups() if group is not None))


def _target(url: str, folder: Path | None, local_root: Path | None) -> str | Path | None:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return url
    if parts.scheme or parts.netloc or local_root is None or folder is None:
        return None  # data:, mailto:, protocol-relative... left alone
    return find_local_file(unquote(parts.path), folder, local_root)


def find_local_file(path: str, folder: Path, root: Path) -> Path | None:
    """The file a Markdown image path points at, searched as Hugo and Jekyll would serve it.

    A relative path is next to the Markdown file; a site-absolute one (``/images/a.png``) is
    looked for in the imported folder and the two folders above it (the site's root when
    ``content/posts`` was given), directly or under ``static/``. Nothing outside is read.
    """
    if not path:
        return None
    top = root.resolve()
    for _ in range(2):
        top = top.parent if top.parent != top else top
    if path.startswith("/"):
        bases = [
            base / sub for base in (root, root.parent, root.parent.parent) for sub in ("", "static")
        ]
    else:
        bases = [folder]
    for base in bases:
        candidate = (base / path.lstrip("/")).resolve()
        if candidate.is_relative_to(top) and candidate.is_file():
            return candidate
    return None


async def _read(client: httpx.AsyncClient, target: str | Path, max_bytes: int) -> bytes:
    if isinstance(target, Path):
        return await asyncio.to_thread(_read_local, target, max_bytes)
    try:
        async with client.stream("GET", target) as response:
            if response.status_code >= 400:
                raise ImageRejected(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise ImageRejected(f"larger than {max_bytes // (1024 * 1024)} MB")
            chunks, size = [], 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise ImageRejected(f"larger than {max_bytes // (1024 * 1024)} MB")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.TimeoutException:
        raise ImageRejected("no answer in time") from None
    except httpx.HTTPError as exc:
        raise ImageRejected(describe_http_error(exc)) from None


def _read_local(path: Path, max_bytes: int) -> bytes:
    try:
        if path.stat().st_size > max_bytes:
            raise ImageRejected(f"larger than {max_bytes // (1024 * 1024)} MB")
        return path.read_bytes()
    except OSError as exc:
        raise ImageRejected(f"cannot read it: {exc.strerror or exc}") from None


def rewrite(data: PostInput, mapping: dict[str, str]) -> PostInput:
    """``data`` with every image URL in ``mapping`` pointing at its local copy."""
    update: dict[str, str] = {"source": rewrite_html(data.source, mapping)}
    if data.source_format == "markdown":
        update["source"] = _MD_IMAGE.sub(
            lambda m: m.group(1) + mapping.get(m.group(2), m.group(2)) + m.group(3),
            update["source"],
        )
    if data.feature_image and data.feature_image.strip() in mapping:
        update["feature_image"] = mapping[data.feature_image.strip()]
    return data.model_copy(update=update)


def rewrite_html(source: str, mapping: dict[str, str]) -> str:
    """Point each ``<img>`` whose src is in ``mapping`` at the copy; drop its old srcset."""

    def replace(tag: re.Match[str]) -> str:
        src = _src_of(tag.group(0))
        if src is None or src.strip() not in mapping:
            return tag.group(0)
        local = html.escape(mapping[src.strip()])
        # The srcset lists the old host's resized copies, which were not downloaded.
        cleaned = _RESPONSIVE.sub("", tag.group(0))
        return _SRC.sub(lambda _: f'src="{local}"', cleaned, count=1)

    return _IMG_TAG.sub(replace, source)
