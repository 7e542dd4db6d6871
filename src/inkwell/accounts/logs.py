"""Keep the secrets in URLs out of the server's access log.

Reset links (``/admin/reset/<token>``), invitations (``/admin/invite/<token>``), readers'
sign-in links (``/comments/auth/email/<token>``) and draft preview links (``/p/<token>/``)
carry their secret in the path; the Content API key travels in the query (``?key=``, as
Ghost's clients send it; Ghost's scheduler sends an Admin API JWT as ``?token=``), and so do
an OAuth provider's ``code`` and ``state`` on a reader's sign-in callback. uvicorn's access
log writes every request's path and query: a filter on that logger replaces each secret with
``…`` before the line is formatted, whatever handler writes it.
"""

from __future__ import annotations

import logging
import re

ACCESS_LOGGER = "uvicorn.access"
_SECRET_PATH = re.compile(r"(/admin/(?:reset|invite)/|/comments/auth/email/|/p/)[^/?#\s]+")
# A query parameter holding a secret, wherever it stands in the query string (``code`` and
# ``state``: an OAuth provider's callback to a reader's sign-in).
_SECRET_QUERY = re.compile(r"([?&](?:key|token|code|state)=)[^&#\s\"]+")


def redact(text: str) -> str:
    """``text`` with the token of every secret link and secret query value replaced by ``…``."""
    return _SECRET_QUERY.sub(r"\1…", _SECRET_PATH.sub(r"\1…", text))


class RedactSecretPaths(logging.Filter):
    """Rewrites a log record's message and arguments so that no secret link shows."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact in place; never drops the line."""
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


def install() -> None:
    """Add the filter to uvicorn's access logger (once, however many apps are made)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, RedactSecretPaths) for f in logger.filters):
        logger.addFilter(RedactSecretPaths())
