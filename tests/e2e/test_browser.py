"""The public site in a real browser: accessibility (axe), valid HTML (Nu), layout at 375px.

Screenshots of every page at desktop and phone widths, in light and dark schemes, are saved
under ``tests/e2e/artifacts/`` for a human to look at.
"""

from __future__ import annotations

import json
import re
import subprocess
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Tools

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
BLOCKING = ("serious", "critical")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# What the demo's card tour must show, each styled by the theme.
CARD_SELECTORS = [
    "figure.kg-image-card img[alt]",
    "figure.kg-code-card figcaption",
    "pre.highlight code",
    "div.kg-callout-card",
    "figure.kg-bookmark-card a.kg-bookmark-container",
    "div.kg-table-card-scroll table",
    "blockquote",
    ".footnotes",
]


def fetch(url: str) -> tuple[int, str]:
    """Status and body of ``url`` (404s included)."""
    request = urllib.request.Request(url)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture(scope="session")
def pages(server: str) -> dict[str, str]:
    """Name -> URL of the pages to check, found from the running site's sitemaps."""
    _, posts = fetch(server + "/sitemap-posts.xml")
    _, tags = fetch(server + "/sitemap-tags.xml")
    post_urls = re.findall(r"<loc>([^<]+)</loc>", posts)
    tag_urls = re.findall(r"<loc>([^<]+)</loc>", tags)
    # The demo's card tour shows every card type; any post will do if it is renamed.
    cards = next((u for u in post_urls if "card" in u), post_urls[0])
    return {
        "home": server + "/",
        "post": cards,
        "tag": tag_urls[0],
        "about": server + "/about/",
        "not-found": server + "/no-such-page/",
    }


def open_page(browser: Any, url: str, viewport: dict[str, int], scheme: str) -> Any:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="load")
    return page


def axe_violations(page: Any, axe: Path) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(axe))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})""",
        AXE_TAGS,
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [n["target"] for n in v["nodes"]][:3]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return "\n".join(lines)


NAMES = ["home", "post", "tag", "about", "not-found"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(
    browser: Any, pages: dict[str, str], tools: Tools, name: str, scheme: str
) -> None:
    page = open_page(browser, pages[name], DESKTOP, scheme)
    try:
        violations = axe_violations(page, tools.axe)
    finally:
        page.context.close()
    assert violations == [], describe(violations)


@pytest.mark.parametrize("name", NAMES)
def test_phone_layout_has_no_horizontal_scroll(
    browser: Any, pages: dict[str, str], tools: Tools, name: str
) -> None:
    page = open_page(browser, pages[name], PHONE, "light")
    try:
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        violations = axe_violations(page, tools.axe)
    finally:
        page.context.close()
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px viewport"
    assert violations == [], describe(violations)


@pytest.mark.parametrize("name", NAMES)
def test_screenshots(browser: Any, pages: dict[str, str], artifacts: Path, name: str) -> None:
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        for scheme in ("light", "dark"):
            page = open_page(browser, pages[name], viewport, scheme)
            try:
                target = artifacts / f"{name}-{label}-{scheme}.png"
                page.screenshot(path=str(target), full_page=True)
            finally:
                page.context.close()
            assert target.stat().st_size > 0


def test_pages_are_valid_html(pages: dict[str, str], artifacts: Path, tools: Tools) -> None:
    files = []
    for name, url in pages.items():
        status, html = fetch(url)
        assert status == (404 if name == "not-found" else 200), name
        target = artifacts / f"{name}.html"
        target.write_text(html, encoding="utf-8")
        files.append(str(target))
    result = subprocess.run(
        [tools.java, "-jar", str(tools.vnu), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout or result.stderr)["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    report = "\n".join(
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in errors
    )
    assert errors == [], report


def test_pages_work_without_javascript(browser: Any, pages: dict[str, str]) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(pages["post"])
        assert page.locator("h1").first.inner_text().strip()
        assert page.locator("pre.highlight span").count() > 0
    finally:
        context.close()


def test_post_shows_every_card_type(browser: Any, pages: dict[str, str]) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(pages["post"])
        missing = [sel for sel in CARD_SELECTORS if page.locator(sel).count() == 0]
    finally:
        context.close()
    assert missing == []


def test_focus_is_visible(browser: Any, pages: dict[str, str]) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(pages["home"])
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return [el.className, style.outlineStyle, style.outlineWidth];
            }"""
        )
    finally:
        context.close()
    assert focused[0] == "skip-link"
    assert focused[1] != "none"
    assert focused[2] != "0px"
