"""Webhook deliveries: Inkwell's domain events, told to the URLs that asked, as Ghost tells them.

After each commit, the events it saved are handed (in one batch, so that an import does not
make thousands of jobs) to the job ``ghost_api.trigger_webhooks``. That job translates them to
Ghost's webhook events (``ghost_events``), finds the webhooks subscribed to each, builds Ghost's
payload once per event and enqueues one ``ghost_api.deliver_webhook`` job per webhook. That job
POSTs through the guarded fetcher (so a target on a loopback, private or link-local address is
refused unless INKWELL_FETCH_ALLOWED_HOSTS names it), signs the body as Ghost does, and records
the outcome on the webhook. A failure worth trying again (a timeout, a network error, a 5xx, a
408 or 429) raises, and the job runner retries it with backoff; a 410 Gone deletes the webhook,
as in Ghost.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Mapping, Sequence
from contextlib import suppress
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell import __version__
from inkwell.core import events, jobs
from inkwell.core.fetch import Fetcher, FetchError
from inkwell.ghost_api import webhooks
from inkwell.ghost_api.models import Webhook
from inkwell.ghost_api.serializers.context import GHOST_VERSION
from inkwell.ghost_api.webhook_payloads import payload_for

logger = logging.getLogger("inkwell.ghost_api.webhooks")

TRIGGER_JOB = "ghost_api.trigger_webhooks"
DELIVER_JOB = "ghost_api.deliver_webhook"
# Ghost gives a webhook two seconds to answer; a slow receiver is retried later instead.
TIMEOUT_SECONDS = 2.0
# Only the status matters: a receiver's answer is read up to this much, then dropped.
MAX_ANSWER_BYTES = 64 * 1024
USER_AGENT = f"Inkwell/{__version__} (webhooks)"
CONTENT_VERSION = f"v{GHOST_VERSION}"
# Answers that say "try later", as Ghost's HTTP client retries them.
RETRIED_STATUSES = frozenset({408, 413, 429, 500, 502, 503, 504, 521, 522, 524})
PUBLISHED = "published"
SCHEDULED = "scheduled"


class DeliveryFailed(Exception):
    """A delivery that failed in a way worth retrying (the runner retries a job that raises)."""


def ghost_events(name: str, data: Mapping[str, Any]) -> list[str]:
    """The Ghost webhook events one Inkwell event stands for, in the order Ghost fires them.

    ``site.changed`` is left out: it is fired once per commit (see ``site_changed``).
    """
    kind, _, action = name.partition(".")
    if kind in ("post", "page"):
        return _post_events(kind, action, data)
    if kind == "tag" and action in ("added", "edited", "deleted"):
        return [name]
    return []


def site_changed(name: str, data: Mapping[str, Any]) -> bool:
    """True when the event changes what readers see (Ghost's ``site.changed``)."""
    kind = name.partition(".")[0]
    if kind in ("post", "page"):
        previous = data.get("previous") or {}
        return PUBLISHED in (data.get("status"), previous.get("status"))
    return kind in ("tag", "author", "settings", "redirect")


def _post_events(kind: str, action: str, data: Mapping[str, Any]) -> list[str]:
    status = data.get("status")
    previous = data.get("previous")
    if action == "deleted":
        found = [f"{kind}.unpublished"] if status == PUBLISHED else []
        return [*found, f"{kind}.deleted"]
    if previous is None:  # created
        return [
            f"{kind}.added",
            *([f"{kind}.{status}"] if status in (PUBLISHED, SCHEDULED) else []),
        ]
    was = previous.get("status")
    found = []
    if status != was:
        if status == PUBLISHED:
            found.append(f"{kind}.published")
        elif was == PUBLISHED:
            found.append(f"{kind}.unpublished")
        elif status == SCHEDULED:
            found.append(f"{kind}.scheduled")
        elif was == SCHEDULED:
            found.append(f"{kind}.unscheduled")
    elif status == PUBLISHED:
        found.append(f"{kind}.published.edited")
    elif status == SCHEDULED and data.get("published_at") != previous.get("published_at"):
        found.append(f"{kind}.rescheduled")
    return [*found, f"{kind}.edited"]


def _committed(found: list[events.Event]) -> None:
    """After a commit: hand its events to the trigger job (quick: no query here)."""
    wanted = [
        {"name": item.name, "subject_id": item.subject_id, "data": dict(item.data)}
        for item in found
        if ghost_events(item.name, item.data) or site_changed(item.name, item.data)
    ]
    if not wanted:
        return
    try:
        jobs.enqueue_now(TRIGGER_JOB, events=wanted)
    except jobs.NoRunner:
        # A command changed content in a process that runs no jobs: nobody delivers here.
        logger.info("%d event(s) not told to webhooks: no job runner here", len(wanted))
    except jobs.UnknownJob:
        # A runner made for other jobs (a test's, a tool's): webhooks are not its business.
        logger.debug("the job runner here does not deliver webhooks")


events.subscribe_batch("*", _committed)


async def trigger_webhooks(context: jobs.JobContext, args: Mapping[str, Any]) -> None:
    """Job: find the webhooks for a commit's events and enqueue one delivery per webhook."""
    happened: Sequence[Mapping[str, Any]] = args["events"]
    wanted: list[tuple[str, Mapping[str, Any] | None]] = []
    for item in happened:
        wanted.extend((name, item) for name in ghost_events(item["name"], item["data"]))
    if any(site_changed(item["name"], item["data"]) for item in happened):
        wanted.append(("site.changed", None))
    async with context.database.session() as session:
        listening = await webhooks.webhooks_for(session, *(name for name, _ in wanted))
        for ghost_event, cause in wanted:
            subscribed = listening.get(ghost_event)
            if not subscribed:
                continue
            payload = await payload_for(session, context.settings, ghost_event, cause)
            for webhook in subscribed:
                jobs.enqueue_now(
                    DELIVER_JOB, webhook_id=webhook.id, event=ghost_event, payload=payload
                )


def signature(secret: str, body: bytes, timestamp_ms: int) -> str:
    """Ghost's ``X-Ghost-Signature``: HMAC-SHA256 of the body followed by the timestamp."""
    digest = hmac.new(
        secret.encode(), body + str(timestamp_ms).encode(), hashlib.sha256
    ).hexdigest()
    return f"sha256={digest}, t={timestamp_ms}"


def request_headers(secret: str | None, body: bytes, timestamp_ms: int) -> dict[str, str]:
    """The headers of a delivery: JSON, the version, and the signature when there is a secret."""
    headers = {"Content-Type": "application/json", "Content-Version": CONTENT_VERSION}
    if secret:
        headers["X-Ghost-Signature"] = signature(secret, body, timestamp_ms)
    return headers


async def deliver_webhook(context: jobs.JobContext, args: Mapping[str, Any]) -> None:
    """Job: POST one event's payload to one webhook and record how it went.

    Raises DeliveryFailed (so the runner retries) when the failure may pass.
    """
    webhook_id, event = str(args["webhook_id"]), str(args["event"])
    async with context.database.session() as session:
        webhook = await session.get(Webhook, webhook_id)
        # Deleted, or now listening to something else, since the event: nothing to tell.
        if webhook is None or webhook.event != event:
            return
        target, secret = webhook.target_url, webhook.secret
    body = json.dumps(args["payload"], separators=(",", ":"), ensure_ascii=False).encode()
    headers = request_headers(secret, body, int(time.time() * 1000))
    status: int | None
    error: str | None
    refused = False
    try:
        async with Fetcher(
            allowed_hosts=context.settings.fetch_allowed_hosts,
            time_limit=TIMEOUT_SECONDS,
            max_bytes=MAX_ANSWER_BYTES,
            user_agent=USER_AGENT,
        ) as fetcher:
            answered = await fetcher.post(target, body, headers)
        status, error = answered.status, None
    except FetchError as exc:
        status, error, refused = exc.status, f"Request failed: {exc.reason}", exc.refused
    async with context.database.session(write=True) as session:
        if status == 410:
            logger.info("webhook %s answered 410 Gone for %s: deleted", webhook_id, event)
            await _forget(session, webhook_id)
            return
        await webhooks.record_delivery(session, webhook_id, status=status, error=error)
    if error is not None:
        logger.warning("webhook %s for %s: %s", webhook_id, event, error)
        if (status is None and not refused) or status in RETRIED_STATUSES:
            raise DeliveryFailed(error)


async def _forget(session: AsyncSession, webhook_id: str) -> None:
    with suppress(webhooks.WebhookNotFound):  # deleted meanwhile by someone else
        await webhooks.delete_webhook(session, webhook_id)


JOBS: dict[str, jobs.Job] = {TRIGGER_JOB: trigger_webhooks, DELIVER_JOB: deliver_webhook}
