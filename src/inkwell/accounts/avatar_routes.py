"""``GET /avatars/identicon/CODE.svg`` and ``/avatars/initials/CODE.svg``: the pictures
``avatars.avatar_url`` names, drawn from their address alone (no database, no state), so any
worker answers and browsers keep them for a year."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from inkwell.accounts import avatars

router = APIRouter(prefix=avatars.PATH, include_in_schema=False)
HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    # An SVG opened on its own is a document: it may draw, never run or fetch anything.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
}


@router.get("/{kind}/{code}.svg")
async def avatar(kind: str, code: str) -> Response:
    """The avatar at this address, or 404 for one this site never makes."""
    svg = avatars.svg_for(kind, code)
    if svg is None:
        return Response("No such avatar.", status_code=404, media_type="text/plain")
    return Response(svg, media_type="image/svg+xml", headers=HEADERS)
