"""The analytics settings form ``/admin/settings/analytics/`` and its Stats API keys: every
setting round-trips through the analytics service; a refused value is named at its field and
nothing is stored; a key is shown once, kept as a digest, and revoked. On SQLite and
PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import html as lxml_html
from sqlalchemy import select

from inkwell.analytics import keys
from inkwell.analytics import service as analytics
from inkwell.analytics.models import StatsKey
from inkwell.core.db import Database
from tests.admin.conftest import SignIn, Staffer

PATH = "/admin/settings/analytics/"
KEYS = PATH + "keys"


def form(**changes: Any) -> dict[str, Any]:
    """The form as the page sends it with the default settings, then ``changes``."""
    sent: dict[str, Any] = {
        "collection": "script",
        "script_path": "/js/stats.js",
        "event_path": "/api/event",
        "pixel_path": "/api/pixel.gif",
        "honour_dnt": "1",
        "exclude_staff": "1",
        "retention_days": "30",
        "privacy_slug": "privacy",
    }
    sent.update(changes)
    return {key: value for key, value in sent.items() if value is not None}


async def stored(database: Database) -> analytics.AnalyticsSettings:
    async with database.session() as session:
        return await analytics.read_settings(session)


async def stored_keys(database: Database) -> list[StatsKey]:
    async with database.session() as session:
        return list((await session.scalars(select(StatsKey))).all())


async def test_the_form_shows_every_setting_with_help(owner: Staffer) -> None:
    page = lxml_html.fromstring((await owner.get(PATH)).text)
    fields = page.xpath("//form[@action=$path]//*[@name][not(@type='hidden')]", path=PATH)
    assert {field.get("name") for field in fields} == set(analytics.AnalyticsSettings.model_fields)
    for field in fields:
        assert field.get("aria-describedby"), f"{field.get('name')} has no help text"


async def test_saved_settings_are_stored_and_come_back_in_the_form(
    owner: Staffer, site_database: Database
) -> None:
    answer = await owner.post(
        PATH,
        form(
            collection="server",
            script_path="/s/count.js",
            event_path="/s/e",
            pixel_path="/s/p.gif",
            honour_dnt=None,
            custom_events="1",
            retention_days="90",
            privacy_slug="Data-Use",
        ),
    )
    assert answer.headers["location"] == f"{PATH}?done=settings"
    saved = await stored(site_database)
    assert (saved.collection, saved.script_path, saved.event_path) == (
        "server",
        "/s/count.js",
        "/s/e",
    )
    assert (saved.honour_dnt, saved.custom_events, saved.outbound_links) == (False, True, False)
    assert (saved.retention_days, saved.privacy_slug) == (90, "data-use")
    page = (await owner.get(PATH)).text
    assert '<option value="server" selected>' in page
    assert 'id="retention_days" name="retention_days" value="90"' in page


BAD_VALUES = [
    (
        "collection",
        "sometimes",
        "Input should be &#39;script&#39;, &#39;server&#39; or &#39;off&#39;",
    ),
    ("script_path", "stats.js", "is not a path such as /js/stats.js"),
    ("event_path", "/admin/event", "is a path the site already uses"),
    ("pixel_path", "/a//b.gif", "is not a path such as /js/stats.js"),
    ("retention_days", "0", "Input should be greater than or equal to 1."),
    ("retention_days", "4000", "Input should be less than or equal to 3650."),
    ("retention_days", "a month", "Input should be a valid integer"),
    ("privacy_slug", "our policy!", "is not a slug such as privacy"),
    ("event_path", "/js/stats.js", "The beacon, event and pixel paths must differ."),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_VALUES)
async def test_a_refused_value_is_named_at_its_field_and_nothing_is_stored(
    owner: Staffer, site_database: Database, field: str, value: str, message: str
) -> None:
    before = await stored(site_database)
    # Other changes in the same form are not stored either.
    answer = await owner.post(PATH, form(**{"honour_dnt": None, field: value}))
    assert answer.status_code == 422
    page = lxml_html.fromstring(answer.text)
    (error,) = page.xpath('//p[@class="field-error"]')
    assert error.get("id") == f"{field}-error"
    assert message in answer.text
    assert page.xpath(f'//*[@id="{field}"]/@aria-invalid') == ["true"]
    assert await stored(site_database) == before


async def test_only_those_who_manage_settings_see_the_form(
    sign_in: SignIn, site_database: Database
) -> None:
    editor = await sign_in("editor")
    assert (await editor.get(PATH)).status_code == 403
    assert (await editor.post(PATH, form(collection="off"))).status_code == 403
    assert (await editor.post(KEYS, {"name": "Mine"})).status_code == 403
    assert (await stored(site_database)).collection == "script"
    assert await stored_keys(site_database) == []


async def test_the_form_wants_the_csrf_token(owner: Staffer, site_database: Database) -> None:
    answer = await owner.http.post(PATH, data=form(collection="off"))
    assert answer.status_code == 403
    assert (await stored(site_database)).collection == "script"


async def test_a_new_key_is_shown_once_and_kept_as_a_digest(
    owner: Staffer, site_database: Database
) -> None:
    answer = await owner.post(KEYS, {"name": "  Grafana   board "})
    assert answer.status_code == 201
    assert answer.headers["cache-control"] == "no-store"
    page = lxml_html.fromstring(answer.text)
    (key,) = page.xpath("//input[@id='new-key-value']/@value")
    assert "Copy it now: it is shown this once." in answer.text
    (row,) = await stored_keys(site_database)
    assert (row.name, row.key_hash, row.hint) == ("Grafana board", keys.digest(key), key[:8])
    async with site_database.session() as session:
        assert (await keys.verify(session, key)) is not None
    again = (await owner.get(PATH)).text
    assert key not in again
    assert f"<code>{key[:8]}…</code>" in again


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "A Stats API key needs a name."),
        ("x" * 101, "A Stats API key&#39;s name has at most 100 characters."),
        ("Grafana", "A Stats API key named “Grafana” already exists."),
    ],
)
async def test_a_refused_key_name_is_said_at_the_field_and_nothing_is_stored(
    owner: Staffer, site_database: Database, name: str, message: str
) -> None:
    await owner.post(KEYS, {"name": "Grafana"})
    answer = await owner.post(KEYS, {"name": name})
    assert answer.status_code == 422
    page = lxml_html.fromstring(answer.text)
    assert page.xpath("string(//p[@id='key_name-error'])") == message.replace("&#39;", "'")
    assert not page.xpath("//input[@id='new-key-value']")
    assert [row.name for row in await stored_keys(site_database)] == ["Grafana"]


async def test_a_revoked_key_stops_working(owner: Staffer, site_database: Database) -> None:
    made = lxml_html.fromstring((await owner.post(KEYS, {"name": "Old script"})).text)
    (key,) = made.xpath("//input[@id='new-key-value']/@value")
    answer = await owner.post(KEYS + "/revoke", {"name": "Old script"})
    assert answer.headers["location"] == f"{PATH}?done=stats-key-revoked"
    assert await stored_keys(site_database) == []
    async with site_database.session() as session:
        assert (await keys.verify(session, key)) is None
    assert (
        "Stats API key revoked: it no longer works."
        in (await owner.get(answer.headers["location"])).text
    )


async def test_revoking_an_unknown_key_is_a_404(owner: Staffer) -> None:
    answer = await owner.post(KEYS + "/revoke", {"name": "Nobody"})
    assert answer.status_code == 404
    assert "No Stats API key is named “Nobody”." in answer.text
