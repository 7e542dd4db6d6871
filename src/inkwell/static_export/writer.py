"""Writes fetched responses as files a static host serves at the same URLs."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from inkwell.core.http.compression import MIN_SIZE, compress, is_compressible

# Static hosts pick a type by extension; these files say what our extension-less URLs are.
_HEADERS_FILE = "_headers"
_REDIRECTS_FILE = "_redirects"


class UnsafePath(ValueError):
    """A URL path that would escape the output folder."""


def file_for(out_dir: Path, url_path: str) -> Path:
    """The file that answers ``url_path``: folders get ``index.html``."""
    parts = PurePosixPath(url_path).parts[1:]
    if any(part in ("..", ".") for part in parts):
        raise UnsafePath(url_path)
    target = out_dir.joinpath(*parts) if parts else out_dir
    if url_path.endswith("/"):
        target = target / "index.html"
    return target


def write(out_dir: Path, url_path: str, body: bytes, content_type: str) -> list[Path]:
    """Write ``body`` for ``url_path`` and, for text, pre-compressed ``.gz`` and ``.br`` twins."""
    target = file_for(out_dir, url_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    written = [target]
    if is_compressible(content_type) and len(body) >= MIN_SIZE:
        for encoding, suffix in (("gzip", ".gz"), ("br", ".br")):
            twin = target.with_name(target.name + suffix)
            twin.write_bytes(compress(body, encoding))
            written.append(twin)
    return written


def redirect_page(location: str) -> bytes:
    """A page that sends browsers on to ``location`` where a host cannot answer 301."""
    escaped = location.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<title>Moved</title><link rel="canonical" href="{escaped}">'
        f'<meta http-equiv="refresh" content="0; url={escaped}"></head>'
        f'<body><p>This page has moved to <a href="{escaped}">{escaped}</a>.</p></body></html>'
    ).encode()


def write_host_rules(out_dir: Path, types: dict[str, str], redirects: dict[str, str]) -> None:
    """``_headers`` (content types of folder URLs) and ``_redirects`` (301s), as many hosts read."""
    header_lines = []
    for path, content_type in sorted(types.items()):
        header_lines += [path, f"  Content-Type: {content_type}"]
    (out_dir / _HEADERS_FILE).write_text("\n".join(header_lines) + "\n", encoding="utf-8")
    redirect_lines = [f"{old} {new} 301" for old, new in sorted(redirects.items())]
    (out_dir / _REDIRECTS_FILE).write_text("\n".join(redirect_lines) + "\n", encoding="utf-8")
