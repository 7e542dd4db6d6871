"""Helpers for the public-site tests: seed posts and site settings behind the ``client``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from lxml import html as lxml_html

from inkwell.content import site_settings
from inkwell.content.models import Post
from inkwell.core.db import Database
from tests.factories import make_post

AddPost = Callable[..., Awaitable[Post]]
SetSite = Callable[..., Awaitable[None]]


@pytest.fixture
def add_post(site_database: Database) -> AddPost:
    """Save a post (published Markdown by default) in the database behind ``client``."""

    async def add(**overrides: Any) -> Post:
        async with site_database.session() as session:
            return await make_post(session, **overrides)

    return add


@pytest.fixture
def set_site(site_database: Database) -> SetSite:
    """Change site settings (title, permalink, navigation...) behind ``client``."""

    async def update(**changes: Any) -> None:
        async with site_database.session() as session:
            await site_settings.update(session, changes)

    return update


def parse(text: str) -> Any:
    """An lxml tree of an HTML page."""
    return lxml_html.fromstring(text)


def meta_content(tree: Any, key: str) -> list[str]:
    """Contents of every ``<meta name=key>`` or ``<meta property=key>`` in the page."""
    found = tree.xpath(f'//meta[@name="{key}" or @property="{key}"]/@content')
    return [str(v) for v in found]


def by_class(tree: Any, name: str, tag: str = "*") -> list[Any]:
    """Elements (``tag``, any by default) having the class ``name``."""
    return list(
        tree.xpath(f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")
    )


def text_of(elements: list[Any]) -> list[str]:
    """The stripped text of each element."""
    return [e.text_content().strip() for e in elements]
