"""The privacy policy page kept in step with the settings (on SQLite and PostgreSQL): written
at start, rewritten when a setting it describes changes, left alone once edited by hand or
when the page at its slug was not written by Inkwell, moved with its slug."""

from __future__ import annotations

from pathlib import Path

from inkwell.analytics import privacy_triggers
from inkwell.analytics.privacy_policy import TITLE
from inkwell.content import service as content
from inkwell.core import jobs
from inkwell.core.db import Database
from inkwell.core.mail import Mailer
from inkwell.features import first_start_async, registry
from inkwell.settings import Settings
from tests import app_on_test_database
from tests.analytics.privacy_fixtures import (
    add_page,
    edit_by_hand,
    page_at,
    refresh,
    set_analytics,
    set_comments,
    source_at,
    status,
)

# The app and the jobs run on the test's own database (SQLite and PostgreSQL).
settings = app_on_test_database.settings
site_database = app_on_test_database.site_database

HAND_TEXT = "We wrote this ourselves."


async def test_first_start_writes_the_policy_as_a_published_page(
    database: Database, settings: Settings
) -> None:
    lines = await first_start_async(database, settings)
    async with database.session() as session:
        page = await page_at(session)
        owner = await content.author_by_email(session, settings.owner_email)
    assert page is not None and page.type == "page" and page.status == "published"
    assert page.title == TITLE
    assert owner is not None and [a.id for a in page.authors] == [owner.id]
    assert "Wrote the privacy policy at /privacy/ from the current settings." in lines
    assert f"<{settings.owner_email}>" in await source_at(database)


async def test_first_start_links_the_policy_from_the_footer(
    database: Database, settings: Settings
) -> None:
    await first_start_async(database, settings)
    async with database.session() as session:
        site = await content.load_settings(session)
    assert [(i.label, i.url) for i in site.secondary_navigation] == [("Privacy", "/privacy/")]


async def test_a_second_start_writes_nothing(database: Database, settings: Settings) -> None:
    await first_start_async(database, settings)
    async with database.session() as session:
        before = await page_at(session)
    assert await refresh(database, settings) is None
    async with database.session() as session:
        after = await page_at(session)
    assert before is not None and after is not None
    assert after.updated_at == before.updated_at


async def test_turning_gravatar_on_rewrites_the_page(
    database: Database, settings: Settings
) -> None:
    await refresh(database, settings)
    await set_comments(database, gravatar=True)
    line = await refresh(database, settings)
    assert line == "Rewrote the privacy policy at /privacy/: the settings it describes changed."
    assert "**Gravatar**" in await source_at(database)
    assert (await status(database, settings)).kind == "generated"


async def test_an_akismet_key_names_akismet(database: Database, settings: Settings) -> None:
    await refresh(database, settings)
    await set_comments(database, akismet_key="k3y")
    await refresh(database, settings)
    assert "**Akismet**" in await source_at(database)


async def test_collection_off_says_nothing_is_counted(
    database: Database, settings: Settings
) -> None:
    await refresh(database, settings)
    await set_analytics(database, collection="off")
    await refresh(database, settings)
    assert "Visits are not counted" in await source_at(database)


async def test_the_retention_setting_is_the_number_shown(
    database: Database, settings: Settings
) -> None:
    await set_analytics(database, retention_days=45)
    await refresh(database, settings)
    assert "deleted after 45 days" in await source_at(database)


async def test_a_geoip_database_puts_the_country_in(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    with_geoip = settings.model_copy(update={"geoip_db": tmp_path / "countries.mmdb"})
    await refresh(database, with_geoip)
    assert "Your country is worked out" in await source_at(database)


async def test_configured_sign_in_providers_are_named(
    database: Database, settings: Settings
) -> None:
    github = settings.model_copy(
        update={"oauth_github_client_id": "id", "oauth_github_client_secret": "secret"}
    )
    await refresh(database, github)
    assert "**GitHub**, only if you choose" in await source_at(database)


async def test_a_hand_edit_is_never_overwritten(database: Database, settings: Settings) -> None:
    await refresh(database, settings)
    await edit_by_hand(database, settings, HAND_TEXT)
    await set_comments(database, gravatar=True)
    assert await refresh(database, settings) is None
    assert await source_at(database) == HAND_TEXT


async def test_an_edited_policy_reports_the_settings_changed_since(
    database: Database, settings: Settings
) -> None:
    await refresh(database, settings)
    await edit_by_hand(database, settings, HAND_TEXT)
    await set_comments(database, gravatar=True)
    found = await status(database, settings)
    assert found.kind == "edited" and found.outdated
    assert found.changed == ("Gravatar",)
    assert "**Gravatar**" in found.text_now


async def test_an_edited_policy_is_not_outdated_while_the_settings_stay(
    database: Database, settings: Settings
) -> None:
    await refresh(database, settings)
    await edit_by_hand(database, settings, HAND_TEXT)
    found = await status(database, settings)
    assert found.kind == "edited" and not found.outdated


async def test_an_imported_page_at_the_slug_is_left_alone(
    database: Database, settings: Settings
) -> None:
    page_id = await add_page(database, "privacy", HAND_TEXT)
    await first_start_async(database, settings)
    assert await source_at(database) == HAND_TEXT
    async with database.session() as session:
        assert await page_at(session, "privacy-2") is None
    found = await status(database, settings)
    assert (found.kind, found.post_id, found.outdated) == ("hand_written", page_id, True)


async def test_changing_the_slug_moves_the_page_and_its_link(
    database: Database, settings: Settings
) -> None:
    await first_start_async(database, settings)
    async with database.session() as session:
        before = await page_at(session)
    await set_analytics(database, privacy_slug="privacy-policy")
    assert await refresh(database, settings) == "Moved the privacy policy to /privacy-policy/."
    async with database.session() as session:
        moved = await page_at(session, "privacy-policy")
        old_path_leads_to = await content.find_redirect(session, "/privacy/")
        site = await content.load_settings(session)
    assert before is not None and moved is not None and moved.id == before.id
    assert old_path_leads_to is not None and old_path_leads_to.id == before.id
    assert [i.url for i in site.secondary_navigation] == ["/privacy-policy/"]


async def test_an_edited_page_moves_with_its_slug_and_keeps_its_text(
    database: Database, settings: Settings
) -> None:
    await refresh(database, settings)
    await edit_by_hand(database, settings, HAND_TEXT)
    await set_analytics(database, privacy_slug="privacy-policy")
    await refresh(database, settings)
    assert await source_at(database, "privacy-policy") == HAND_TEXT


async def test_a_slug_taken_by_another_page_makes_that_page_the_policy(
    database: Database, settings: Settings
) -> None:
    await refresh(database, settings)
    legal = await add_page(database, "legal", HAND_TEXT)
    await set_analytics(database, privacy_slug="legal")
    await refresh(database, settings)
    assert await source_at(database, "legal") == HAND_TEXT
    assert "Inkwell" in await source_at(database, "privacy")  # the old page stays
    found = await status(database, settings)
    assert (found.kind, found.post_id) == ("hand_written", legal)


async def test_a_deleted_policy_is_written_again(database: Database, settings: Settings) -> None:
    await refresh(database, settings)
    await edit_by_hand(database, settings, HAND_TEXT)
    async with database.session(write=True) as session:
        page = await page_at(session)
        assert page is not None
        await content.delete_post(session, page.id)
    await refresh(database, settings)
    assert (await status(database, settings)).kind == "generated"
    assert await source_at(database) != HAND_TEXT


async def test_a_footer_link_the_owner_removed_is_not_added_back(
    database: Database, settings: Settings
) -> None:
    await refresh(database, settings)
    async with database.session(write=True) as session:
        await content.update_settings(
            session, {"secondary_navigation": []}, site_url=settings.site_url
        )
    await set_comments(database, gravatar=True)
    await refresh(database, settings)
    async with database.session() as session:
        assert (await content.load_settings(session)).secondary_navigation == []


async def test_an_existing_footer_link_is_not_doubled(
    database: Database, settings: Settings
) -> None:
    async with database.session(write=True) as session:
        wanted = {"secondary_navigation": [{"label": "Privacy", "url": "/privacy/"}]}
        await content.update_settings(session, wanted, site_url=settings.site_url)
    await refresh(database, settings)
    async with database.session() as session:
        assert len((await content.load_settings(session)).secondary_navigation) == 1


async def test_an_unpublished_policy_stays_unpublished_when_rewritten(
    database: Database, settings: Settings
) -> None:
    await refresh(database, settings)
    async with database.session(write=True) as session:
        page = await page_at(session)
        assert page is not None
        await content.unpublish_post(session, page.id)
    await set_comments(database, gravatar=True)
    await refresh(database, settings)
    async with database.session() as session:
        page = await page_at(session)
    assert page is not None and page.status == "draft"
    assert "**Gravatar**" in await source_at(database)


async def test_a_settings_change_queues_the_refresh_job(
    database: Database, settings: Settings
) -> None:
    await refresh(database, settings)
    context = jobs.JobContext(database, settings, Mailer(settings.mail_config()))
    async with jobs.running(registry().jobs(), context) as runner:
        await set_analytics(database, retention_days=12)
        await runner.drain()
    assert "deleted after 12 days" in await source_at(database)


async def test_the_refresh_job_leaves_a_site_never_started_alone(
    database: Database, settings: Settings
) -> None:
    context = jobs.JobContext(database, settings, Mailer(settings.mail_config()))
    async with jobs.running(registry().jobs(), context) as runner:
        await set_analytics(database, retention_days=12)
        await runner.drain()
    async with database.session() as session:
        assert await page_at(session) is None


def test_only_settings_that_feed_the_text_queue_a_refresh() -> None:
    assert privacy_triggers.feeds_the_text(["analytics.retention_days"])
    assert privacy_triggers.feeds_the_text(["comments.gravatar"])
    assert privacy_triggers.feeds_the_text(["title"])
    assert not privacy_triggers.feeds_the_text(["secondary_navigation", "accent_color"])
