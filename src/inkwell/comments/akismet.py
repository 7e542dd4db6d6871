"""The Akismet-compatible check, asked only when the owner set a key.

The request goes through core.fetch (no loopback or private address unless the operator
allowed the host). The key travels in the form body, never in a URL that could be logged.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from urllib.parse import urlencode

from inkwell.comments.settings import CommentSettings
from inkwell.comments.spam import CLEAN, Verdict
from inkwell.core.fetch import Fetcher, FetchError

log = logging.getLogger(__name__)
TIME_LIMIT = 10.0


async def akismet_verdict(
    settings: CommentSettings,
    fields: dict[str, str],
    *,
    allowed_hosts: Collection[str] = (),
) -> Verdict:
    """Ask the service whether the comment in ``fields`` is spam (Akismet's field names).

    "true" files it as spam; "false" lets it through; any other answer or a failure holds
    it for a moderator, since nobody could say it was not spam.
    """
    if not settings.akismet_key:
        return CLEAN
    url = settings.akismet_url.rstrip("/") + "/1.1/comment-check"
    form = {"api_key": settings.akismet_key, "comment_type": "comment", **fields}
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        async with Fetcher(allowed_hosts=allowed_hosts, time_limit=TIME_LIMIT) as fetcher:
            answer = await fetcher.post(url, urlencode(form).encode(), headers)
    except FetchError as exc:
        log.warning("spam check failed: %s", exc.reason)
        return Verdict("pending", "the spam check could not be reached")
    text = answer.data.decode("utf-8", "replace").strip()
    if text == "true":
        return Verdict("spam", "the spam check says spam")
    if text == "false":
        return CLEAN
    log.warning("spam check gave an unexpected answer (HTTP %s)", answer.status)
    return Verdict("pending", "the spam check gave no clear answer")
