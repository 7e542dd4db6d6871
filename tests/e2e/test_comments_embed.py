"""The widget embedded on another site with one ``<script>`` tag: it works on an origin the
allowed-origins setting names, and says why it cannot on one it does not (no crash)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import CommentSite, Tools
from tests.e2e.test_comments import (
    comment,
    emailed_link,
    status,
    write_as_guest,
)

pytestmark = pytest.mark.e2e


def test_widget_on_an_allowed_site_shows_and_takes_comments(
    browser: Any,
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
    browser: Any,
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


def test_reader_signs_in_by_email_on_an_allowed_site_and_comments_there(
    browser: Any,
    comment_site: CommentSite,
) -> None:
    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(comment_site.allowed.page_url)
        page.locator("section.ikc textarea").wait_for()
        sent_before = len(comment_site.smtp.messages)
        page.get_by_text("Sign in with email").click()
        page.get_by_label("Your email").fill("eve@e2e.example")
        page.get_by_role("button", name="Email me a sign-in link").click()
        status(page).filter(has_text="Check your inbox").wait_for()
        page.goto(emailed_link(comment_site, sent_before))
        page.get_by_label("Your name, as shown with your comments").fill("Eve Elsewhere")
        page.get_by_role("button", name="Sign in").click()
        # Back on the other site, which keeps the handed token (this site's cookie is a
        # third-party one there).
        page.wait_for_url(comment_site.allowed.page_url + "*")
        page.locator(".ikc-auth", has_text="Signed in as Eve Elsewhere").wait_for()
        assert "inkwell-reader" not in page.url
        page.get_by_label("Your comment", exact=True).fill("Signed in on another site.")
        page.get_by_role("button", name="Post comment").click()
        mine = comment(page, "Signed in on another site.")
        assert mine.locator(".ikc-name").inner_text() == "Eve Elsewhere"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_embedded_widget_is_readable_on_a_plain_page(
    browser: Any,
    comment_site: CommentSite,
    tools: Tools,
    scheme: str,
) -> None:
    # The other site's page knows nothing of dark schemes: the widget must bring its own.
    context = browser.new_context(color_scheme=scheme)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(comment_site.allowed.page_url)
        page.locator("section.ikc textarea").wait_for()
        page.add_script_tag(path=str(tools.axe))
        result = page.evaluate(
            """async () => await axe.run('section.ikc', {runOnly: ['color-contrast']})"""
        )
    finally:
        context.close()
    assert [n["target"] for v in result["violations"] for n in v["nodes"]] == []
