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

__all__ = [
    "ApiKey",
    "Integration",
    "IntegrationError",
    "IntegrationKeys",
    "KeyKind",
    "Webhook",
    "create_integration",
    "delete_integration",
    "find_integration",
    "list_integrations",
    "regenerate_key",
    "rename_integration",
]
