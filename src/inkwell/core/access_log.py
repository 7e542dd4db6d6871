"""Keep secrets in URLs out of the server's access log.

Some links carry their secret in the path (a password reset, an emailed comment link) or in
the query (an API key, an OAuth callback's ``code``). uvicorn's access log writes every
request's path and query, so one filter on that logger replaces each secret with ``…`` before
the line is formatted, whatever handler writes it. Each feature names its own secret links
with ``hide_secrets``; the filter is installed once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

ACCESS_LOGGER = "uvicorn.access"

_path_prefixes: set[str] = set()
_query_names: set[str] = set()
_patterns: tuple[re.Pattern[str], ...] = ()


def hide_secrets(*, path_prefixes: Iterable[str] = (), query_names: Iterable[str] = ()) -> None:
    """Redact the path segment after each of ``path_prefixes`` (regular expressions such as
    ``/admin/(?:reset|invite)/``) and the value of each query parameter in ``query_names``."""
    global _patterns
    _path_prefixes.update(path_prefixes)
    _query_names.update(query_names)
    found: list[re.Pattern[str]] = []
    if _path_prefixes:
        prefixes = "|".join(sorted(_path_prefixes))
        found.append(re.compile(rf"((?:{prefixes}))[^/?#\s\"]+"))
    if _query_names:
        names = "|".join(sorted(re.escape(name) for name in _query_names))
        found.append(re.compile(rf"([?&](?:{names})=)[^&#\s\"]+"))
    _patterns = tuple(found)
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, RedactSecrets) for f in logger.filters):
        logger.addFilter(RedactSecrets())


def redact(text: str) -> str:
    """``text`` with every registered secret replaced by ``…``."""
    for pattern in _patterns:
        text = pattern.sub(r"\1…", text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites a log record's message and arguments so that no registered secret shows."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact in place; never drops the line."""
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True
