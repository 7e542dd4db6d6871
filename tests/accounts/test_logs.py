"""The access-log filter: secret links and API keys in queries lose their secret, other paths
stay as they are."""

from __future__ import annotations

import logging

import pytest

from inkwell.accounts import logs
from inkwell.core import access_log


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/admin/reset/abc123", "/admin/reset/…"),
        ("/admin/invite/abc123?x=1", "/admin/invite/…?x=1"),
        ("/p/abc123/", "/p/…/"),
        ("/admin/posts/", "/admin/posts/"),
        ("/about/", "/about/"),
        (
            "/ghost/api/content/posts/?key=22444f78447824223cefc48062",
            "/ghost/api/content/posts/?key=…",
        ),
        (
            "/ghost/api/content/posts/?include=tags&key=22444f78447824223cefc48062&limit=2",
            "/ghost/api/content/posts/?include=tags&key=…&limit=2",
        ),
        ("/ghost/api/admin/posts/?token=eyJhbGciOi.eyJ.sig", "/ghost/api/admin/posts/?token=…"),
        ("/search/?monkey=banana", "/search/?monkey=banana"),
    ],
)
def test_an_access_line_shows_no_token(path: str, shown: str) -> None:
    logs.install()
    record = logging.LogRecord(
        access_log.ACCESS_LOGGER,
        logging.INFO,
        "",
        0,
        '%s - "%s %s"',
        ("1.2.3.4", "GET", path),
        None,
    )
    assert access_log.RedactSecrets().filter(record)
    assert record.getMessage() == f'1.2.3.4 - "GET {shown}"'
