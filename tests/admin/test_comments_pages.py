"""The comment queue ``/admin/comments/``: tabs and counts (in the navigation too), approve /
spam / delete / edit one comment or the ticked ones, unknown ids refused with nothing changed,
on SQLite and PostgreSQL. Blocks, permissions and CSRF have their own files."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from inkwell.comments import service as comments
from inkwell.comments.models import Comment
from inkwell.core.db import Database
from tests.admin.conftest import COMMENTS as BASE
from tests.admin.conftest import UNKNOWN_ID as UNKNOWN
from tests.admin.conftest import Queue, Staffer, comments_under, statuses


async def body_of(database: Database, comment_id: str) -> str:
    async with database.session() as session:
        found = await session.get(Comment, comment_id)
    assert found is not None
    return found.body


def tab_counts(text: str) -> dict[str, str]:
    page = lxml_html.fromstring(text)
    return {
        link.get("href").split("status=")[1]: link.xpath('string(.//span[@class="tab-count"])')
        for link in page.xpath('//nav[@class="tabs"]//a')
    }


def ids_listed(text: str) -> list[str]:
    return [str(v) for v in lxml_html.fromstring(text).xpath('//input[@name="ids"]/@value')]


# --- the queue -----------------------------------------------------------------------------


async def test_the_queue_opens_on_pending_with_counts_in_each_tab(
    owner: Staffer, queue: Queue
) -> None:
    page = await owner.get(BASE)
    assert page.status_code == 200
    assert ids_listed(page.text) == [queue.pending]
    assert tab_counts(page.text) == {"pending": "1", "approved": "1", "spam": "1"}


@pytest.mark.parametrize("status", ["approved", "spam"])
async def test_each_tab_lists_its_status(owner: Staffer, queue: Queue, status: str) -> None:
    page = await owner.get(BASE, params={"status": status})
    assert ids_listed(page.text) == [getattr(queue, status)]


async def test_the_navigation_counts_what_waits(owner: Staffer, site_database: Database) -> None:
    await comments_under(site_database, None, "pending", "pending", "spam")
    page = lxml_html.fromstring((await owner.get("/admin/")).text)
    (count,) = page.xpath('//a[@href="/admin/comments/"]//span[@class="nav-count"]')
    assert count.text_content() == "2 waiting"


async def test_an_unknown_status_falls_back_to_pending(owner: Staffer, queue: Queue) -> None:
    page = await owner.get(BASE, params={"status": "everything"})
    assert ids_listed(page.text) == [queue.pending]


# --- one comment's buttons -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "done", "after"),
    [("approve", "approved", "approved"), ("spam", "marked-spam", "spam")],
)
async def test_a_row_button_changes_that_comment(
    owner: Staffer, queue: Queue, site_database: Database, action: str, done: str, after: str
) -> None:
    answer = await owner.post(f"{BASE}{queue.pending}/{action}", {"back": BASE})
    assert answer.headers["location"] == f"{BASE}?done={done}"
    assert (await statuses(site_database))[queue.pending] == after


async def test_delete_removes_the_comment(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    answer = await owner.post(f"{BASE}{queue.approved}/delete")
    assert answer.headers["location"] == f"{BASE}?done=removed"
    assert queue.approved not in await statuses(site_database)


async def test_after_an_action_the_queue_page_it_came_from_comes_back(
    owner: Staffer, queue: Queue
) -> None:
    back = f"{BASE}?status=spam&q=thought"
    answer = await owner.post(f"{BASE}{queue.spam}/approve", {"back": back})
    assert answer.headers["location"] == back + "&done=approved"


async def test_back_never_leaves_the_queue(owner: Staffer, queue: Queue) -> None:
    answer = await owner.post(f"{BASE}{queue.pending}/approve", {"back": "https://evil.example/"})
    assert answer.headers["location"] == f"{BASE}?done=approved"


@pytest.mark.parametrize("action", ["approve", "spam", "delete"])
async def test_an_unknown_id_is_a_clear_404_and_changes_nothing(
    owner: Staffer, queue: Queue, site_database: Database, action: str
) -> None:
    before = await statuses(site_database)
    answer = await owner.post(f"{BASE}{UNKNOWN}/{action}")
    assert answer.status_code == 404
    assert f"No comment has the id {UNKNOWN}." in answer.text
    assert await statuses(site_database) == before


async def test_a_malformed_id_is_a_404_page(owner: Staffer) -> None:
    answer = await owner.post(f"{BASE}not-an-id/approve")
    assert answer.status_code == 404
    assert "not a valid id" in answer.text


# --- bulk ----------------------------------------------------------------------------------


async def test_bulk_applies_the_action_to_every_ticked_comment(
    owner: Staffer, site_database: Database
) -> None:
    first, second, untouched = await comments_under(site_database, None, *["pending"] * 3)
    answer = await owner.post(f"{BASE}bulk", {"action": "spam", "ids": [first, second]})
    assert answer.headers["location"] == f"{BASE}?done=marked-spam"
    assert await statuses(site_database) == {first: "spam", second: "spam", untouched: "pending"}


async def test_bulk_delete_removes_every_ticked_comment(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    await owner.post(f"{BASE}bulk", {"action": "delete", "ids": [queue.pending, queue.spam]})
    assert await statuses(site_database) == {queue.approved: "approved"}


async def test_one_unknown_id_refuses_the_whole_bulk_action(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    answer = await owner.post(f"{BASE}bulk", {"action": "approve", "ids": [queue.spam, UNKNOWN]})
    assert answer.status_code == 404
    assert f"No comment has the id {UNKNOWN}." in answer.text
    assert (await statuses(site_database))[queue.spam] == "spam"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"action": "approve"}, "Select at least one comment first."),
        ({"action": "publish", "ids": [UNKNOWN]}, "Choose an action for the selected comments."),
        ({"ids": [UNKNOWN]}, "Choose an action for the selected comments."),
    ],
    ids=["no-ids", "unknown-action", "no-action"],
)
async def test_a_bulk_request_without_ids_or_action_is_a_400(
    owner: Staffer, queue: Queue, site_database: Database, form: dict[str, object], message: str
) -> None:
    answer = await owner.post(f"{BASE}bulk", form)
    assert answer.status_code == 400
    assert message in answer.text
    assert (await statuses(site_database))[queue.pending] == "pending"


# --- edit ----------------------------------------------------------------------------------


async def test_the_edit_form_holds_the_text_as_written(owner: Staffer, queue: Queue) -> None:
    page = await owner.get(f"{BASE}{queue.pending}/edit")
    assert page.status_code == 200
    textarea = lxml_html.fromstring(page.text).xpath('//textarea[@name="body"]')[0]
    assert textarea.text_content().strip().startswith("A thought on the article")


async def test_an_edit_is_stored_and_rendered(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    answer = await owner.post(f"{BASE}{queue.approved}/edit", {"body": "Now with *emphasis*."})
    assert answer.headers["location"] == f"{BASE}?done=comment-edited"
    item = await _item(site_database, queue.approved)
    assert (item.body, item.html) == ("Now with *emphasis*.", "<p>Now with <em>emphasis</em>.</p>")


async def test_an_empty_edit_is_shown_again_with_why_and_nothing_changes(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    before = await body_of(site_database, queue.pending)
    answer = await owner.post(f"{BASE}{queue.pending}/edit", {"body": "   "})
    assert answer.status_code == 422
    assert 'id="body-error">A comment cannot be empty.' in answer.text
    assert await body_of(site_database, queue.pending) == before


async def test_an_over_long_edit_is_refused_with_the_limit(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    async with site_database.session() as session:
        await comments.update_settings(session, {"max_length": 50})
        await session.commit()
    answer = await owner.post(f"{BASE}{queue.pending}/edit", {"body": "x" * 51})
    assert answer.status_code == 422
    assert "A comment is at most 50 characters." in answer.text
    assert (await body_of(site_database, queue.pending)).startswith("A thought")


async def test_editing_an_unknown_comment_is_a_404(owner: Staffer) -> None:
    assert (await owner.get(f"{BASE}{UNKNOWN}/edit")).status_code == 404
    answer = await owner.post(f"{BASE}{UNKNOWN}/edit", {"body": "Hello"})
    assert (answer.status_code, f"No comment has the id {UNKNOWN}." in answer.text) == (404, True)


async def _item(database: Database, comment_id: str) -> comments.QueueItem:
    async with database.session() as session:
        found = await comments.queue_item(session, comment_id)
    assert found is not None
    return found
