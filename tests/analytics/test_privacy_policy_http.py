"""The privacy policy as readers and the owner meet it: served at /privacy/, linked from the
footer, in the sitemap, and explained on its editor page (on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from fastapi import FastAPI
from httpx import AsyncClient
from lxml import html as lxml_html
from lxml.html import HtmlElement

from inkwell.core.db import Database
from inkwell.settings import Settings
from inkwell.static_export.crawler import build_site
from tests import app_on_test_database
from tests.admin import conftest as admin_fixtures
from tests.admin.conftest import Staffer
from tests.analytics.privacy_fixtures import (
    add_page,
    edit_by_hand,
    page_at,
    refresh,
    set_comments,
)

# The app runs on the test's own database; the owner signs in as in the admin's tests.
settings = app_on_test_database.settings
site_database = app_on_test_database.site_database
admin_app = admin_fixtures.admin_app
anonymous = admin_fixtures.anonymous
sign_in = admin_fixtures.sign_in
owner = admin_fixtures.owner


async def editor_of(database: Database, owner: Staffer, slug: str = "privacy") -> str:
    """The editor page of the page at ``slug``."""
    async with database.session() as session:
        page = await page_at(session, slug)
    assert page is not None
    answer = await owner.get(f"/admin/pages/{page.id}/edit")
    assert answer.status_code == 200
    return answer.text


def elements(page: str, xpath: str) -> list[HtmlElement]:
    """The elements of ``page`` at ``xpath``."""
    return cast(list[HtmlElement], lxml_html.fromstring(page).xpath(xpath))


def strings(page: str, xpath: str) -> list[str]:
    """The attribute values or texts of ``page`` at ``xpath``."""
    return [str(value) for value in cast(list[str], lxml_html.fromstring(page).xpath(xpath))]


def notice_of(page: str) -> str:
    """The text of the editor's privacy notice ('' when there is none)."""
    found = elements(page, "//*[@id='privacy-notice']")
    return " ".join(found[0].text_content().split()) if found else ""


async def test_the_policy_is_served_at_its_slug(
    database: Database, settings: Settings, anonymous: AsyncClient
) -> None:
    await refresh(database, settings)
    answer = await anonymous.get("/privacy/")
    assert answer.status_code == 200
    assert "Privacy policy" in elements(answer.text, "//h1")[0].text_content()
    assert "No cookie is set while you read" in answer.text


async def test_the_footer_links_the_policy(
    database: Database, settings: Settings, anonymous: AsyncClient
) -> None:
    await refresh(database, settings)
    home = (await anonymous.get("/")).text
    links = strings(home, "//footer//nav[@aria-label='Secondary']//a/@href")
    assert links == ["http://blog.test/privacy/"]


async def test_the_sitemap_lists_the_policy(
    database: Database, settings: Settings, anonymous: AsyncClient
) -> None:
    await refresh(database, settings)
    sitemap = await anonymous.get("/sitemap-pages.xml")
    assert sitemap.status_code == 200
    assert "http://blog.test/privacy/" in sitemap.text


async def test_a_settings_change_in_the_app_rewrites_the_served_page(
    database: Database, settings: Settings, anonymous: AsyncClient, admin_app: FastAPI
) -> None:
    await refresh(database, settings)
    await anonymous.get("/privacy/")  # now in the response cache
    await set_comments(database, gravatar=True)
    await admin_app.state.jobs.drain()
    assert "pictures come from Gravatar" in (await anonymous.get("/privacy/")).text


async def test_the_generated_policy_says_editing_makes_it_yours(
    database: Database, settings: Settings, owner: Staffer
) -> None:
    await refresh(database, settings)
    notice = notice_of(await editor_of(database, owner))
    assert "Inkwell writes this privacy policy from your settings" in notice


async def test_an_edited_policy_warns_when_the_settings_drift(
    database: Database, settings: Settings, owner: Staffer
) -> None:
    await refresh(database, settings)
    await edit_by_hand(database, settings, "Our own words.")
    await set_comments(database, gravatar=True)
    page = await editor_of(database, owner)
    warning = elements(page, "//*[@id='privacy-notice']")[0]
    assert warning.get("class") == "warning" and warning.get("role") == "alert"
    assert "changed since Inkwell last wrote it: Gravatar" in notice_of(page)
    assert (
        "pictures come from Gravatar"
        in elements(page, "//*[@id='privacy-notice']//pre")[0].text_content()
    )


async def test_an_edited_policy_without_drift_does_not_warn(
    database: Database, settings: Settings, owner: Staffer
) -> None:
    await refresh(database, settings)
    await edit_by_hand(database, settings, "Our own words.")
    page = await editor_of(database, owner)
    notice = elements(page, "//*[@id='privacy-notice']")[0]
    assert notice.get("class") == "notice"
    assert "have not changed since" in notice_of(page)


async def test_an_imported_policy_is_called_hand_written(
    database: Database, settings: Settings, owner: Staffer
) -> None:
    await add_page(database, "privacy", "Imported words.")
    await refresh(database, settings)
    assert "was not written by Inkwell" in notice_of(await editor_of(database, owner))


async def test_other_pages_carry_no_privacy_notice(
    database: Database, settings: Settings, owner: Staffer
) -> None:
    await refresh(database, settings)
    await add_page(database, "about", "About us.")
    assert notice_of(await editor_of(database, owner, "about")) == ""


async def test_the_static_build_includes_the_policy(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    await refresh(database, settings)
    out = tmp_path / "site"
    await build_site(settings, out)
    built = (out / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "No cookie is set while you read" in built
