"""The comments widget in a real browser, on the blog's own post page: a guest's conversation
(post, reply, edit and delete their own), likes, signing in with an emailed link, moderation
in the admin, privacy (no other host, no cookie before sign-in), the keyboard, the dark scheme,
and the page without JavaScript.

The site is ``inkwell serve`` with demo content (``comment_site``): comments are shown at once,
except one with more than one link, which waits for a moderator.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import CommentSite, Tools

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def posts(comment_site: CommentSite) -> list[str]:
    """The demo posts' URLs (each test talks under its own, so counts stay its own)."""
    with urllib.request.urlopen(comment_site.base + "/sitemap-posts.xml", timeout=10) as answer:
        sitemap = answer.read().decode("utf-8")
    return re.findall(r"<loc>([^<]+)</loc>", sitemap)


def post_id_of(url: str) -> str:
    """The post id the page's widget script names."""
    with urllib.request.urlopen(url, timeout=10) as answer:
        html = answer.read().decode("utf-8")
    found = re.search(r'data-post-id="([^"]+)"', html)
    assert found, "the post page embeds no widget"
    return found.group(1)


def api_comment(site: CommentSite, post_url: str, name: str, body: str) -> dict[str, Any]:
    """Post a comment as another guest, through the JSON API (with the listing's form token,
    as the widget sends it: a client without one is held)."""
    post_id = post_id_of(post_url)
    with urllib.request.urlopen(f"{site.base}/api/comments?post_id={post_id}") as answer:
        token = json.loads(answer.read())["meta"]["form_token"]
    payload = {"post_id": post_id, "name": name, "body": body, "form_token": token}
    request = urllib.request.Request(
        site.base + "/api/comments",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        posted: dict[str, Any] = json.loads(answer.read())
    return posted


def open_post(browser: Any, url: str, **options: Any) -> Any:
    """A new context's page on ``url`` with the widget loaded (confirmations accepted)."""
    context = browser.new_context(viewport=DESKTOP, **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(url)
    if options.get("java_script_enabled", True):
        widget_ready(page)
    return page


def widget_ready(page: Any) -> None:
    """Wait until the widget has taken the section over and loaded the thread."""
    page.locator("section.ikc form.ikc-form textarea").first.wait_for()
    loaded = "() => /\\d+ comments?/.test(document.querySelector('#ikc-title')?.textContent)"
    page.wait_for_function(loaded)


def comment(page: Any, text: str) -> Any:
    """The comment (its list item) whose body says ``text``."""
    return page.locator("li.ikc-comment").filter(
        has=page.locator(":scope > article .ikc-body", has_text=text)
    )


def status(page: Any) -> Any:
    return page.locator("section.ikc .ikc-status")


def write_as_guest(page: Any, name: str, body: str) -> None:
    form = page.locator("section.ikc > .ikc-form-box form")
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("Your comment", exact=True).fill(body)
    form.get_by_role("button", name="Post comment").click()


def test_guest_posts_replies_edits_and_deletes_their_own(browser: Any, posts: list[str]) -> None:
    page = open_post(browser, posts[0])
    try:
        write_as_guest(page, "Grace", "A first thought on this.")
        mine = comment(page, "A first thought on this.")
        mine.wait_for()
        status(page).filter(has_text="Your comment is posted.").wait_for()

        mine.get_by_role("button", name="Reply").click()
        reply_form = mine.locator("form")
        reply_form.get_by_label("Your reply", exact=True).fill("And a second one.")
        reply_form.get_by_role("button", name="Post reply").click()
        reply = mine.locator("ol.ikc-replies > li").filter(has_text="And a second one.")
        reply.wait_for()

        # The edit token is the browser's: a reload keeps the right to edit.
        page.reload()
        widget_ready(page)
        reply = page.locator("#" + str(reply.get_attribute("id")))
        reply.get_by_role("button", name="Edit").click()
        reply.get_by_label("Edit your comment").fill("And a *better* second one.")
        reply.get_by_role("button", name="Save").click()
        reply.locator(".ikc-body em", has_text="better").wait_for()
        assert reply.locator(".ikc-edited").is_visible()

        first = comment(page, "A first thought on this.")
        first.locator(":scope > article").get_by_role("button", name="Delete").click()
        status(page).filter(has_text="Comment deleted.").wait_for()
        page.reload()
        widget_ready(page)
        assert comment(page, "A first thought on this.").count() == 0
        # The reply stays, under a placeholder where its parent was.
        assert comment(page, "better").count() == 1
    finally:
        page.context.close()


def test_a_reader_likes_a_comment_once_and_another_reader_adds_theirs(
    browser: Any, comment_site: CommentSite, posts: list[str]
) -> None:
    api_comment(comment_site, posts[1], "Linus", "Worth a like.")
    first = open_post(browser, posts[1])
    second = open_post(browser, posts[1])
    try:
        like = comment(first, "Worth a like.").get_by_role("button", name=re.compile("^Like"))
        like.click()
        status(first).filter(has_text="Liked. 1 like.").wait_for()
        like.click()
        status(first).filter(has_text="You already like this comment.").wait_for()
        assert like.get_attribute("aria-pressed") == "true"

        other = comment(second, "Worth a like.").get_by_role("button", name=re.compile("^Like"))
        other.click()
        status(second).filter(has_text="Liked.").wait_for()
        assert other.locator(".ikc-n").inner_text() == "2"
    finally:
        first.context.close()
        second.context.close()


def test_reading_and_commenting_touch_only_the_blog_and_set_no_cookie_until_sign_in(
    browser: Any, comment_site: CommentSite, posts: list[str]
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    hosts: set[str] = set()
    context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page = context.new_page()
    try:
        page.goto(posts[2])
        widget_ready(page)
        write_as_guest(page, "Ada", "Reading and writing, no cookie.")
        comment(page, "Reading and writing, no cookie.").wait_for()
        assert context.cookies() == []
        assert hosts == {urlsplit(comment_site.base).netloc}

        sent_before = len(comment_site.smtp.messages)
        page.get_by_text("Sign in with email").click()
        page.get_by_label("Your email").fill("ada@e2e.example")
        page.get_by_role("button", name="Email me a sign-in link").click()
        status(page).filter(has_text="Check your inbox").wait_for()
        assert context.cookies() == []
        link = emailed_link(comment_site, sent_before)
        page.goto(link)
        page.get_by_label("Your name, as shown with your comments").fill("Ada Reader")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(re.escape(urlsplit(posts[2]).path)))
        widget_ready(page)
        page.locator(".ikc-auth", has_text="Signed in as Ada Reader").wait_for()
        assert [c["name"] for c in context.cookies()] == ["inkwell_reader"]

        # Signed in, the form asks no name: the comment is the reader's.
        form = page.locator("section.ikc > .ikc-form-box form")
        assert form.get_by_label("Name", exact=True).count() == 0
        form.get_by_label("Your comment", exact=True).fill("Now as a signed-in reader.")
        form.get_by_role("button", name="Post comment").click()
        signed = comment(page, "Now as a signed-in reader.")
        assert signed.locator(".ikc-name").inner_text() == "Ada Reader"

        page.get_by_role("button", name="Sign out").click()
        status(page).filter(has_text="Signed out.").wait_for()
        assert context.cookies() == []
    finally:
        context.close()


def emailed_link(site: CommentSite, sent_before: int) -> str:
    """The sign-in link in the first mail after ``sent_before`` that holds one (waits for it).

    Other mail, such as the owner's notice of a new comment, may arrive in between.
    """
    pattern = re.compile(r"https?://\S+/comments/auth/email/\S+")
    texts: list[str] = []
    for _ in range(100):
        texts = [
            message.get_body(preferencelist=("plain",)).get_content()
            for message in site.smtp.messages[sent_before:]
        ]
        for text in texts:
            found = pattern.search(text)
            if found:
                return found.group(0)
        time.sleep(0.1)
    raise AssertionError(f"no sign-in link was mailed; mails seen: {texts!r}")


def staff_signed_in(browser: Any, site: CommentSite) -> Any:
    """A context signed in to the admin as the site's administrator."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(site.base + "/admin/")
    page.get_by_label("Email", exact=True).fill(site.staff_email)
    page.get_by_label("Password", exact=True).fill(site.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site.base + "/admin/")
    return context


def test_a_held_comment_appears_once_a_moderator_approves_it(
    browser: Any, comment_site: CommentSite, posts: list[str]
) -> None:
    held = "See https://one.example and https://two.example too."
    page = open_post(browser, posts[3])
    staff = staff_signed_in(browser, comment_site)
    try:
        write_as_guest(page, "Hedy", held)
        status(page).filter(has_text="waiting for moderation").wait_for()
        # Its writer sees it, marked; another reader does not.
        assert comment(page, "two.example").locator(".ikc-notice").is_visible()
        stranger = open_post(browser, posts[3])
        assert comment(stranger, "two.example").count() == 0

        queue = staff.pages[0]
        queue.goto(comment_site.base + "/admin/comments/?status=pending")
        queue.get_by_role("button", name="Approve the comment by Hedy").click()
        queue.get_by_role("status").first.wait_for()

        stranger.reload()
        widget_ready(stranger)
        shown = comment(stranger, "two.example")
        assert shown.locator(".ikc-name", has_text="Hedy").is_visible()
        assert shown.locator(".ikc-notice").count() == 0
        stranger.context.close()
    finally:
        page.context.close()
        staff.close()


def tab_to(page: Any, name: str) -> list[str]:
    """Press Tab until the field ``name`` has the focus; the names of the fields passed."""
    passed: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        passed.append(page.evaluate("() => document.activeElement.name || ''"))
        if passed[-1] == name:
            return passed
    raise AssertionError(f"Tab never reached {name!r}: {passed}")


def test_keyboard_alone_writes_and_posts_a_comment(browser: Any, posts: list[str]) -> None:
    page = open_post(browser, posts[2])
    try:
        passed = tab_to(page, "name")
        page.keyboard.type("Keyboard Kay")
        passed += tab_to(page, "body")
        page.keyboard.type("Typed without a mouse.")
        passed += tab_to(page, "notify_replies")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.textContent") == "Post comment"
        page.keyboard.press("Enter")
        live = page.locator("section.ikc [aria-live=polite]")
        live.filter(has_text="Your comment is posted.").wait_for()
        # Focus moves to the new comment, so a screen reader reads it next.
        mine = comment(page, "Typed without a mouse.")
        assert mine.evaluate("el => el === document.activeElement")
    finally:
        page.context.close()
    assert "honeypot" not in passed


def test_widget_has_no_serious_accessibility_violations_light_or_dark(
    browser: Any, comment_site: CommentSite, posts: list[str], tools: Tools
) -> None:
    api_comment(comment_site, posts[1], "Axel", "Checked by *axe*, with `code`.")
    found = {}
    for scheme in ("light", "dark"):
        page = open_post(browser, posts[1], color_scheme=scheme)
        try:
            comment(page, "Checked by").wait_for()
            page.add_script_tag(path=str(tools.axe))
            result = page.evaluate(
                """async () => await axe.run('section.ikc', {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
            )
            found[scheme] = [
                f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
        finally:
            page.context.close()
    assert found == {"light": [], "dark": []}


def test_dark_scheme_darkens_the_widget(browser: Any, posts: list[str]) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        page = open_post(browser, posts[0], color_scheme=scheme)
        try:
            colours[scheme] = page.evaluate(
                """() => {
                    const text = getComputedStyle(document.querySelector('section.ikc')).color;
                    const box = getComputedStyle(document.querySelector('section.ikc textarea'));
                    return [text, box.backgroundColor];
                }"""
            )
        finally:
            page.context.close()
    assert colours["light"] != colours["dark"]
    text, field = colours["dark"]
    assert _lightness(text) > 0.7 and _lightness(field) < 0.3, colours


def _lightness(css: str) -> float:
    """0 (black) to 1 (white): the mean of an ``rgb()`` colour's channels."""
    channels = [int(n) for n in re.findall(r"\d+", css)[:3]]
    return sum(channels) / (3 * 255)


def test_without_javascript_the_page_shows_comments_and_its_form_posts(
    browser: Any, comment_site: CommentSite, posts: list[str]
) -> None:
    api_comment(comment_site, posts[3], "Ken", "Shown without a script.")
    page = open_post(browser, posts[3], java_script_enabled=False)
    try:
        assert comment(page, "Shown without a script.").is_visible()
        form = page.locator("form.ikc-form")
        form.get_by_label("Name", exact=True).fill("Plain Pat")
        form.get_by_label("Your comment", exact=True).fill("Posted by a plain form.")
        form.get_by_role("button", name="Post comment").click()
        page.wait_for_url(re.compile(r"#comment-"))
        posted = comment(page, "Posted by a plain form.")
        assert posted.locator(".ikc-name", has_text="Plain Pat").is_visible()
    finally:
        page.context.close()
