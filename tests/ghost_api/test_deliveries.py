"""Webhook deliveries, end to end: a content change, the jobs, a real receiver on 127.0.0.1."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from inkwell.content import service
from inkwell.core import jobs
from inkwell.core.db import Database
from inkwell.core.mail import Mailer
from inkwell.ghost_api import deliveries, webhooks
from inkwell.ghost_api.models import Integration, Webhook
from inkwell.settings import Settings
from tests.factories import make_post
from tests.local_receiver import Receiver, receiver  # noqa: F401 - a fixture

SECRET = "thisissecret"


def hook_settings(database: Database, tmp_path: Path, allowed: tuple[str, ...]) -> Settings:
    return Settings(
        database_url=database.url,
        demo_content=False,
        site_url="http://blog.test",
        media_dir=tmp_path / "media",
        fetch_allowed_hosts=allowed,
    )


@pytest.fixture
async def runner(database: Database, tmp_path: Path) -> AsyncIterator[jobs.Runner]:
    """The webhook jobs on the test database, allowed to reach 127.0.0.1, retried at once."""
    settings = hook_settings(database, tmp_path, ("127.0.0.1",))
    context = jobs.JobContext(database, settings, Mailer(settings.mail_config()))
    async with jobs.running(deliveries.JOBS, context, backoff_seconds=0, max_attempts=3) as r:
        yield r


async def subscribe(database: Database, event: str, url: str, secret: str | None = SECRET) -> str:
    async with database.session() as session:
        integration = Integration(name=f"Receiver {event}", slug=f"receiver-{event}")
        session.add(integration)
        await session.flush()
        hook = await webhooks.add_webhook(
            session, integration.id, event=event, target_url=url, secret=secret
        )
        return hook.id


async def stored(database: Database, webhook_id: str) -> Webhook | None:
    async with database.session() as session:
        return await session.get(Webhook, webhook_id)


async def publish_one(database: Database, **fields: Any) -> str:
    async with database.session() as session:
        post = await make_post(session, title="Hello webhooks", **fields)
        return post.id


async def test_a_published_post_is_delivered_with_ghosts_payload(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    hook_id = await subscribe(database, "post.published", receiver.url())
    post_id = await publish_one(database)
    await runner.drain()
    [request] = receiver.received
    assert (request.method, request.path) == ("POST", "/hook")
    assert request.headers["content-type"] == "application/json"
    assert re.fullmatch(r"Inkwell/\S+ \(.+\)", request.headers["user-agent"])
    body = json.loads(request.body)
    assert list(body) == ["post"]
    assert body["post"]["current"]["id"] == post_id
    assert body["post"]["current"]["title"] == "Hello webhooks"
    assert body["post"]["previous"] == {}
    current = body["post"]["current"]
    # The Admin API's shape, with what Ghost's webhooks add: both bodies, tags and authors.
    assert {"uuid", "html", "plaintext", "tags", "authors", "primary_tag", "url"} <= set(current)
    assert current["url"].startswith("http://blog.test/")
    assert current["updated_at"].endswith("Z")
    hook = await stored(database, hook_id)
    assert hook is not None
    assert (hook.last_triggered_status, hook.last_triggered_error) == (200, None)
    assert hook.last_triggered_at is not None


async def test_the_signature_is_ghosts_hmac_of_body_and_timestamp(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    await subscribe(database, "post.published", receiver.url())
    await publish_one(database)
    await runner.drain()
    [request] = receiver.received
    found = re.fullmatch(r"sha256=([0-9a-f]{64}), t=(\d{13})", request.headers["x-ghost-signature"])
    assert found is not None
    digest, timestamp = found.groups()
    expected = hmac.new(SECRET.encode(), request.body + timestamp.encode(), hashlib.sha256)
    assert hmac.compare_digest(digest, expected.hexdigest())


async def test_a_webhook_without_secret_is_not_signed(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    await subscribe(database, "post.published", receiver.url(), secret=None)
    await publish_one(database)
    await runner.drain()
    [request] = receiver.received
    assert "x-ghost-signature" not in request.headers


async def test_a_500_is_retried_and_the_last_status_recorded(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    receiver.answers = [500, 503]
    hook_id = await subscribe(database, "post.published", receiver.url())
    await publish_one(database)
    await runner.drain()
    assert len(receiver.received) == 3
    assert receiver.received[0].body == receiver.received[2].body
    hook = await stored(database, hook_id)
    assert hook is not None
    assert (hook.last_triggered_status, hook.last_triggered_error) == (200, None)


async def test_a_receiver_that_keeps_failing_leaves_its_error_recorded(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    receiver.answers = [500, 500, 500]
    hook_id = await subscribe(database, "post.published", receiver.url())
    await publish_one(database)
    await runner.drain()
    assert len(receiver.received) == 3  # max_attempts of the runner
    hook = await stored(database, hook_id)
    assert hook is not None
    assert hook.last_triggered_status == 500
    assert hook.last_triggered_error == "Request failed: HTTP 500 Internal Server Error"


async def test_a_404_is_recorded_and_not_retried(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    receiver.answers = [404]
    hook_id = await subscribe(database, "post.published", receiver.url())
    await publish_one(database)
    await runner.drain()
    assert len(receiver.received) == 1
    hook = await stored(database, hook_id)
    assert hook is not None
    assert hook.last_triggered_status == 404


async def test_a_410_deletes_the_webhook_as_ghost_does(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    receiver.answers = [410]
    hook_id = await subscribe(database, "post.published", receiver.url())
    await publish_one(database)
    await runner.drain()
    assert await stored(database, hook_id) is None


async def test_a_private_target_is_refused_and_the_refusal_recorded(
    database: Database,
    tmp_path: Path,
    receiver: Receiver,  # noqa: F811
) -> None:
    settings = hook_settings(database, tmp_path, ())  # 127.0.0.1 not allowed this time
    context = jobs.JobContext(database, settings, Mailer(settings.mail_config()))
    hook_id = await subscribe(database, "post.published", receiver.url())
    async with jobs.running(deliveries.JOBS, context, backoff_seconds=0, max_attempts=3):
        await publish_one(database)
    assert receiver.received == []
    hook = await stored(database, hook_id)
    assert hook is not None
    assert hook.last_triggered_status is None
    assert hook.last_triggered_error is not None
    assert "127.0.0.1 is a loopback address" in hook.last_triggered_error


async def test_a_slow_receiver_times_out_and_is_recorded(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(deliveries, "TIMEOUT_SECONDS", 0.2)
    receiver.delay = 1.0
    hook_id = await subscribe(database, "post.published", receiver.url())
    await publish_one(database)
    await runner.drain()
    hook = await stored(database, hook_id)
    assert hook is not None
    assert hook.last_triggered_error == "Request failed: no answer within 0.2 seconds"


async def test_only_the_subscribed_event_is_delivered(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    await subscribe(database, "post.unpublished", receiver.url())
    post_id = await publish_one(database)
    await runner.drain()
    assert receiver.received == []
    async with database.session() as session:
        await service.unpublish_post(session, post_id)
    await runner.drain()
    [request] = receiver.received
    body = json.loads(request.body)
    assert body["post"]["current"]["status"] == "draft"
    assert body["post"]["previous"] == {"status": "published"}


async def test_an_edit_to_a_published_post_is_published_edited(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    await subscribe(database, "post.published.edited", receiver.url())
    post_id = await publish_one(database)
    async with database.session() as session:
        post = await service.get_post(session, post_id)
        assert post is not None
        options = service.render_options(await service.load_settings(session), "http://blog.test")
        data = service.PostInput(
            title="Hello again", status="published", published_at=post.published_at, tags=["go"]
        )
        await service.update_post(session, post_id, data, options, expected_updated_at=None)
    await runner.drain()
    [request] = receiver.received
    body = json.loads(request.body)
    assert body["post"]["current"]["title"] == "Hello again"
    assert body["post"]["previous"]["tags"] == [{"slug": "python"}]


async def test_a_deleted_post_has_an_empty_current_and_its_last_state(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    await subscribe(database, "post.deleted", receiver.url())
    post_id = await publish_one(database)
    async with database.session() as session:
        await service.delete_post(session, post_id)
    await runner.drain()
    [request] = receiver.received
    body = json.loads(request.body)
    assert body["post"]["current"] == {}
    assert body["post"]["previous"]["id"] == post_id
    assert body["post"]["previous"]["status"] == "published"


async def test_a_page_is_delivered_as_a_page(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    await subscribe(database, "page.added", receiver.url())
    await subscribe(database, "post.added", receiver.url("/posts"))
    await publish_one(database, type="page", status="draft")
    await runner.drain()
    [request] = receiver.received
    assert request.path == "/hook"
    assert list(json.loads(request.body)) == ["page"]


async def test_site_changed_is_told_once_per_commit_with_an_empty_payload(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    await subscribe(database, "site.changed", receiver.url())
    async with database.session() as session:
        await make_post(session, tags=["a", "b"])
        await make_post(session, tags=["a"])
    await runner.drain()
    [request] = receiver.received
    assert json.loads(request.body) == {}


async def test_a_tag_event_carries_the_tag(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    await subscribe(database, "tag.edited", receiver.url())
    async with database.session() as session:
        await service.create_tag(session, "Python")
    async with database.session() as session:
        await service.edit_tag(session, "python", name="Python 3", new_slug="python-3")
    await runner.drain()
    [request] = receiver.received
    body = json.loads(request.body)
    assert body["tag"]["current"]["name"] == "Python 3"
    assert body["tag"]["previous"] == {"slug": "python"}


async def test_nothing_is_delivered_for_a_change_rolled_back(
    database: Database,
    runner: jobs.Runner,
    receiver: Receiver,  # noqa: F811
) -> None:
    await subscribe(database, "post.added", receiver.url())
    async with database.sessions() as session:
        await make_post(session, status="draft")
        await session.rollback()
    await runner.drain()
    assert receiver.received == []


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("post.added", {"status": "draft", "previous": None}, ["post.added"]),
        (
            "post.published",
            {"status": "published", "previous": None},
            ["post.added", "post.published"],
        ),
        (
            "post.published",
            {"status": "published", "previous": {"status": "draft"}},
            ["post.published", "post.edited"],
        ),
        (
            "post.updated",
            {"status": "published", "previous": {"status": "published"}},
            ["post.published.edited", "post.edited"],
        ),
        ("post.updated", {"status": "draft", "previous": {"status": "draft"}}, ["post.edited"]),
        (
            "post.unpublished",
            {"status": "draft", "previous": {"status": "published"}},
            ["post.unpublished", "post.edited"],
        ),
        (
            "page.unpublished",
            {"status": "draft", "previous": {"status": "scheduled"}},
            ["page.unscheduled", "page.edited"],
        ),
        (
            "post.updated",
            {
                "status": "scheduled",
                "published_at": "2030-01-02T00:00:00+00:00",
                "previous": {"status": "scheduled", "published_at": "2030-01-01T00:00:00+00:00"},
            },
            ["post.rescheduled", "post.edited"],
        ),
        ("post.deleted", {"status": "published"}, ["post.unpublished", "post.deleted"]),
        ("page.deleted", {"status": "draft"}, ["page.deleted"]),
        ("tag.edited", {}, ["tag.edited"]),
        ("settings.changed", {}, []),
    ],
)
def test_inkwell_events_become_ghosts(name: str, data: dict[str, Any], expected: list[str]) -> None:
    assert deliveries.ghost_events(name, data) == expected


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("post.added", {"status": "draft", "previous": None}, False),
        ("post.unpublished", {"status": "draft", "previous": {"status": "published"}}, True),
        ("settings.changed", {}, True),
        ("author.edited", {}, True),
    ],
)
def test_site_changed_is_for_what_readers_see(
    name: str, data: dict[str, Any], expected: bool
) -> None:
    assert deliveries.site_changed(name, data) is expected


def test_every_event_a_webhook_names_is_one_deliveries_can_fire() -> None:
    fired = {
        event
        for name, status, previous in [
            ("post.published", "published", None),
            ("post.published", "published", {"status": "draft"}),
            ("post.updated", "published", {"status": "published"}),
            ("post.unpublished", "draft", {"status": "published"}),
            ("post.scheduled", "scheduled", {"status": "draft"}),
            ("post.unpublished", "draft", {"status": "scheduled"}),
            ("post.updated", "scheduled", {"status": "scheduled", "published_at": "x"}),
            ("post.deleted", "draft", None),
        ]
        for kind in ("post", "page")
        for event in deliveries.ghost_events(
            name.replace("post", kind), {"status": status, "previous": previous}
        )
    }
    fired |= {"tag.added", "tag.edited", "tag.deleted", "site.changed"}
    assert fired == set(webhooks.WEBHOOK_EVENTS)
