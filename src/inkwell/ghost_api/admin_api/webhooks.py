"""The Admin API's webhooks: ``POST /webhooks/``, ``PUT`` and ``DELETE /webhooks/{id}/``.

As in Ghost, an integration adds webhooks for itself (its token says which) and may edit or
delete only its own; a staff member may manage any integration's (when their role manages the
site's settings) and names the integration with ``integration_id``. The rules are
``ghost_api.webhooks``'; this module reads Ghost's JSON and answers in Ghost's shape.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from inkwell.core.deps import SessionDep
from inkwell.core.time import iso_millis
from inkwell.ghost_api import webhooks
from inkwell.ghost_api.auth import AdminCallerDep, ApiCaller
from inkwell.ghost_api.errors import (
    NO_CACHE,
    BadRequestError,
    NoPermissionError,
    NotFoundError,
    ValidationError,
)
from inkwell.ghost_api.models import Webhook

router = APIRouter()

ROOT_KEY = "webhooks"
# Fields a client may send back as it read them; they are not changed by an edit.
READ_ONLY = frozenset(
    {
        "id",
        "integration_id",
        "last_triggered_at",
        "last_triggered_status",
        "last_triggered_error",
        "created_at",
        "updated_at",
    }
)
HEADERS = {"Cache-Control": NO_CACHE}


@router.post("/webhooks/", status_code=201)
async def add_webhook(request: Request, caller: AdminCallerDep, session: SessionDep) -> Response:
    """Add a webhook for the calling integration (or, for staff, the one named)."""
    sent = await _sent_webhook(request)
    _refuse_unknown(sent, webhooks.EDITABLE | {"integration_id"})
    integration_id = _integration_for(caller, sent.get("integration_id"))
    try:
        hook = await webhooks.add_webhook(
            session,
            integration_id,
            event=sent.get("event", ""),  # both checked by add_webhook
            target_url=sent.get("target_url", ""),
            name=sent.get("name"),
            secret=sent.get("secret"),
            api_version=sent.get("api_version") or webhooks.DEFAULT_API_VERSION,
        )
    except webhooks.WebhookInputError as exc:
        raise _invalid(exc, "save") from None
    await session.commit()
    return _answer(hook, 201)


@router.put("/webhooks/{webhook_id}/")
async def edit_webhook(
    webhook_id: str, request: Request, caller: AdminCallerDep, session: SessionDep
) -> Response:
    """Change a webhook's event, target, name, secret or API version."""
    sent = await _sent_webhook(request)
    _refuse_unknown(sent, webhooks.EDITABLE | READ_ONLY)
    await _own_webhook(session, caller, webhook_id, "edit")
    changes = {key: value for key, value in sent.items() if key in webhooks.EDITABLE}
    try:
        hook = await webhooks.edit_webhook(session, webhook_id, **changes)
    except webhooks.WebhookInputError as exc:
        raise _invalid(exc, "edit") from None
    await session.commit()
    return _answer(hook, 200)


@router.delete("/webhooks/{webhook_id}/", status_code=204)
async def delete_webhook(webhook_id: str, caller: AdminCallerDep, session: SessionDep) -> Response:
    """Delete a webhook; it is told nothing more."""
    await _own_webhook(session, caller, webhook_id, "delete")
    await webhooks.delete_webhook(session, webhook_id)
    await session.commit()
    return Response(status_code=204, headers=HEADERS)


def webhook_json(hook: Webhook) -> dict[str, Any]:
    """A webhook as Ghost's Admin API answers it (the status as text, as Ghost stores it)."""
    return {
        "id": hook.id,
        "event": hook.event,
        "target_url": hook.target_url,
        "name": hook.name,
        "secret": hook.secret,
        "api_version": hook.api_version,
        "integration_id": hook.integration_id,
        "last_triggered_at": _date(hook.last_triggered_at),
        "last_triggered_status": (
            None if hook.last_triggered_status is None else str(hook.last_triggered_status)
        ),
        "last_triggered_error": hook.last_triggered_error,
        "created_at": _date(hook.created_at),
        "updated_at": _date(hook.updated_at),
    }


def _date(moment: datetime | None) -> str | None:
    return None if moment is None else iso_millis(moment)


def _answer(hook: Webhook, status: int) -> Response:
    return JSONResponse({ROOT_KEY: [webhook_json(hook)]}, status_code=status, headers=HEADERS)


async def _sent_webhook(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise BadRequestError("The request body is not JSON.") from None
    items = body.get(ROOT_KEY) if isinstance(body, dict) else None
    if not isinstance(items, list) or not items:
        raise BadRequestError(f"No root key ('{ROOT_KEY}') provided.")
    if not isinstance(items[0], dict):
        raise BadRequestError(f"'{ROOT_KEY}' must hold one webhook object.")
    sent: dict[str, Any] = items[0]
    return sent


def _refuse_unknown(sent: dict[str, Any], known: frozenset[str]) -> None:
    unknown = sorted(set(sent) - known)
    if unknown:
        raise ValidationError(
            "Validation error, cannot save webhook.",
            context=f"A webhook has no field '{unknown[0]}'.",
            property=unknown[0],
        )


def _integration_for(caller: ApiCaller, named: object) -> str:
    if caller.integration_id is not None:
        # An integration's webhooks are its own, whatever the body says (as in Ghost).
        return caller.integration_id
    caller.require("settings.manage")
    if not isinstance(named, str) or not named:
        raise ValidationError(
            "Validation error, cannot save webhook.",
            context="A webhook added by a staff member needs the 'integration_id' it is for.",
            property="integration_id",
        )
    return named


async def _own_webhook(session: Any, caller: ApiCaller, webhook_id: str, method: str) -> Webhook:
    try:
        hook = await webhooks.get_webhook(session, webhook_id)
    except webhooks.WebhookNotFound:
        raise NotFoundError(
            f"Resource not found error, cannot {method} webhook.",
            context="Resource could not be found.",
        ) from None
    if caller.integration_id is None:
        caller.require("settings.manage")
    elif hook.integration_id != caller.integration_id:
        verb = "destroy" if method == "delete" else method
        raise NoPermissionError(
            f"You do not have permission to {verb} this webhook.",
            context=f"You may only {verb} webhooks that belong to the authenticated "
            "integration. Check the supplied Admin API Key.",
        )
    return hook


def _invalid(exc: webhooks.WebhookInputError, method: str) -> ValidationError:
    return ValidationError(
        f"Validation error, cannot {method} webhook.",
        context=str(exc),
        property=exc.field,
        help=exc.help,
    )
