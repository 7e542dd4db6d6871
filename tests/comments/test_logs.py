"""The access log hides the tokens of comment email links, and keeps other comment paths."""

from __future__ import annotations

import logging

import pytest

from inkwell.comments import logs
from inkwell.core import access_log


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/comments/moderate/abc.def", "/comments/moderate/…"),
        ("/comments/unsubscribe/abc.def", "/comments/unsubscribe/…"),
        ("/comments/privacy/export/abc.def", "/comments/privacy/export/…"),
        ("/comments/privacy/delete/abc.def?x=1", "/comments/privacy/delete/…?x=1"),
        ("/comments/privacy", "/comments/privacy"),
        ("/api/comments?post_id=abc", "/api/comments?post_id=abc"),
    ],
)
def test_a_comment_link_loses_its_token_in_the_access_log(path: str, shown: str) -> None:
    logs.install()
    record = logging.LogRecord(
        access_log.ACCESS_LOGGER, logging.INFO, "", 0, '"%s %s"', ("GET", path), None
    )
    assert access_log.RedactSecrets().filter(record)
    assert record.getMessage() == f'"GET {shown}"'
