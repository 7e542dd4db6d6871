"""Integrations and their API keys: the rules for creating, renaming, re-keying and deleting.

An integration is a named client of the APIs. It has exactly one Content API key (26 hex
characters, sent as ``?key=``) and one Admin API key (``id:secret``: the 24-hex key id and a
64-hex secret that signs the client's JWTs), shaped as Ghost's because the official clients
check the shape before sending anything.

Regenerating or deleting a key must make every cached Content API answer fetched with the old
key unreachable: those answers are tagged ``api-key:<key id>`` (see ``cache_tag``), and the
``integration.*`` events emitted here drop that tag in every process after the commit.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.service import make_slug
from inkwell.core import changes, events
from inkwell.core.ids import new_id
from inkwell.core.time import utcnow
from inkwell.ghost_api.models import ApiKey, Integration

KeyKind = Literal["content", "admin"]

MAX_NAME = 191
MAX_DESCRIPTION = 2000
CONTENT_SECRET_BYTES = 13  # 26 hex characters, as Ghost's Content API keys
ADMIN_SECRET_BYTES = 32  # 64 hex characters, as Ghost's Admin API secrets

events.declare("integration.added", "integration.edited", "integration.deleted")


def cache_tag(key_id: str) -> str:
    """The tag every cached answer fetched with the API key ``key_id`` carries."""
    return f"api-key:{key_id}"


def _stale_keys(found: events.Event) -> Iterable[str]:
    return [cache_tag(str(key_id)) for key_id in found.data.get("key_ids", ())]


changes.add_rule("integration", _stale_keys)


class IntegrationError(ValueError):
    """A refused change or an unknown integration; the message is for people."""


@dataclass(frozen=True)
class IntegrationKeys:
    """An integration with its two keys as clients use them."""

    integration: Integration
    content_api_key: str
    admin_api_key: str  # "id:secret"

    @property
    def content_key_id(self) -> str:
        """The Content API key's id (what ``cache_tag`` names)."""
        return _key(self.integration, "content").id

    @property
    def admin_key_id(self) -> str:
        """The Admin API key's id: the ``kid`` of the client's tokens."""
        return _key(self.integration, "admin").id


def _key(integration: Integration, kind: KeyKind) -> ApiKey:
    for key in integration.keys:
        if key.type == kind:
            return key
    raise IntegrationError(f"The integration “{integration.name}” has no {kind} API key.")


def _with_keys(integration: Integration) -> IntegrationKeys:
    admin = _key(integration, "admin")
    return IntegrationKeys(
        integration=integration,
        content_api_key=_key(integration, "content").secret,
        admin_api_key=f"{admin.id}:{admin.secret}",
    )


def _new_secret(kind: KeyKind) -> str:
    return secrets.token_hex(CONTENT_SECRET_BYTES if kind == "content" else ADMIN_SECRET_BYTES)


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise IntegrationError("An integration needs a name.")
    if len(cleaned) > MAX_NAME:
        raise IntegrationError(f"An integration's name has at most {MAX_NAME} characters.")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in cleaned):
        raise IntegrationError("An integration's name cannot contain control characters.")
    return cleaned


def _clean_description(description: str | None) -> str | None:
    cleaned = (description or "").strip()
    if len(cleaned) > MAX_DESCRIPTION:
        raise IntegrationError(
            f"An integration's description has at most {MAX_DESCRIPTION} characters."
        )
    return cleaned or None


async def _all(session: AsyncSession) -> list[Integration]:
    found = (await session.execute(select(Integration))).scalars().all()
    return sorted(found, key=lambda i: (i.name.casefold(), i.created_at))


async def _check_free(session: AsyncSession, name: str, *, except_id: str | None = None) -> None:
    # Names are told apart without regard to case: "Zapier" and "zapier" would be one to a
    # person typing `inkwell integration delete zapier`.
    for other in await _all(session):
        if other.id != except_id and other.name.casefold() == name.casefold():
            raise IntegrationError(f"An integration named “{other.name}” already exists.")


async def _free_slug(session: AsyncSession, name: str, *, except_id: str | None = None) -> str:
    taken = {i.slug for i in await _all(session) if i.id != except_id}
    base = make_slug(name, "integration")[: MAX_NAME - 4]
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


async def create_integration(
    session: AsyncSession, name: str, description: str | None = None
) -> IntegrationKeys:
    """A new integration called ``name`` with a fresh Content key and Admin key."""
    name = _clean_name(name)
    description = _clean_description(description)
    await _check_free(session, name)
    now = utcnow()
    integration = Integration(
        id=new_id(),
        name=name,
        slug=await _free_slug(session, name),
        description=description,
        created_at=now,
        updated_at=now,
    )
    integration.keys = [
        ApiKey(id=new_id(), type=kind, secret=_new_secret(kind), created_at=now)
        for kind in ("content", "admin")
    ]
    session.add(integration)
    await session.flush()
    events.emit(session, "integration.added", integration.id)
    return _with_keys(integration)


async def list_integrations(session: AsyncSession) -> list[IntegrationKeys]:
    """Every integration with its keys, by name."""
    return [_with_keys(i) for i in await _all(session)]


async def _get(session: AsyncSession, integration_id: str) -> Integration:
    found = await session.get(Integration, integration_id)
    if found is None:
        raise IntegrationError("That integration does not exist (any more).")
    return found


async def find_integration(session: AsyncSession, id_or_name: str) -> IntegrationKeys:
    """The integration whose id, name (any case) or slug is ``id_or_name``."""
    wanted = " ".join((id_or_name or "").split())
    every = await _all(session)
    folded = wanted.casefold()
    # Most exact first: the id, the name as typed, the name in any case, the slug.
    ranked = [
        *(i for i in every if i.id == wanted),
        *(i for i in every if i.name == wanted),
        *(i for i in every if i.name.casefold() == folded),
        *(i for i in every if i.slug == wanted),
    ]
    if ranked:
        return _with_keys(ranked[0])
    raise IntegrationError(f"No integration is named “{wanted}”.")


async def rename_integration(
    session: AsyncSession, integration_id: str, name: str, description: str | None = None
) -> IntegrationKeys:
    """Give the integration a new name (and, when given, a new description); keys stay."""
    integration = await _get(session, integration_id)
    name = _clean_name(name)
    await _check_free(session, name, except_id=integration.id)
    if name != integration.name:
        integration.slug = await _free_slug(session, name, except_id=integration.id)
        integration.name = name
    if description is not None:
        integration.description = _clean_description(description)
    integration.updated_at = utcnow()
    await session.flush()
    events.emit(session, "integration.edited", integration.id)
    return _with_keys(integration)


async def regenerate_key(
    session: AsyncSession, integration_id: str, kind: KeyKind
) -> IntegrationKeys:
    """A new secret for the integration's ``kind`` key: the old one stops working at once.

    The key keeps its id, as Ghost's does; answers cached for the old Content key are dropped.
    """
    if kind not in ("content", "admin"):
        raise IntegrationError(f"There is no {kind!r} API key; there are content and admin.")
    integration = await _get(session, integration_id)
    key = _key(integration, kind)
    key.secret = _new_secret(kind)
    integration.updated_at = utcnow()
    await session.flush()
    events.emit(session, "integration.edited", integration.id, key_ids=[key.id])
    return _with_keys(integration)


async def delete_integration(session: AsyncSession, integration_id: str) -> None:
    """Delete the integration, its keys and its webhooks."""
    integration = await _get(session, integration_id)
    key_ids = [key.id for key in integration.keys]
    await session.delete(integration)
    await session.flush()
    events.emit(session, "integration.deleted", integration_id, key_ids=key_ids)


async def api_key_by_secret(session: AsyncSession, secret: str) -> ApiKey | None:
    """The API key (of either type) whose secret is ``secret``, or None."""
    if not secret or len(secret) > 191:
        return None
    query = select(ApiKey).where(ApiKey.secret == secret)
    return (await session.execute(query)).scalar_one_or_none()


async def api_key_by_id(session: AsyncSession, key_id: str) -> ApiKey | None:
    """The API key (of either type) with the id ``key_id``, or None."""
    if not key_id or len(key_id) > 24:
        return None
    return await session.get(ApiKey, key_id)
