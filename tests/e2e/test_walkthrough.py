"""A new user's walk through the admin: a draft's secret preview link opened in a signed-out
browser, and odd addresses answered with admin pages rather than a JSON dump."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import AdminSite
from tests.e2e.test_admin import signed_in

pytestmark = pytest.mark.e2e


def test_a_secret_preview_link_shows_the_draft_to_a_stranger(
    browser: Any, admin_site: AdminSite
) -> None:
    context = signed_in(browser, admin_site)
    try:
        page = context.pages[0]
        page.goto(admin_site.base + "/admin/posts/new")
        page.get_by_label("Title", exact=True).fill("Walkthrough draft")
        page.get_by_label("Content", exact=True).fill("Only for the people I send it to.")
        page.get_by_role("button", name="Save draft", exact=True).click()
        page.wait_for_url(re.compile(r"done=saved"))
        page.get_by_role("button", name="Create a preview link").click()
        link = page.get_by_label("Secret preview link").input_value()
        assert link.startswith(admin_site.base + "/p/")
        # The page is shown once: opening its address again goes back to the editor.
        page.goto(page.url)
        assert page.url.endswith("/edit")
    finally:
        context.close()
    stranger = browser.new_context()
    try:
        page = stranger.new_page()
        answer = page.goto(link)
        assert answer is not None and answer.status == 200
        assert page.get_by_role("heading", name="Walkthrough draft").is_visible()
        assert "noindex" in (page.locator('meta[name="robots"]').get_attribute("content") or "")
        assert stranger.cookies() == []
    finally:
        stranger.close()


def test_a_bad_page_number_is_an_admin_page(browser: Any, admin_site: AdminSite) -> None:
    context = signed_in(browser, admin_site)
    try:
        page = context.pages[0]
        answer = page.goto(admin_site.base + "/admin/posts/?page=abc")
        assert answer is not None and answer.status == 400
        assert page.get_by_role("heading", name="Not understood").is_visible()
        assert page.get_by_role("link", name="Back to the dashboard").is_visible()
    finally:
        context.close()
