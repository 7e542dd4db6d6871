"""Keep the tokens of comment email links out of the server's access log.

Moderation, unsubscribe and privacy links carry their signed token in the path, and uvicorn's
access log writes every request's path. A filter on that logger replaces each token with ``…``
before the line is formatted, whatever handler writes it.
"""

from __future__ import annotations

import logging
import re

ACCESS_LOGGER = "uvicorn.access"
_SECRET_PATH = re.compile(
    r"(/comments/(?:moderate|unsubscribe|privacy/export|privacy/delete)/)[^/?#\s\"]+"
)


def redact(text: str) -> str:
    """``text`` with the token of every comment email link replaced by ``…``."""
    return _SECRET_PATH.sub(r"\1…", text)


class RedactCommentLinks(logging.Filter):
    """Rewrites a log record's message and arguments so that no link token shows."""

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
    if not any(isinstance(f, RedactCommentLinks) for f in logger.filters):
        logger.addFilter(RedactCommentLinks())
