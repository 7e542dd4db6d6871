"""The admin in a real browser: signing in, writing with the live preview, drag-and-drop upload,
the Preview button, publishing to the home page and ``/rss/``, autosave and a second tab's stale
save, a contributor's editor, the sign-in lockout, axe on every admin page (and the sign-in,
reset and invitation pages) in light and dark, screenshots to look at.

The site is ``inkwell serve`` with demo content on a fresh SQLite file (``admin_site``), its
staff made with ``inkwell user create``.
"""

from __future__ import annotations

import base64
import io
import itertools
import re
import time
import urllib.request
from email import message_from_bytes
from email import policy as email_policy
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.e2e.conftest import AdminSite, Tools

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
BLOCKING = ("serious", "critical")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
ADMIN_PAGES = {
    "dashboard": "/admin/",
    "posts": "/admin/posts/",
    "editor": "/admin/posts/new",
    "pages": "/admin/pages/",
    "tags": "/admin/tags/",
    "staff": "/admin/staff/",
    "settings": "/admin/settings/",
    "media": "/admin/media/",
    "redirects": "/admin/redirects/",
    "integrations": "/admin/integrations/",
    "integration": "integration",
    "account": "/admin/account/",
    # Found on the site as it is (a demo post, its first revision, a demo tag):
    "history": "history",
    "revision": "revision",
    "tag-edit": "tag-edit",
}
# Pages seen signed out; the reset and invitation forms need a link mailed to the outbox.
SIGNED_OUT_PAGES = ("sign-in", "reset-request", "reset-form", "invite-accept")


def _pixel_png() -> str:
    """A small PNG, base64-encoded, dropped onto the editor as a file."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "teal").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


PIXEL_PNG = _pixel_png()


def signed_in(
    browser: Any,
    site: AdminSite,
    role: str = "administrator",
    *,
    viewport: dict[str, int] = DESKTOP,
    scheme: str = "light",
    bypass_csp: bool = True,
    user_agent: str | None = None,
) -> Any:
    """A new browser context signed in through the sign-in form as ``role``."""
    # axe is injected as a script: the admin's CSP (script-src 'self') would refuse it.
    options: dict[str, Any] = {"user_agent": user_agent} if user_agent else {}
    context = browser.new_context(
        viewport=viewport, color_scheme=scheme, bypass_csp=bypass_csp, **options
    )
    page = context.new_page()
    page.goto(site.base + "/admin/")
    assert "/admin/signin" in page.url
    page.get_by_label("Email", exact=True).fill(site.emails[role])
    page.get_by_label("Password", exact=True).fill(site.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site.base + "/admin/")
    return context


def axe_violations(page: Any, axe: Path) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(axe))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})""",
        AXE_TAGS,
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def drop_image(page: Any, selector: str, name: str) -> None:
    """Drop a PNG file onto ``selector`` as a person dragging it from their desktop would."""
    page.evaluate(
        """([selector, name, data]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, {type: "image/png"}));
            const target = document.querySelector(selector);
            const init = {dataTransfer: transfer, bubbles: true, cancelable: true};
            target.dispatchEvent(new DragEvent("dragover", init));
            target.dispatchEvent(new DragEvent("drop", init));
        }""",
        [selector, name, PIXEL_PNG],
    )


def test_sign_in_shows_the_dashboard(browser: Any, admin_site: AdminSite) -> None:
    context = signed_in(browser, admin_site)
    try:
        page = context.pages[0]
        assert page.get_by_role("heading", name="Dashboard").is_visible()
        assert page.get_by_role("link", name="New post", exact=True).is_visible()
    finally:
        context.close()


def test_write_with_cards_and_an_image_then_publish(browser: Any, admin_site: AdminSite) -> None:
    context = signed_in(browser, admin_site)
    try:
        page = context.pages[0]
        page.get_by_role("link", name="New post", exact=True).click()
        page.get_by_label("Title", exact=True).fill("Written in the browser")
        content = page.get_by_label("Content", exact=True)
        content.fill("An opening line.\n\n```python\nprint('hello')\n```\n")
        content.press("End")
        page.get_by_role("button", name="Callout").click()
        preview = page.locator("#preview")
        preview.locator(".kg-callout-card").wait_for()
        assert preview.locator("pre.highlight").count() == 1
        drop_image(page, "#source", "pixel.png")
        status = page.locator("#upload-status")
        status.filter(has_text=re.compile("Uploaded|Not uploaded")).wait_for()
        assert "Uploaded pixel.png" in status.inner_text(), status.inner_text()
        inserted = r"() => document.getElementById('source').value.includes('](/content/images/')"
        page.wait_for_function(inserted)
        preview.locator("figure.kg-image-card img").wait_for()
        page.get_by_role("button", name="Publish", exact=True).click()
        page.wait_for_url(re.compile(r"done=published"))
        assert page.get_by_role("status").filter(has_text="Published.").is_visible()
    finally:
        context.close()
    assert "Written in the browser" in fetch(admin_site.base + "/")
    assert "Written in the browser" in fetch(admin_site.base + "/rss/")


def test_a_post_scheduled_a_minute_ahead_appears(browser: Any, admin_site: AdminSite) -> None:
    context = signed_in(browser, admin_site)
    try:
        page = context.pages[0]
        page.goto(admin_site.base + "/admin/posts/new")
        page.get_by_label("Title", exact=True).fill("Out in a minute")
        # The demo site's time zone is UTC: the field takes the wall-clock time there.
        soon = page.evaluate("() => new Date(Date.now() + 61000).toISOString().slice(0, 16)")
        page.get_by_label("Publish date", exact=True).fill(soon)
        page.get_by_role("button", name="Schedule", exact=True).click()
        page.wait_for_url(re.compile(r"done=scheduled"))
        assert "Out in a minute" not in fetch(admin_site.base + "/")
        # The scheduler in the serve process looks every 20 s: wait for the home page to show it.
        for _ in range(90):
            if "Out in a minute" in fetch(admin_site.base + "/"):
                break
            page.wait_for_timeout(2000)
    finally:
        context.close()
    assert "Out in a minute" in fetch(admin_site.base + "/")
    assert "Out in a minute" in fetch(admin_site.base + "/rss/")


def test_a_cross_site_form_post_is_refused(browser: Any, admin_site: AdminSite) -> None:
    context = signed_in(browser, admin_site)
    try:
        page = context.new_page()
        # A page of another origin posting to the admin with the signed-in browser's cookie.
        page.set_content(
            f'''<form method="post" action="{admin_site.base}/admin/settings/">
            <input name="title" value="Defaced"><input name="csrf_token" value="guess">
            <button>Go</button></form>'''
        )
        with page.expect_response(re.compile(r"/admin/settings/$")) as answer:
            page.get_by_role("button", name="Go").click()
        assert answer.value.status == 403
    finally:
        context.close()
    assert "Defaced" not in fetch(admin_site.base + "/")


def test_the_editor_works_without_javascript(browser: Any, admin_site: AdminSite) -> None:
    signed = signed_in(browser, admin_site)
    cookies = signed.cookies()
    signed.close()
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        context.add_cookies(cookies)
        page = context.new_page()
        page.goto(admin_site.base + "/admin/posts/new")
        assert page.locator("[data-toolbar]").is_hidden()  # the toolbar needs a script
        page.get_by_label("Title", exact=True).fill("Plain form, no script")
        page.get_by_label("Content", exact=True).fill("Written with **JavaScript** off.")
        page.get_by_role("button", name="Publish", exact=True).click()
        page.wait_for_url(re.compile(r"done=published"))
        assert "<strong>JavaScript</strong>" in page.locator("#preview").inner_html()
    finally:
        context.close()
    assert "Plain form, no script" in fetch(admin_site.base + "/")


def test_autosave_saves_a_new_draft(browser: Any, admin_site: AdminSite) -> None:
    context = signed_in(browser, admin_site)
    try:
        page = context.pages[0]
        page.goto(admin_site.base + "/admin/posts/new")
        page.get_by_label("Title", exact=True).fill("Saved by itself")
        page.get_by_label("Content", exact=True).fill("Typed, never saved by hand.")
        page.locator("#save-state").filter(has_text="Saved at").wait_for()
        assert re.search(r"/admin/posts/[0-9a-f]{24}/edit$", page.url)
    finally:
        context.close()


def test_a_second_tabs_stale_save_is_refused(browser: Any, admin_site: AdminSite) -> None:
    context = signed_in(browser, admin_site)
    try:
        first = context.pages[0]
        first.goto(admin_site.base + "/admin/posts/new")
        first.get_by_label("Title", exact=True).fill("Two tabs")
        first.get_by_role("button", name="Save draft").click()
        first.wait_for_url(re.compile(r"done=saved"))
        second = context.new_page()
        second.goto(first.url.split("?")[0])
        first.get_by_label("Content", exact=True).fill("Saved from the first tab.")
        first.get_by_role("button", name="Save draft").click()
        first.wait_for_url(re.compile(r"done=saved"))
        second.get_by_label("Content", exact=True).fill("Typed in the second tab.")
        state = second.locator("#save-state")
        state.filter(has_text="Not saved").wait_for()
        assert "changed elsewhere" in state.inner_text()
        second.get_by_role("button", name="Save draft").click()
        second.get_by_role("alert").filter(has_text="Not saved").wait_for()
        assert (
            second.get_by_label("Content", exact=True).input_value() == "Typed in the second tab."
        )
    finally:
        context.close()


def test_a_contributor_cannot_publish(browser: Any, admin_site: AdminSite) -> None:
    context = signed_in(browser, admin_site, "contributor")
    try:
        page = context.pages[0]
        page.goto(admin_site.base + "/admin/posts/new")
        assert page.get_by_role("button", name="Save draft").is_visible()
        assert page.get_by_role("button", name="Publish", exact=True).count() == 0
        assert page.get_by_role("link", name="Settings").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("name", sorted(ADMIN_PAGES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(
    browser: Any, admin_site: AdminSite, tools: Tools, name: str, scheme: str
) -> None:
    context = signed_in(browser, admin_site, scheme=scheme)
    try:
        page = context.pages[0]
        page.goto(admin_site.base + _path_of(page, admin_site, ADMIN_PAGES[name]))
        violations = axe_violations(page, tools.axe)
    finally:
        context.close()
    assert violations == [], describe(violations)


def _first_href(page: Any, pattern: str) -> str:
    """The first link on ``page`` whose href matches ``pattern``."""
    hrefs: list[str] = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    found = [h for h in hrefs if re.search(pattern, h)]
    assert found, f"no link matching {pattern} on {page.url}"
    return found[0]


_integrations = itertools.count(1)


def _path_of(page: Any, site: AdminSite, path: str) -> str:
    """``path``, or for a page found on the site, the path of the one it names."""
    if path.startswith("/"):
        return path
    if path == "tag-edit":
        page.goto(site.base + "/admin/tags/")
        return _first_href(page, r"^/admin/tags/[^/]+/edit$")
    if path == "integration":
        # A new one each time (the name is unique), with a webhook so that its table shows.
        page.goto(site.base + "/admin/integrations/")
        number = next(_integrations)
        page.get_by_label("Name", exact=True).fill(f"Probe {number}")
        page.get_by_role("button", name="Create integration").click()
        page.wait_for_url(re.compile(r"done=integration-created"))
        page.get_by_label("Event", exact=True).select_option("post.published")
        # One target per integration: a URL already told about an event is refused.
        page.get_by_label("Target URL", exact=True).fill(f"https://hooks.example.com/in/{number}")
        page.get_by_role("button", name="Add webhook").click()
        page.wait_for_url(re.compile(r"done=webhook-added"))
        return str(page.url).split("?")[0].removeprefix(site.base)
    # A post saved twice here: demo posts were imported, so they have no revisions yet.
    page.goto(site.base + "/admin/posts/new")
    page.get_by_label("Title", exact=True).fill("With a history")
    for text in ("First words.", "Second words."):
        page.get_by_label("Content", exact=True).fill(text)
        page.get_by_role("button", name="Save draft").click()
        page.wait_for_url(re.compile(r"done=saved"))
    history = page.url.split("?")[0].removeprefix(site.base).replace("/edit", "/history")
    if path == "history":
        return history
    page.goto(site.base + history)
    return _first_href(page, r"^/admin/posts/[0-9a-f]+/history/[0-9a-f]+$")


def _mailed_link(outbox: Path, kind: str, to: str) -> str:
    """The ``/admin/<kind>/...`` link of the newest mail to ``to`` (waits for the mail job)."""
    for _ in range(100):
        for path in sorted(outbox.glob("*.eml"), reverse=True):
            message: Any = message_from_bytes(path.read_bytes(), policy=email_policy.default)
            if to in str(message["To"]):
                found = re.search(
                    rf"/admin/{kind}/[A-Za-z0-9_-]+", message.get_body(("plain",)).get_content()
                )
                if found:
                    return found.group(0)
        time.sleep(0.1)
    raise AssertionError(f"no {kind} mail to {to} in {outbox}")


@pytest.fixture(scope="module")
def mailed_links(browser: Any, admin_site: AdminSite) -> dict[str, str]:
    """A reset link for the contributor and an invitation, asked for through the pages."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(admin_site.base + "/admin/reset")
        page.get_by_label("Email", exact=True).fill(admin_site.emails["contributor"])
        page.get_by_role("button", name="Send reset link").click()
        page.get_by_role("heading", name="Check your email").wait_for()
    finally:
        context.close()
    context = signed_in(browser, admin_site)
    try:
        page = context.pages[0]
        page.goto(admin_site.base + "/admin/staff/")
        page.get_by_label("Email", exact=True).fill("invitee@e2e.example")
        page.get_by_label("Role", exact=True).select_option("author")
        page.get_by_role("button", name="Send invitation").click()
        page.wait_for_load_state()
    finally:
        context.close()
    return {
        "sign-in": "/admin/signin",
        "reset-request": "/admin/reset",
        "reset-form": _mailed_link(admin_site.outbox, "reset", admin_site.emails["contributor"]),
        "invite-accept": _mailed_link(admin_site.outbox, "invite", "invitee@e2e.example"),
    }


@pytest.mark.parametrize("name", SIGNED_OUT_PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violations_signed_out(
    browser: Any,
    admin_site: AdminSite,
    tools: Tools,
    mailed_links: dict[str, str],
    name: str,
    scheme: str,
) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme, bypass_csp=True)
    try:
        page = context.new_page()
        answer = page.goto(admin_site.base + mailed_links[name])
        assert answer.status == 200, f"{name}: {answer.status}"
        page.locator("form").first.wait_for()
        violations = axe_violations(page, tools.axe)
    finally:
        context.close()
    assert violations == [], describe(violations)


def test_five_wrong_passwords_lock_the_account_for_a_while(
    browser: Any, admin_site: AdminSite
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    email = admin_site.emails["author"]
    try:
        page = context.new_page()
        page.goto(admin_site.base + "/admin/signin")
        for attempt in range(6):
            password = admin_site.password if attempt == 5 else f"wrong password {attempt}"
            page.get_by_label("Email", exact=True).fill(email)
            page.get_by_label("Password", exact=True).fill(password)
            with page.expect_response(re.compile(r"/admin/signin$")) as answer:
                page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()
            if attempt < 5:
                assert answer.value.status == 401, attempt
                assert "Wrong email or password" in page.get_by_role("alert").inner_text()
        assert answer.value.status == 429
        assert int(answer.value.headers["retry-after"]) > 0
        assert "Too many sign-in attempts" in page.get_by_role("alert").inner_text()
        assert "/admin/signin" in page.url
        assert [c for c in context.cookies() if c["name"] == "inkwell_session"] == []
    finally:
        context.close()


def test_the_preview_button_shows_the_unsaved_text(
    browser: Any, admin_site: AdminSite, tools: Tools
) -> None:
    context = signed_in(browser, admin_site)
    try:
        page = context.pages[0]
        page.goto(admin_site.base + "/admin/posts/new")
        page.get_by_label("Title", exact=True).fill("Seen before saving")
        page.get_by_label("Content", exact=True).fill("::: callout 💡 blue\nNot saved yet.\n:::\n")
        with context.expect_page() as opened:
            page.get_by_role("button", name="Preview", exact=True).click()
        preview = opened.value
        preview.wait_for_load_state()
        preview.locator(".kg-callout-card").filter(has_text="Not saved yet.").wait_for()
        assert "Seen before saving" in preview.content()
        violations = axe_violations(preview, tools.axe)
    finally:
        context.close()
    assert violations == [], describe(violations)
    assert "Seen before saving" not in fetch(admin_site.base + "/")


def test_the_theme_toggle_is_remembered(browser: Any, admin_site: AdminSite) -> None:
    context = signed_in(browser, admin_site, scheme="light")
    try:
        page = context.pages[0]
        page.get_by_role("button", name="Dark theme").click()
        page.reload()
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        assert page.get_by_role("button", name="Light theme").is_visible()
    finally:
        context.close()


def test_the_editor_stacks_on_a_phone(browser: Any, admin_site: AdminSite, tools: Tools) -> None:
    context = signed_in(browser, admin_site, viewport=PHONE)
    try:
        page = context.pages[0]
        page.goto(admin_site.base + "/admin/posts/new")
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        source = page.locator("#source").bounding_box()
        preview = page.locator("#preview").bounding_box()
    finally:
        context.close()
    assert widths[0] <= widths[1], f"the editor is {widths[0]}px wide in {widths[1]}px"
    assert preview["y"] > source["y"] + source["height"] - 1  # preview below the source


@pytest.mark.parametrize(
    ("name", "path", "viewport"),
    [
        ("dashboard", "/admin/", DESKTOP),
        ("posts-list", "/admin/posts/", DESKTOP),
        ("editor-desktop", "/admin/posts/new", DESKTOP),
        ("editor-phone", "/admin/posts/new", PHONE),
    ],
)
def test_screenshots(
    browser: Any,
    admin_site: AdminSite,
    artifacts: Path,
    name: str,
    path: str,
    viewport: dict[str, int],
) -> None:
    for scheme in ("light", "dark"):
        context = signed_in(browser, admin_site, viewport=viewport, scheme=scheme)
        try:
            page = context.pages[0]
            page.goto(admin_site.base + path)
            if path.endswith("/new"):
                page.get_by_label("Title", exact=True).fill("A tour of the editor")
                page.get_by_label("Content", exact=True).fill(
                    "Some *Markdown*.\n\n::: callout 💡 blue\nA callout card.\n:::\n\n"
                    "```python caption=\"A code card\"\nprint('hi')\n```\n"
                )
                page.locator("#preview .kg-callout-card").wait_for()
            target = artifacts / f"admin-{name}-{scheme}.png"
            page.screenshot(path=str(target), full_page=True)
        finally:
            context.close()
        assert target.stat().st_size > 0


def test_no_public_page_sets_a_cookie_after_signing_in(browser: Any, admin_site: AdminSite) -> None:
    """Crawl the demo site's public pages (and what they load) in a signed-in browser."""
    context = signed_in(browser, admin_site)
    cookied: list[str] = []
    seen: set[str] = set()

    def check(response: Any) -> None:
        url = response.url
        if url.startswith(admin_site.base) and not url.startswith(admin_site.base + "/admin"):
            seen.add(url)
            if "set-cookie" in response.all_headers():
                cookied.append(url)

    try:
        page = context.pages[0]
        page.on("response", check)
        queue = ["/", "/rss/", "/sitemap.xml", "/no-such-page/"]
        visited: set[str] = set()
        while queue and len(visited) < 60:
            path = queue.pop(0)
            if path in visited:
                continue
            visited.add(path)
            answer = page.goto(admin_site.base + path)
            if "text/html" not in answer.headers.get("content-type", ""):
                continue  # a feed or the sitemap: checked, no links to follow
            page.wait_for_load_state()
            for href in page.eval_on_selector_all(
                "a[href]", "els => els.map(e => e.getAttribute('href'))"
            ):
                local = href.removeprefix(admin_site.base).split("#")[0]
                if local.startswith("/") and not local.startswith(("/admin", "//")):
                    queue.append(local)
    finally:
        context.close()
    assert len(visited) > 10, visited  # the demo site's home, posts, tags, authors...
    assert any("/assets/" in url for url in seen), "stylesheets and scripts were loaded too"
    assert cookied == []


# What each toolbar button's card looks like in the preview.
TOOLBAR_CARDS = {
    "Image": "figure.kg-image-card",
    "Code": "pre",
    "Callout": ".kg-callout-card",
    "Bookmark": ".kg-bookmark-card",
    "Embed": ".kg-embed-card",
    "Quote": "blockquote.kg-blockquote-alt",
    "HTML": "div:text('Raw HTML, kept as written')",
    "Table": "table",
    "Divider": "hr",
}


def test_every_toolbar_button_inserts_its_card(browser: Any, admin_site: AdminSite) -> None:
    # With the admin's CSP in force: the embed card's frame must not reach its host.
    context = signed_in(browser, admin_site, bypass_csp=False)
    try:
        page = context.pages[0]
        page.goto(admin_site.base + "/admin/posts/new")
        toolbar = page.get_by_role("toolbar", name="Insert a card")
        content = page.get_by_label("Content", exact=True)
        for label, markup in TOOLBAR_CARDS.items():
            content.fill("")
            toolbar.get_by_role("button", name=label, exact=True).click()
            assert content.input_value().strip(), label
            page.locator("#preview").locator(markup).first.wait_for()
    finally:
        context.close()


def test_an_image_is_uploaded_by_paste_and_by_the_file_pickers(
    browser: Any, admin_site: AdminSite
) -> None:
    png = {"name": "picked.png", "mimeType": "image/png", "buffer": base64.b64decode(PIXEL_PNG)}
    context = signed_in(browser, admin_site)
    try:
        page = context.pages[0]
        page.goto(admin_site.base + "/admin/posts/new")
        status = page.locator("#upload-status")
        page.evaluate(
            """(data) => {
                const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "pasted.png", {type: "image/png"}));
                const paste = new ClipboardEvent("paste", {clipboardData: transfer,
                                                         bubbles: true, cancelable: true});
                document.getElementById("source").dispatchEvent(paste);
            }""",
            PIXEL_PNG,
        )
        status.filter(has_text="Uploaded pasted.png").wait_for()
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Upload image…").click()
        chooser.value.set_files(png)
        status.filter(has_text="Uploaded picked.png").wait_for()
        page.wait_for_function(
            "() => document.getElementById('source').value.split('](/content/images/').length == 3"
        )
        page.get_by_label("Upload a feature image", exact=True).set_input_files(png)
        page.locator("[data-feature-image-hint]").filter(has_text="Uploaded picked.png").wait_for()
        feature = page.locator("#feature_image").input_value()
    finally:
        context.close()
    assert feature.startswith("/content/images/")


def test_no_admin_page_asks_another_host(browser: Any, admin_site: AdminSite) -> None:
    context = signed_in(browser, admin_site)
    elsewhere: list[str] = []
    context.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((admin_site.base, "data:", "blob:"))
            else elsewhere.append(request.url)
        ),
    )
    try:
        page = context.pages[0]
        for name, path in ADMIN_PAGES.items():
            page.goto(admin_site.base + _path_of(page, admin_site, path))
            page.wait_for_load_state("networkidle")
            assert elsewhere == [], name
    finally:
        context.close()


def test_the_keyboard_alone_signs_in_and_opens_the_editor(
    browser: Any, admin_site: AdminSite
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(admin_site.base + "/admin/signin")
        # The email field takes the focus itself (autofocus): type only once it has it.
        page.wait_for_function("() => document.activeElement?.name === 'email'")
        page.keyboard.type(admin_site.emails["contributor"])
        page.keyboard.press("Tab")
        page.keyboard.type(admin_site.password)
        page.keyboard.press("Enter")
        page.wait_for_url(admin_site.base + "/admin/")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.textContent.trim()") == "New post":
                break
        page.keyboard.press("Enter")
        page.wait_for_url(admin_site.base + "/admin/posts/new")
        title = page.get_by_label("Title", exact=True)
        title.wait_for()
        assert page.url == admin_site.base + "/admin/posts/new"
        assert title.is_editable()
    finally:
        context.close()
