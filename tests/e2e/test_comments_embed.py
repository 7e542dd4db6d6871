"""The widget embedded on another site with one ``<script>`` tag: it works on an origin the
allowed-origins setting names, and says why it cannot on one it does not (no crash)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import CommentSite
from tests.e2e.test_comments import browser, comment, status, write_as_guest  # noqa: F401

pytestmark = pytest.mark.e2e


def test_widget_on_an_allowed_site_shows_and_takes_comments(
    browser: Any,  # noqa: F811
    comment_site: CommentSite,
) -> None:
    context = browser.new_context()
    context.set_default_timeout(10_000)
    hosts: set[str] = set()
    context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(comment_site.allowed.page_url)
        page.locator("section.ikc textarea").wait_for()
        write_as_guest(page, "Elsewhere Eve", "Written on another site.")
        comment(page, "Written on another site.").wait_for()
        status(page).filter(has_text="Your comment is posted.").wait_for()
        page.reload()
        comment(page, "Written on another site.").wait_for()
        cookies = context.cookies()
    finally:
        context.close()
    assert errors == []
    assert cookies == []
    # The page's own site and the blog: nothing else.
    assert hosts == {
        urlsplit(url).netloc for url in (comment_site.allowed.origin, comment_site.base)
    }


def test_widget_on_a_site_not_allowed_says_so(
    browser: Any,  # noqa: F811
    comment_site: CommentSite,
) -> None:
    context = browser.new_context()
    context.set_default_timeout(10_000)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(comment_site.refused.page_url)
        message = status(page)
        message.wait_for()
        text = message.inner_text()
        # No form that could not post.
        forms = page.locator("section.ikc form").count()
    finally:
        context.close()
    host = urlsplit(comment_site.base).netloc
    assert f"Comments from {host} could not be loaded" in text, text
    assert "may not be allowed" in text, text
    assert forms == 0
    assert errors == []
