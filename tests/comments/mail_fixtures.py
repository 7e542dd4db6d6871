"""Fixtures for the comment email tests: an app on the test's database whose mail goes to the
real local SMTP server, and helpers to read what arrived.

Import the fixtures into a test module with ``from tests.comments.mail_fixtures import ...``.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from email.message import EmailMessage

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from inkwell.app import create_app
from inkwell.core.db import Database
from inkwell.settings import Settings
from tests.conftest import LocalSMTPServer

SITE = "http://blog.test"
AUTHOR = "author@example.com"  # the author tests.factories gives every post


@dataclass
class MailSite:
    """A running app, its HTTP client and the SMTP server its mail goes to."""

    app: FastAPI
    http: AsyncClient
    smtp: LocalSMTPServer

    async def settle(self) -> None:
        """Wait until every job (and every job those enqueued) has run."""
        await self.app.state.jobs.drain()

    def mails_to(self, address: str) -> list[EmailMessage]:
        """The messages that reached ``address``, oldest first."""
        return [m for m in self.smtp.messages if m["To"] == address]


@pytest.fixture
async def mail_site(
    settings: Settings, site_database: Database, smtp_server: LocalSMTPServer
) -> AsyncIterator[MailSite]:
    """An app on the test's database (SQLite or PostgreSQL) mailing through ``smtp_server``."""
    mailing = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "smtp_starttls": False}
    )
    app = create_app(mailing)
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url=SITE) as http:
            yield MailSite(app, http, smtp_server)


def text_of(message: EmailMessage) -> str:
    """The plain text part."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def html_of(message: EmailMessage) -> str:
    """The HTML part."""
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def link_in(message: EmailMessage, kind: str) -> str:
    """The site path of the first ``/comments/<kind>/...`` link in the plain text part."""
    found = re.search(rf"{re.escape(SITE)}(/comments/{kind}/\S+)", text_of(message))
    assert found, text_of(message)
    return found.group(1)


def unsubscribe_path(message: EmailMessage) -> str:
    """The site path the ``List-Unsubscribe`` header names."""
    found = re.fullmatch(
        rf"<{re.escape(SITE)}(/comments/unsubscribe/[^>\s]+)>", message["List-Unsubscribe"]
    )
    assert found, message["List-Unsubscribe"]
    return found.group(1)
