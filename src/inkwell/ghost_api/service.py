"""Integrations, their keys and webhooks: the one door other features (the admin) use into the
Ghost APIs' data."""

from __future__ import annotations

from inkwell.ghost_api.integrations import (
    IntegrationError,
    IntegrationKeys,
    KeyKind,
    create_integration,
    delete_integration,
    find_integration,
    list_integrations,
    regenerate_key,
    rename_integration,
)
from inkwell.ghost_api.models import ApiKey, Integration, Webhook
from inkwell.ghost_api.webhooks import (
    WEBHOOK_EVENTS,
    WebhookInputError,
    WebhookNotFound,
    add_webhook,
    delete_webhook,
    list_webhooks,
)

__all__ = [
    "WEBHOOK_EVENTS",
    "ApiKey",
    "Integration",
    "IntegrationError",
    "IntegrationKeys",
    "KeyKind",
    "Webhook",
    "WebhookInputError",
    "WebhookNotFound",
    "add_webhook",
    "create_integration",
    "delete_integration",
    "delete_webhook",
    "find_integration",
    "list_integrations",
    "list_webhooks",
    "regenerate_key",
    "rename_integration",
]
