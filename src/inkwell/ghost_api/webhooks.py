"""Webhooks: which URL an integration wants told about which event, and the rules for them.

A webhook belongs to one integration and names one event (``post.published``...) and one
target URL; the pair is unique across the site, as in Ghost ("Target URL has already been
used for this event."). ``deliveries`` sends them; this module only keeps them valid.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.time import utcnow
from inkwell.ghost_api.models import Integration, Webhook

# The events Inkwell delivers, in Ghost's names and Ghost's order of kinds.
WEBHOOK_EVENTS: tuple[str, ...] = (
    "site.changed",
    "post.added",
    "post.deleted",
    "post.edited",
    "post.published",
    "post.published.edited",
    "post.unpublished",
    "post.scheduled",
    "post.unscheduled",
    "post.rescheduled",
    "page.added",
    "page.deleted",
    "page.edited",
    "page.published",
    "page.published.edited",
    "page.unpublished",
    "page.scheduled",
    "page.unscheduled",
    "page.rescheduled",
    "tag.added",
    "tag.edited",
    "tag.deleted",
)
# Ghost's member events are accepted so that tools made for Ghost (which subscribe to them)
# keep working, but they never fire: an Inkwell site has no members.
MEMBER_EVENTS: tuple[str, ...] = ("member.added", "member.deleted", "member.edited")
ACCEPTED_EVENTS: frozenset[str] = frozenset(WEBHOOK_EVENTS + MEMBER_EVENTS)

EDITABLE = frozenset({"name", "event", "target_url", "secret", "api_version"})
DEFAULT_API_VERSION = "v6"
MAX_TARGET_URL = 2000
MAX_NAME = 191
MAX_SECRET = 191
MAX_API_VERSION = 50
DUPLICATE = "Target URL has already been used for this event."
UNKNOWN_INTEGRATION = "'integration_id' value does not match any existing integration."


class WebhookInputError(ValueError):
    """A webhook that cannot be saved; the message says why, ``field`` names the culprit."""

    def __init__(self, message: str, *, field: str | None = None, help: str | None = None):
        super().__init__(message)
        self.field = field
        self.help = help


class WebhookNotFound(LookupError):
    """No webhook has this id."""


async def add_webhook(
    session: AsyncSession,
    integration_id: str,
    *,
    event: str,
    target_url: str,
    name: str | None = None,
    secret: str | None = None,
    api_version: str = DEFAULT_API_VERSION,
) -> Webhook:
    """A new webhook of the integration; WebhookInputError for an unknown integration, an
    unknown event, a target that is not an http(s) URL, or an event and target used already.
    """
    if await session.get(Integration, integration_id) is None:
        raise WebhookInputError(
            f"Validation failed for 'integration_id'. {UNKNOWN_INTEGRATION}",
            field="integration_id",
            help="Provide the 'integration_id' of an existing integration.",
        )
    webhook = Webhook(
        integration_id=integration_id,
        event=checked_event(event),
        target_url=checked_target_url(target_url),
        name=_optional_text("name", name, MAX_NAME),
        secret=_optional_text("secret", secret, MAX_SECRET),
        api_version=_api_version(api_version),
    )
    await _refuse_duplicate(session, webhook.event, webhook.target_url)
    session.add(webhook)
    await session.flush()
    return webhook


async def edit_webhook(session: AsyncSession, webhook_id: str, **changes: Any) -> Webhook:
    """Change ``name``, ``event``, ``target_url``, ``secret`` or ``api_version`` (checked as
    ``add_webhook`` checks them); WebhookNotFound, WebhookInputError.
    """
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise WebhookInputError(f"a webhook has no field {unknown[0]!r}", field=unknown[0])
    webhook = await get_webhook(session, webhook_id)
    event = checked_event(changes["event"]) if "event" in changes else webhook.event
    target = (
        checked_target_url(changes["target_url"]) if "target_url" in changes else webhook.target_url
    )
    if (event, target) != (webhook.event, webhook.target_url):
        await _refuse_duplicate(session, event, target, exclude_id=webhook.id)
    webhook.event, webhook.target_url = event, target
    if "name" in changes:
        webhook.name = _optional_text("name", changes["name"], MAX_NAME)
    if "secret" in changes:
        webhook.secret = _optional_text("secret", changes["secret"], MAX_SECRET)
    if "api_version" in changes:
        webhook.api_version = _api_version(changes["api_version"])
    webhook.updated_at = utcnow()
    await session.flush()
    return webhook


async def delete_webhook(session: AsyncSession, webhook_id: str) -> None:
    """Delete a webhook; WebhookNotFound when there is none."""
    await session.delete(await get_webhook(session, webhook_id))
    await session.flush()


async def get_webhook(session: AsyncSession, webhook_id: str) -> Webhook:
    """The webhook with this id; WebhookNotFound when there is none."""
    webhook = await session.get(Webhook, webhook_id)
    if webhook is None:
        raise WebhookNotFound(f"no webhook has the id {webhook_id!r}")
    return webhook


async def list_webhooks(session: AsyncSession, integration_id: str) -> list[Webhook]:
    """The integration's webhooks, oldest first."""
    found = await session.scalars(
        select(Webhook)
        .where(Webhook.integration_id == integration_id)
        .order_by(Webhook.created_at, Webhook.id)
    )
    return list(found)


async def webhooks_for(session: AsyncSession, event: str) -> list[Webhook]:
    """Every webhook subscribed to ``event``, oldest first."""
    found = await session.scalars(
        select(Webhook).where(Webhook.event == event).order_by(Webhook.created_at, Webhook.id)
    )
    return list(found)


async def record_delivery(
    session: AsyncSession,
    webhook_id: str,
    *,
    status: int | None,
    error: str | None,
    at: datetime | None = None,
) -> None:
    """Remember the outcome of a delivery attempt (a webhook deleted meanwhile is skipped)."""
    webhook = await session.get(Webhook, webhook_id)
    if webhook is None:
        return
    webhook.last_triggered_at = at or utcnow()
    webhook.last_triggered_status = status
    webhook.last_triggered_error = error
    await session.flush()


def checked_event(event: object) -> str:
    """``event`` in lower case, when it is one a webhook may name; WebhookInputError if not."""
    if not isinstance(event, str) or not event.strip():
        raise WebhookInputError("a webhook needs an event, e.g. post.published", field="event")
    cleaned = event.strip().lower()
    if cleaned not in ACCEPTED_EVENTS:
        raise WebhookInputError(
            f"{event!r} is not a webhook event; use one of {', '.join(WEBHOOK_EVENTS)}",
            field="event",
        )
    return cleaned


def checked_target_url(url: object) -> str:
    """``url`` when it is an absolute http(s) URL of at most 2000 characters."""
    if not isinstance(url, str) or not url.strip():
        raise WebhookInputError("a webhook needs a target_url", field="target_url")
    cleaned = url.strip()
    if len(cleaned) > MAX_TARGET_URL:
        raise WebhookInputError(
            f"target_url is at most {MAX_TARGET_URL} characters", field="target_url"
        )
    try:
        parts = urlsplit(cleaned)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise WebhookInputError(f"{cleaned!r} is not a valid URL", field="target_url") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise WebhookInputError(
            f"target_url must be an http or https URL with a host, not {cleaned!r}",
            field="target_url",
        )
    if any(char.isspace() for char in cleaned):
        raise WebhookInputError("target_url may not contain spaces", field="target_url")
    return cleaned


def _optional_text(field: str, value: object, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise WebhookInputError(f"{field} must be a string", field=field)
    cleaned = value.strip()
    if len(cleaned) > limit:
        raise WebhookInputError(f"{field} is at most {limit} characters", field=field)
    return cleaned or None


def _api_version(value: object) -> str:
    cleaned = _optional_text("api_version", value, MAX_API_VERSION)
    return cleaned or DEFAULT_API_VERSION


async def _refuse_duplicate(
    session: AsyncSession, event: str, target_url: str, *, exclude_id: str | None = None
) -> None:
    query = select(Webhook.id).where(Webhook.event == event, Webhook.target_url == target_url)
    if exclude_id is not None:
        query = query.where(Webhook.id != exclude_id)
    if (await session.scalar(query.limit(1))) is not None:
        raise WebhookInputError(DUPLICATE, field="target_url")
