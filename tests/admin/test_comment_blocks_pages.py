"""Blocking a commenter from the queue (by reader account, email or address hash), the list of
blocks and lifting one, on SQLite and PostgreSQL."""

from __future__ import annotations

from httpx import AsyncClient
from lxml import html as lxml_html

from inkwell.accounts.readers import Identity, sign_up_or_in
from inkwell.comments import service as comments
from inkwell.core.db import Database
from tests.admin.conftest import COMMENTS as BASE
from tests.admin.conftest import UNKNOWN_ID, Queue, Staffer, statuses
from tests.comments.moderation_fixtures import make_comment, make_thread


def offered(text: str) -> list[str]:
    """The identities the block form offers (each ticked)."""
    page = lxml_html.fromstring(text)
    return [str(box.get("value")) for box in page.xpath('//input[@name="kinds"][@checked]')]


async def blocks(database: Database) -> list[tuple[str, str]]:
    async with database.session() as session:
        return [(block.kind, block.shown) for block in await comments.list_blocks(session)]


async def test_the_block_form_offers_the_identities_the_comment_has(
    owner: Staffer, queue: Queue
) -> None:
    page = await owner.get(f"{BASE}{queue.pending}/block")
    assert page.status_code == 200
    assert offered(page.text) == ["email", "address"]
    assert "reader@example.org" in page.text


async def test_a_signed_in_readers_account_can_be_blocked(
    owner: Staffer, site_database: Database
) -> None:
    async with site_database.session() as session:
        reader = await sign_up_or_in(session, Identity("github", "4242", "Octo Cat"))
        thread = await make_thread(session)
        comment = await make_comment(session, thread, email=None, reader_id=reader.id)
        await session.commit()
    page = await owner.get(f"{BASE}{comment.id}/block")
    assert offered(page.text) == ["address", "reader"]
    answer = await owner.post(f"{BASE}{comment.id}/block", {"kinds": "reader"})
    assert answer.headers["location"] == f"{BASE}?done=blocked"
    assert [kind for kind, _ in await blocks(site_database)] == ["reader"]


async def test_a_blocked_email_can_no_longer_comment(
    owner: Staffer, queue: Queue, site_database: Database, anonymous: AsyncClient
) -> None:
    await owner.post(f"{BASE}{queue.approved}/block", {"kinds": "email"})
    assert await blocks(site_database) == [("email", "reader@example.org")]
    async with site_database.session() as session:
        post_id = (await comments.comment_posts(session, [queue.approved]))[queue.approved]
    again = {"post_id": post_id, "body": "Me again.", "name": "Ada", "email": "Reader@Example.org"}
    answer = await anonymous.post("/api/comments", json=again)
    assert answer.status_code == 403
    assert len(await statuses(site_database)) == 3


async def test_blocking_by_address_keeps_only_a_shortened_hash_in_the_list(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    await owner.post(f"{BASE}{queue.pending}/block", {"kinds": "address"})
    ((kind, shown),) = await blocks(site_database)
    assert kind == "address"
    listed = (await owner.get(f"{BASE}blocks/")).text
    assert f"<code>{shown}</code>" in listed
    assert "192.0.2.10" not in listed


async def test_blocking_can_also_file_the_comment_as_spam(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    await owner.post(f"{BASE}{queue.pending}/block", {"kinds": ["email", "address"], "spam": "1"})
    assert len(await blocks(site_database)) == 2
    assert (await statuses(site_database))[queue.pending] == "spam"


async def test_blocking_without_a_kind_says_so_and_blocks_nothing(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    answer = await owner.post(f"{BASE}{queue.pending}/block", {"spam": "1"})
    assert answer.status_code == 422
    assert "Choose at least one way to block this commenter." in answer.text
    assert await blocks(site_database) == []
    assert (await statuses(site_database))[queue.pending] == "pending"


async def test_an_unknown_kind_is_refused_with_its_name(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    answer = await owner.post(f"{BASE}{queue.pending}/block", {"kinds": ["email", "phone"]})
    assert answer.status_code == 422
    assert "Unknown block kind &#39;phone&#39;" in answer.text
    assert await blocks(site_database) == []


async def test_blocking_an_unknown_comment_is_a_404(
    owner: Staffer, site_database: Database
) -> None:
    assert (await owner.get(f"{BASE}{UNKNOWN_ID}/block")).status_code == 404
    answer = await owner.post(f"{BASE}{UNKNOWN_ID}/block", {"kinds": "email"})
    assert answer.status_code == 404
    assert f"No comment has the id {UNKNOWN_ID}." in answer.text
    assert await blocks(site_database) == []


async def test_a_lifted_block_is_gone_from_the_list(
    owner: Staffer, queue: Queue, site_database: Database
) -> None:
    await owner.post(f"{BASE}{queue.pending}/block", {"kinds": "email"})
    async with site_database.session() as session:
        (block,) = await comments.list_blocks(session)
    answer = await owner.post(f"{BASE}blocks/lift", {"block_id": block.id})
    assert answer.headers["location"] == f"{BASE}blocks/?done=unblocked"
    assert await blocks(site_database) == []
    assert "No one is blocked." in (await owner.get(f"{BASE}blocks/")).text


async def test_lifting_an_unknown_block_is_a_404(owner: Staffer) -> None:
    answer = await owner.post(f"{BASE}blocks/lift", {"block_id": UNKNOWN_ID})
    assert answer.status_code == 404
    assert f"No block has the id {UNKNOWN_ID}." in answer.text


async def test_lifting_without_naming_a_block_is_a_400(owner: Staffer) -> None:
    answer = await owner.post(f"{BASE}blocks/lift", {"block_id": " "})
    assert (answer.status_code, "Choose the block to lift." in answer.text) == (400, True)
