"""``--download-images``: fetch each post's images into the media folder and point at the copies.

Feature images and every ``<img src>`` (and Markdown ``![](...)``) over http(s) are downloaded,
once per URL, a few at a time. For a Markdown folder, images referenced by a relative path are
copied from the folder too. Whatever cannot be fetched, or is not really an image, is reported
and keeps its original URL.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from inkwell.content.service import PostInput
from inkwell.core.fetch import Fetcher, FetchError, describe_size
from inkwell.core.time import utcnow
from inkwell.importers.image_files import MAX_IMAGE_BYTES, ImageRejected, check_image, store_image
from inkwell.importers.report import Batch, ImageFailure
from inkwell.importers.sources import USER_AGENT
from inkwell.render.html_tokens import render_tokens, rewrite_tag, tokenize

CONCURRENCY = 8
TIMEOUT = 20.0
# The old host's resized copies in ``srcset`` (and their ``sizes``) are not downloaded.
_RESPONSIVE = frozenset({"srcset", "sizes"})
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
    allowed_hosts: Collection[str] = (),
) -> ImageResult:
    """Download (or copy, with ``local_root``) every image of ``batch`` and rewrite its URLs.

    Downloads go through the guarded fetcher: public addresses, or ``allowed_hosts``, only.
    """
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
    async with Fetcher(
        allowed_hosts=allowed_hosts,
        max_bytes=max_bytes,
        time_limit=time_limit,
        user_agent=USER_AGENT,
    ) as fetcher:

        async def fetch_one(target: str | Path, when: datetime) -> None:
            async with limit:
                try:
                    data = await _read(fetcher, target, max_bytes)
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
    found += [src for _, src in _img_tags(data.source)]
    if data.source_format == "markdown":
        found += [match.group(2) for match in _MD_IMAGE.finditer(data.source)]
    return list(dict.fromkeys(url.strip() for url in found if url.strip()))


def relative_images(data: PostInput) -> list[str]:
    """Images referred to by a path (files of the imported site), not by a full URL."""
    return [
        url for url in image_urls(data) if not urlsplit(url).scheme and not url.startswith("//")
    ]


def _img_tags(source: str) -> list[tuple[int, str]]:
    """(token index, src) of every ``<img>`` with a src, by the render layer's tokenizer."""
    found = []
    for index, token in enumerate(tokenize(source)):
        src = token.get("src") if token.kind == "start" and token.name == "img" else None
        if src:
            found.append((index, src))
    return found


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


async def _read(fetcher: Fetcher, target: str | Path, max_bytes: int) -> bytes:
    if isinstance(target, Path):
        return await asyncio.to_thread(_read_local, target, max_bytes)
    try:
        return (await fetcher.get(target)).data
    except FetchError as exc:
        # The failure list names the image's URL already.
        raise ImageRejected(exc.reason) from None


def _read_local(path: Path, max_bytes: int) -> bytes:
    try:
        if path.stat().st_size > max_bytes:
            raise ImageRejected(f"larger than {describe_size(max_bytes)}")
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
    """Point each ``<img>`` whose src is in ``mapping`` at the copy; drop its old srcset.

    Only those tags change; the rest of ``source`` is kept byte for byte.
    """
    tokens = tokenize(source)
    replaced: dict[int, str] = {}
    for index, src in _img_tags(source):
        local = mapping.get(src.strip())
        if local is not None:
            replaced[index] = rewrite_tag(source, tokens[index], {"src": local}, _RESPONSIVE)
    return render_tokens(source, tokens, replaced)
