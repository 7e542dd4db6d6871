"""Integrations, their keys and webhooks: the one door other features (the admin) use into the
Ghost APIs' data."""

from __future__ import annotations
