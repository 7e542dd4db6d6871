"""Webhook rules: what may be saved, and the refusals Ghost gives."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.ghost_api import webhooks
from inkwell.ghost_api.models import Integration
from inkwell.ghost_api.webhooks import WebhookInputError, WebhookNotFound


@pytest.fixture
async def integration(session: AsyncSession) -> Integration:
    found = Integration(name="Zapier", slug="zapier")
    session.add(found)
    await session.flush()
    return found


async def test_a_webhook_is_added_with_ghosts_defaults(
    session: AsyncSession, integration: Integration
) -> None:
    hook = await webhooks.add_webhook(
        session, integration.id, event="Post.Published", target_url="https://example.com/hook"
    )
    assert (hook.event, hook.api_version, hook.secret, hook.last_triggered_at) == (
        "post.published",
        "v6",
        None,
        None,
    )
    assert await webhooks.list_webhooks(session, integration.id) == [hook]


async def test_the_same_event_and_target_twice_is_refused_with_ghosts_words(
    session: AsyncSession, integration: Integration
) -> None:
    await webhooks.add_webhook(
        session, integration.id, event="tag.added", target_url="https://a.b/"
    )
    with pytest.raises(WebhookInputError, match="Target URL has already been used for this event"):
        await webhooks.add_webhook(
            session, integration.id, event="tag.added", target_url="https://a.b/"
        )


async def test_an_unknown_integration_is_refused(session: AsyncSession) -> None:
    with pytest.raises(WebhookInputError, match="does not match any existing integration"):
        await webhooks.add_webhook(session, "0" * 24, event="tag.added", target_url="https://a.b/")


@pytest.mark.parametrize("event", ["", "post.exploded", "post", None])
async def test_an_unknown_event_is_refused_naming_the_field(
    session: AsyncSession, integration: Integration, event: str | None
) -> None:
    with pytest.raises(WebhookInputError) as refused:
        await webhooks.add_webhook(
            session,
            integration.id,
            event=event,
            target_url="https://a.b/",  # type: ignore[arg-type]
        )
    assert refused.value.field == "event"


@pytest.mark.parametrize(
    "url",
    ["", "ftp://a.b/x", "/relative", "https://", "http://a b/", "http://a.b:99999/", "x" * 2001],
)
async def test_a_target_that_is_not_an_http_url_is_refused(
    session: AsyncSession, integration: Integration, url: str
) -> None:
    with pytest.raises(WebhookInputError) as refused:
        await webhooks.add_webhook(session, integration.id, event="tag.added", target_url=url)
    assert refused.value.field == "target_url"


async def test_member_events_are_accepted_for_ghost_tools(
    session: AsyncSession, integration: Integration
) -> None:
    hook = await webhooks.add_webhook(
        session, integration.id, event="member.added", target_url="https://a.b/"
    )
    assert hook.event == "member.added"


async def test_an_edit_changes_the_fields_and_keeps_the_rules(
    session: AsyncSession, integration: Integration
) -> None:
    first = await webhooks.add_webhook(
        session, integration.id, event="tag.added", target_url="https://a.b/1"
    )
    second = await webhooks.add_webhook(
        session, integration.id, event="tag.added", target_url="https://a.b/2"
    )
    edited = await webhooks.edit_webhook(session, first.id, name="Tags", secret="s3cret")
    assert (edited.name, edited.secret) == ("Tags", "s3cret")
    with pytest.raises(WebhookInputError, match="already been used"):
        await webhooks.edit_webhook(session, second.id, target_url="https://a.b/1")
    assert second.target_url == "https://a.b/2"
    with pytest.raises(WebhookInputError, match="no field 'integration_id'"):
        await webhooks.edit_webhook(session, second.id, integration_id="x")


async def test_delete_removes_and_an_unknown_id_is_not_found(
    session: AsyncSession, integration: Integration
) -> None:
    hook = await webhooks.add_webhook(
        session, integration.id, event="tag.added", target_url="https://a.b/"
    )
    await webhooks.delete_webhook(session, hook.id)
    assert await webhooks.list_webhooks(session, integration.id) == []
    with pytest.raises(WebhookNotFound):
        await webhooks.delete_webhook(session, hook.id)
    with pytest.raises(WebhookNotFound):
        await webhooks.edit_webhook(session, hook.id, name="x")


async def test_a_delivery_outcome_is_recorded(
    session: AsyncSession, integration: Integration
) -> None:
    hook = await webhooks.add_webhook(
        session, integration.id, event="tag.added", target_url="https://a.b/"
    )
    await webhooks.record_delivery(session, hook.id, status=500, error="Request failed: HTTP 500")
    assert (hook.last_triggered_status, hook.last_triggered_error) == (
        500,
        "Request failed: HTTP 500",
    )
    assert hook.last_triggered_at is not None
