"""Avatars made on this site: an identicon for a known email, initials for a name alone.

Both are small SVG documents served by this site at addresses that hold everything needed to
draw them (``/avatars/identicon/CODE.svg``, ``/avatars/initials/CODE.svg``): the code is the
picture's colour and pattern, never the email address or its hash, and the same person gets
the same address everywhere, so browsers fetch each one once (they are immutable) and a page
with 200 comments stays small. Gravatar is used only when the owner turned it on (it is a
request to a third party that learns which page the reader looked at); the caller passes that
choice in.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, unquote, urlencode

GRAVATAR = "https://www.gravatar.com/avatar/"
SIZE = 80
_GRID = 5
PATH = "/avatars"
# An identicon's code: its hue (3 hex digits) and its 15 pattern bits (4 hex digits).
IDENTICON_CODE = re.compile(r"([0-9a-f]{3})([0-7][0-9a-f]{3})")
# Initials' code: the hue, a dash, then one or two letters or digits as ``initials`` writes.
INITIALS_CODE = re.compile(r"([0-9a-f]{3})-(\w{1,2})")
_PATTERN_BITS = 15  # 5 rows x 3 columns, mirrored


def _digest(seed: str) -> bytes:
    return hashlib.sha256(seed.strip().lower().encode()).digest()


def _hue(digest: bytes) -> int:
    return int.from_bytes(digest[:2], "big") % 360


def _colour(hue: int) -> str:
    # Saturation and lightness fixed so that white text stays legible on any hue.
    return f"hsl({hue},55%,42%)"


def identicon_code(seed: str) -> str:
    """The code of ``seed``'s identicon: what of its SHA-256 the picture shows, no more."""
    digest = _digest(seed)
    pattern = int.from_bytes(digest[2:6], "big") & ((1 << _PATTERN_BITS) - 1)
    return f"{_hue(digest):03x}{pattern:04x}"


def identicon_svg(code: str) -> str:
    """A 5 x 5 mirrored pattern in one colour, drawn from an ``identicon_code``."""
    hue, bits = int(code[:3], 16) % 360, int(code[3:], 16)
    cell = SIZE // _GRID
    squares = []
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
        f'<g fill="{_colour(hue)}">{"".join(squares)}</g></svg>'
    )


def initials(name: str) -> str:
    """Up to two letters for ``name``: its first and last words' first letters."""
    words = [word for word in name.split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()[:2]  # "ß".upper() is two letters


def initials_code(name: str) -> str:
    """The code of ``name``'s initials picture: the colour (from the name) and the letters."""
    return f"{_hue(_digest(name or '?')):03x}-{initials(name)}"


def initials_svg(code: str) -> str:
    """A coloured disc with the initials an ``initials_code`` names, in its colour."""
    found = INITIALS_CODE.fullmatch(code)
    hue, text = (int(found.group(1), 16) % 360, found.group(2)) if found else (0, "?")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    half = SIZE // 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}"><circle cx="{half}" cy="{half}" r="{half}" '
        f'fill="{_colour(hue)}"/><text x="50%" y="50%" dy=".35em" '
        'text-anchor="middle" font-family="system-ui,sans-serif" font-size="32" '
        f'fill="#fff">{text}</text></svg>'
    )


def svg_for(kind: str, code: str) -> str | None:
    """The SVG at ``/avatars/KIND/CODE.svg``, or None for an address this site never makes."""
    code = unquote(code)
    if kind == "identicon" and IDENTICON_CODE.fullmatch(code):
        return identicon_svg(code)
    found = INITIALS_CODE.fullmatch(code)
    if kind == "initials" and found and found.group(2) == found.group(2).upper():
        return initials_svg(code)
    return None


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
        return f"{PATH}/identicon/{identicon_code(email)}.svg"
    return f"{PATH}/initials/{quote(initials_code(name))}.svg"
