"""Avatars made on this site: an identicon for a known email, initials for a name alone.

Both are small SVG documents returned as ``data:`` URLs, so showing them makes no request at
all, to this site or another. Gravatar is used only when the owner turned it on (it is a
request to a third party that learns which page the reader looked at); the caller passes that
choice in.
"""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlencode

GRAVATAR = "https://www.gravatar.com/avatar/"
SIZE = 80
_GRID = 5


def _digest(seed: str) -> bytes:
    return hashlib.sha256(seed.strip().lower().encode()).digest()


def _colour(digest: bytes) -> str:
    # A hue from the hash; saturation and lightness fixed so that white text stays legible.
    hue = int.from_bytes(digest[:2], "big") % 360
    return f"hsl({hue},55%,42%)"


def identicon_svg(seed: str) -> str:
    """A 5 x 5 mirrored pattern in one colour, drawn from the SHA-256 of ``seed``."""
    digest = _digest(seed)
    cell = SIZE // _GRID
    squares = []
    bits = int.from_bytes(digest[2:6], "big")
    for row in range(_GRID):
        for column in range((_GRID + 1) // 2):
            if bits & 1:
                for x in {column, _GRID - 1 - column}:
                    squares.append(
                        f'<rect x="{x * cell}" y="{row * cell}" width="{cell}" height="{cell}"/>'
                    )
            bits >>= 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}"><rect width="{SIZE}" height="{SIZE}" fill="#eef0f3"/>'
        f'<g fill="{_colour(digest)}">{"".join(squares)}</g></svg>'
    )


def initials(name: str) -> str:
    """Up to two letters for ``name``: its first and last words' first letters."""
    words = [word for word in name.split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def initials_svg(name: str) -> str:
    """A coloured disc with the initials of ``name`` (the colour follows the name)."""
    text = initials(name)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    half = SIZE // 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}"><circle cx="{half}" cy="{half}" r="{half}" '
        f'fill="{_colour(_digest(name or "?"))}"/><text x="50%" y="50%" dy=".35em" '
        'text-anchor="middle" font-family="system-ui,sans-serif" font-size="32" '
        f'fill="#fff">{text}</text></svg>'
    )


def data_url(svg: str) -> str:
    """``svg`` as a ``data:image/svg+xml;base64`` URL."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def gravatar_url(email: str) -> str:
    """Gravatar's image for ``email`` (SHA-256 of the trimmed, lower-cased address)."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return GRAVATAR + digest + "?" + urlencode({"s": SIZE, "d": "identicon"})


def avatar_url(name: str, email: str | None, *, gravatar: bool) -> str:
    """The avatar to show for a commenter: Gravatar's when ``gravatar`` and an email is known,
    else an identicon of the email, else the initials of ``name``."""
    if email and "@" in email:
        if gravatar:
            return gravatar_url(email)
        return data_url(identicon_svg(email))
    return data_url(initials_svg(name))
