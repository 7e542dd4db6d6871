"""The comment settings form ``/admin/settings/comments/``: every setting round-trips through
the comments service; a refused value is named next to its field and nothing is stored; and the
editor's per-post comment switch. On SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import html as lxml_html

from inkwell.comments import service as comments
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.admin.conftest import SignIn, Staffer
from tests.factories import make_post

PATH = "/admin/settings/comments/"
SWITCHES = ("enabled", "on_pages", "guests", "magic_link", "social_login", "gravatar")


def form(**changes: Any) -> dict[str, Any]:
    """The form as the page sends it with the default settings, then ``changes``."""
    sent: dict[str, Any] = {
        "enabled": "1",
        "guests": "1",
        "magic_link": "1",
        "social_login": "1",
        "notify_authors": "1",
        "auto_close_days": "0",
        "default_sort": "oldest",
        "allowed_origins": "",
        "moderation": "first",
        "edit_window_minutes": "15",
        "max_length": "10000",
        "max_links": "3",
        "min_submit_seconds": "3",
        "per_address_per_hour": "20",
        "per_identity_per_hour": "10",
        "blocked_words": "",
        "akismet_key": "",
        "akismet_url": "https://rest.akismet.com",
    }
    sent.update(changes)
    return {key: value for key, value in sent.items() if value is not None}


async def stored(database: Database) -> comments.CommentSettings:
    async with database.session() as session:
        return await comments.read_settings(session)


async def test_the_form_shows_every_setting(owner: Staffer) -> None:
    page = lxml_html.fromstring((await owner.get(PATH)).text)
    names = set(page.xpath("//form[@action=$path]//*[@name]/@name", path=PATH)) - {"csrf_token"}
    assert names == set(comments.CommentSettings.model_fields)


async def test_saved_settings_are_stored_and_come_back_in_the_form(
    owner: Staffer, site_database: Database
) -> None:
    answer = await owner.post(
        PATH,
        form(
            moderation="all",
            edit_window_minutes="30",
            max_length="2,000",
            per_address_per_hour="5",
            blocked_words="Casino\ncheap pills, casino",
            allowed_origins="https://Other.example/",
            auto_close_days="90",
            on_pages="1",
        ),
    )
    assert answer.headers["location"] == f"{PATH}?done=settings"
    saved = await stored(site_database)
    assert (saved.moderation, saved.edit_window_minutes, saved.max_length) == ("all", 30, 2000)
    assert (saved.per_address_per_hour, saved.auto_close_days, saved.on_pages) == (5, 90, True)
    assert saved.blocked_words == ["casino", "cheap pills"]
    assert saved.allowed_origins == ["https://other.example"]
    page = (await owner.get(PATH)).text
    assert '<option value="all" selected>' in page
    assert "casino\ncheap pills</textarea>" in page


@pytest.mark.parametrize("switch", SWITCHES)
async def test_an_unticked_switch_is_stored_off(
    owner: Staffer, site_database: Database, switch: str
) -> None:
    await owner.post(PATH, form(**{switch: None}))
    saved = await stored(site_database)
    others = {name: getattr(saved, name) for name in SWITCHES if name != switch}
    assert getattr(saved, switch) is False
    assert others == {name: name != "on_pages" and name != "gravatar" for name in others}


async def test_gravatar_is_off_until_the_owner_ticks_it(
    owner: Staffer, site_database: Database
) -> None:
    assert (await stored(site_database)).gravatar is False
    page = (await owner.get(PATH)).text
    assert "a request to a third party" in page
    await owner.post(PATH, form(gravatar="1"))
    assert (await stored(site_database)).gravatar is True


BAD_VALUES = [
    ("moderation", "sometimes", "Input should be &#39;none&#39;, &#39;first&#39; or &#39;all&#39;"),
    ("default_sort", "random", "Input should be &#39;oldest&#39;, &#39;newest&#39; or &#39;best"),
    ("edit_window_minutes", "-1", "Input should be greater than or equal to 0."),
    ("edit_window_minutes", "a week", "Input should be a valid integer"),
    ("edit_window_minutes", "", "Input should be a valid integer"),
    ("max_length", "5", "Input should be greater than or equal to 10."),
    ("max_length", "1000000", "Input should be less than or equal to 100000."),
    ("per_address_per_hour", "0", "Input should be greater than or equal to 1."),
    ("per_identity_per_hour", "0", "Input should be greater than or equal to 1."),
    ("auto_close_days", "40000", "Input should be less than or equal to 36500."),
    ("allowed_origins", "example.org", "&#39;example.org&#39; is not an origin such as"),
    ("allowed_origins", "https://a.example/path", "is not an origin such as"),
    ("blocked_words", "casino\n" + "x" * 101, "A blocked word is at most 100 characters"),
    ("akismet_url", "ftp://spam.example", "is not an address such as https://rest.akismet.com"),
    ("akismet_key", "k" * 201, "String should have at most 200 characters"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_VALUES)
async def test_a_refused_value_is_named_at_its_field_and_nothing_is_stored(
    owner: Staffer, site_database: Database, field: str, value: str, message: str
) -> None:
    before = await stored(site_database)
    # Other changes in the same form are not stored either.
    answer = await owner.post(PATH, form(**{"moderation": "none", "guests": None, field: value}))
    assert answer.status_code == 422
    page = lxml_html.fromstring(answer.text)
    (error,) = page.xpath('//p[@class="field-error"]')
    assert error.get("id") == f"{field}-error"
    assert message in answer.text
    assert page.xpath(f'//*[@id="{field}"]/@aria-invalid') == ["true"]
    assert await stored(site_database) == before


async def test_a_refused_form_shows_what_was_typed(owner: Staffer) -> None:
    answer = await owner.post(PATH, form(max_length="5", blocked_words="spam\nscam"))
    assert "spam\nscam</textarea>" in answer.text
    assert 'id="max_length" name="max_length" value="5"' in answer.text


async def test_the_akismet_key_is_never_shown_and_kept_when_left_empty(
    owner: Staffer, site_database: Database
) -> None:
    await owner.post(PATH, form(akismet_key="abcdef123456wxyz"))
    page = (await owner.get(PATH)).text
    assert "abcdef123456wxyz" not in page
    assert "wxyz" in page
    await owner.post(PATH, form(moderation="all"))
    assert (await stored(site_database)).akismet_key == "abcdef123456wxyz"
    await owner.post(PATH, form(akismet_key_remove="1"))
    assert (await stored(site_database)).akismet_key == ""


async def test_only_those_who_manage_settings_see_the_form(sign_in: SignIn) -> None:
    editor = await sign_in("editor")
    assert (await editor.get(PATH)).status_code == 403
    assert (await editor.post(PATH, form())).status_code == 403


# --- the editor's per-post switch ------------------------------------------------------------


@pytest.fixture
async def post(site_database: Database) -> Post:
    async with site_database.session() as session:
        made = await make_post(session, title="A post to switch")
        await session.commit()
    return made


async def switch_of(database: Database, post: Post) -> bool | None:
    async with database.session() as session:
        return await comments.thread_switch(session, post.id)


async def test_the_editor_offers_the_switch_on_the_sites_rules(owner: Staffer, post: Post) -> None:
    page = lxml_html.fromstring((await owner.get(f"/admin/posts/{post.id}/edit")).text)
    assert page.xpath('//input[@name="comments"][@checked]/@value') == ["site"]
    assert "Readers may comment now." in page.xpath('string(//fieldset[@class="comment-switch"])')


@pytest.mark.parametrize(("choice", "stored_as"), [("closed", False), ("open", True)])
async def test_the_switch_is_stored_for_the_post(
    owner: Staffer, post: Post, site_database: Database, choice: str, stored_as: bool
) -> None:
    answer = await owner.post(f"/admin/posts/{post.id}/comments", {"comments": choice})
    assert answer.headers["location"] == f"/admin/posts/{post.id}/edit?done=comments-switch"
    assert await switch_of(site_database, post) is stored_as


async def test_a_closed_post_says_why_in_the_editor(owner: Staffer, post: Post) -> None:
    await owner.post(f"/admin/posts/{post.id}/comments", {"comments": "closed"})
    page = (await owner.get(f"/admin/posts/{post.id}/edit")).text
    assert "Comments are closed for this post." in page


async def test_an_unknown_switch_choice_is_a_400(
    owner: Staffer, post: Post, site_database: Database
) -> None:
    answer = await owner.post(f"/admin/posts/{post.id}/comments", {"comments": "maybe"})
    assert answer.status_code == 400
    assert "Choose open, closed or the site&#39;s settings." in answer.text
    assert await switch_of(site_database, post) is None


async def test_the_switch_of_an_unknown_post_is_a_404(owner: Staffer) -> None:
    answer = await owner.post(f"/admin/posts/{'0' * 24}/comments", {"comments": "closed"})
    assert answer.status_code == 404


async def test_an_author_cannot_switch_someone_elses_post(
    sign_in: SignIn, post: Post, site_database: Database
) -> None:
    author = await sign_in("author")
    answer = await author.post(f"/admin/posts/{post.id}/comments", {"comments": "closed"})
    assert answer.status_code == 403
    assert await switch_of(site_database, post) is None


async def test_the_switch_wants_the_csrf_token(
    owner: Staffer, post: Post, site_database: Database
) -> None:
    answer = await owner.http.post(f"/admin/posts/{post.id}/comments", data={"comments": "closed"})
    assert answer.status_code == 403
    assert await switch_of(site_database, post) is None
