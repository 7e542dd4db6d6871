"""The beacon script, ``stats.js``, as served: minified once per process and fingerprinted.

It changes only with a release, so its bytes and their hash are computed once; the routes
(in ``analytics.collect``) serve it at the configured path, ``?v=<hash>`` URLs for a year.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rjsmin  # type: ignore[import-untyped]

SOURCE = Path(__file__).resolve().parent / "static" / "stats.js"
MEDIA_TYPE = "text/javascript; charset=utf-8"


@dataclass(frozen=True)
class Beacon:
    """The script as served: minified bytes and a short hash of them (for ``?v=``)."""

    body: bytes
    version: str
    media_type: str = MEDIA_TYPE


@cache
def beacon() -> Beacon:
    """The minified beacon (read and minified on first use, then kept)."""
    body = rjsmin.jsmin(SOURCE.read_text(encoding="utf-8")).encode("utf-8")
    return Beacon(body=body, version=hashlib.sha256(body).hexdigest()[:12])


def versioned_url(path: str) -> str:
    """``path?v=<hash>``: the URL a page links the beacon by, kept by browsers for a year."""
    return f"{path}?v={beacon().version}"


def script_bytes() -> bytes:
    """The minified script, as served."""
    return beacon().body


def fingerprint() -> str:
    """A short hash of the served script: its ETag and its ``?v=`` value."""
    return beacon().version
