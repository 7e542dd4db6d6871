"""Who moderates which comments in the admin (permission ``comments.moderate``): editors and
above every comment, an author their own posts' comments only, a contributor none; and every
form of the comment pages refuses a POST without the CSRF token, changing nothing."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from inkwell.comments import service as comments
from inkwell.core.db import Database
from tests.admin.conftest import COMMENTS as BASE
from tests.admin.conftest import Queue, SignIn, Staffer, comments_under, statuses


def ids_listed(text: str) -> list[str]:
    return [str(v) for v in lxml_html.fromstring(text).xpath('//input[@name="ids"]/@value')]


@pytest.fixture
async def author(sign_in: SignIn) -> Staffer:
    return await sign_in("author")


async def test_an_author_sees_only_their_own_posts_comments(
    author: Staffer, queue: Queue, site_database: Database
) -> None:
    (own,) = await comments_under(site_database, author, "pending")
    page = await author.get(BASE)
    assert ids_listed(page.text) == [own]


async def test_an_authors_counts_cover_their_own_posts_only(
    author: Staffer, queue: Queue, site_database: Database
) -> None:
    await comments_under(site_database, author, "pending", "pending")
    page = lxml_html.fromstring((await author.get(BASE)).text)
    counts = [span.text_content() for span in page.xpath('//span[@class="tab-count"]')]
    assert counts == ["2", "0", "0"]
    assert page.xpath('string(//span[@class="nav-count"])') == "2 waiting"


async def test_an_author_approves_a_comment_on_their_own_post(
    author: Staffer, site_database: Database
) -> None:
    (own,) = await comments_under(site_database, author, "pending")
    answer = await author.post(f"{BASE}{own}/approve")
    assert answer.status_code == 303
    assert (await statuses(site_database))[own] == "approved"


@pytest.mark.parametrize("action", ["approve", "spam", "delete"])
async def test_an_author_cannot_act_on_someone_elses_posts_comments(
    author: Staffer, queue: Queue, site_database: Database, action: str
) -> None:
    before = await statuses(site_database)
    answer = await author.post(f"{BASE}{queue.pending}/{action}")
    assert answer.status_code == 403
    assert "moderate these comments" in answer.text
    assert await statuses(site_database) == before


async def test_a_bulk_action_mixing_others_comments_is_refused_whole(
    author: Staffer, queue: Queue, site_database: Database
) -> None:
    (own,) = await comments_under(site_database, author, "pending")
    answer = await author.post(f"{BASE}bulk", {"action": "approve", "ids": [own, queue.pending]})
    assert answer.status_code == 403
    assert (await statuses(site_database))[own] == "pending"


async def test_an_author_cannot_edit_someone_elses_posts_comment(
    author: Staffer, queue: Queue
) -> None:
    assert (await author.get(f"{BASE}{queue.pending}/edit")).status_code == 403
    answer = await author.post(f"{BASE}{queue.pending}/edit", {"body": "Changed"})
    assert answer.status_code == 403


async def test_an_author_gets_no_block_buttons_and_cannot_block(
    author: Staffer, site_database: Database
) -> None:
    (own,) = await comments_under(site_database, author, "pending")
    assert "/block" not in (await author.get(BASE)).text
    answer = await author.post(f"{BASE}{own}/block", {"kinds": "email"})
    assert answer.status_code == 403
    async with site_database.session() as session:
        assert await comments.list_blocks(session) == []


async def test_an_editor_moderates_every_comment(
    sign_in: SignIn, queue: Queue, site_database: Database
) -> None:
    editor = await sign_in("editor")
    assert ids_listed((await editor.get(BASE)).text) == [queue.pending]
    assert (await editor.post(f"{BASE}{queue.pending}/spam")).status_code == 303
    assert (await statuses(site_database))[queue.pending] == "spam"


async def test_a_contributor_has_no_queue(sign_in: SignIn, queue: Queue) -> None:
    contributor = await sign_in("contributor")
    assert (await contributor.get(BASE)).status_code == 403
    assert (await contributor.post(f"{BASE}{queue.pending}/approve")).status_code == 403
    assert 'href="/admin/comments/"' not in (await contributor.get("/admin/")).text


# --- CSRF ------------------------------------------------------------------------------------


def _posts(queue: Queue) -> list[tuple[str, dict[str, object]]]:
    """Every form of the comment pages, with data that would otherwise be accepted."""
    return [
        (f"{BASE}{queue.pending}/approve", {}),
        (f"{BASE}{queue.pending}/spam", {}),
        (f"{BASE}{queue.pending}/delete", {}),
        (f"{BASE}bulk", {"action": "approve", "ids": [queue.pending]}),
        (f"{BASE}{queue.pending}/edit", {"body": "Changed behind your back"}),
        (f"{BASE}{queue.pending}/block", {"kinds": "email", "spam": "1"}),
        (f"{BASE}blocks/lift", {"block_id": "0" * 24}),
        ("/admin/settings/comments/", {"moderation": "none"}),
    ]


@pytest.mark.parametrize("number", range(8))
async def test_every_comment_form_wants_the_csrf_token(
    owner: Staffer, queue: Queue, site_database: Database, number: int
) -> None:
    path, data = _posts(queue)[number]
    before = await statuses(site_database)
    async with site_database.session() as session:
        settings_before = await comments.read_settings(session)
    answer = await owner.http.post(path, data=data)
    assert answer.status_code == 403
    forged = await owner.http.post(path, data={**data, "csrf_token": "forged"})
    assert forged.status_code == 403
    assert await statuses(site_database) == before
    async with site_database.session() as session:
        assert await comments.list_blocks(session) == []
        assert await comments.read_settings(session) == settings_before
