"""The tokens of comment email links (moderation, unsubscribe, privacy), kept out of the
access log (``core.access_log``): each carries its signed token in the path."""

from __future__ import annotations

from inkwell.core import access_log


def install() -> None:
    """Name the comment links to the access-log filter (idempotent)."""
    access_log.hide_secrets(
        path_prefixes=(r"/comments/(?:moderate|unsubscribe|privacy/export|privacy/delete)/",)
    )
