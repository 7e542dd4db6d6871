"""Integrations in the admin: created, shown with their keys, renamed, re-keyed, deleted, with
their webhooks; for the owner and administrators only."""

from __future__ import annotations

import html
import re

import pytest
from httpx import Response

from inkwell.core.db import Database
from inkwell.ghost_api import service as ghost
from tests.admin.conftest import SignIn, Staffer

ID_IN_LOCATION = re.compile(r"^/admin/integrations/([0-9a-f]{24})/\?done=integration-created$")


async def _create(staffer: Staffer, name: str = "Static site") -> str:
    answer = await staffer.post("/admin/integrations/", {"name": name, "description": ""})
    assert answer.status_code == 303, answer.text
    found = ID_IN_LOCATION.match(answer.headers["location"])
    assert found, answer.headers["location"]
    return found.group(1)


async def _keys(database: Database, integration_id: str) -> ghost.IntegrationKeys:
    async with database.session() as session:
        return await ghost.find_integration(session, integration_id)


def _text(answer: Response) -> str:
    return html.unescape(answer.text)


async def test_the_navigation_shows_integrations_to_the_owner(owner: Staffer) -> None:
    assert 'href="/admin/integrations/"' in (await owner.get("/admin/")).text


@pytest.mark.parametrize("role", ["editor", "author", "contributor"])
async def test_integrations_are_for_owner_and_administrators_only(
    sign_in: SignIn, role: str
) -> None:
    staffer = await sign_in(role)
    assert 'href="/admin/integrations/"' not in (await staffer.get("/admin/")).text
    assert (await staffer.get("/admin/integrations/")).status_code == 403
    refused = await staffer.post("/admin/integrations/", {"name": "Sneaky"})
    assert refused.status_code == 403


async def test_an_administrator_creates_one_and_sees_both_keys(
    sign_in: SignIn, site_database: Database
) -> None:
    administrator = await sign_in("administrator")
    integration_id = await _create(administrator)
    page = await administrator.get(
        f"/admin/integrations/{integration_id}/?done=integration-created"
    )
    keys = await _keys(site_database, integration_id)
    assert page.status_code == 200
    assert f'value="{keys.content_api_key}"' in page.text
    assert f'value="{keys.admin_api_key}"' in page.text
    assert 'data-copy="content-api-key"' in page.text
    assert "give its keys to the script" in page.text


async def test_the_keys_page_is_never_stored_by_a_cache(owner: Staffer) -> None:
    integration_id = await _create(owner)
    page = await owner.get(f"/admin/integrations/{integration_id}/")
    assert "no-store" in page.headers["cache-control"]


async def test_the_list_links_each_integration(owner: Staffer) -> None:
    integration_id = await _create(owner, "Zapier")
    listing = await owner.get("/admin/integrations/")
    assert f'href="/admin/integrations/{integration_id}/">Zapier</a>' in listing.text


async def test_a_nameless_integration_is_refused_next_to_the_field(owner: Staffer) -> None:
    answer = await owner.post("/admin/integrations/", {"name": "  "})
    assert answer.status_code == 422
    assert 'id="integration-name-error"' in answer.text
    assert "No integrations yet" in answer.text


async def test_a_taken_name_is_refused(owner: Staffer) -> None:
    await _create(owner, "Zapier")
    answer = await owner.post("/admin/integrations/", {"name": "zapier"})
    assert answer.status_code == 422
    assert "already exists" in _text(answer)


async def test_renaming_keeps_the_keys(owner: Staffer, site_database: Database) -> None:
    integration_id = await _create(owner, "Old")
    before = await _keys(site_database, integration_id)
    answer = await owner.post(
        f"/admin/integrations/{integration_id}/", {"name": "New", "description": "Builds the site"}
    )
    assert answer.status_code == 303
    after = await _keys(site_database, integration_id)
    assert (after.integration.name, after.integration.description) == ("New", "Builds the site")
    assert after.admin_api_key == before.admin_api_key


async def test_renaming_to_a_taken_name_shows_the_page_again_with_the_error(
    owner: Staffer, site_database: Database
) -> None:
    await _create(owner, "Taken")
    integration_id = await _create(owner, "Mine")
    answer = await owner.post(f"/admin/integrations/{integration_id}/", {"name": "Taken"})
    assert answer.status_code == 422
    assert "already exists" in _text(answer)
    assert (await _keys(site_database, integration_id)).integration.name == "Mine"


@pytest.mark.parametrize("kind", ["content", "admin"])
async def test_regenerating_a_key_replaces_only_that_key(
    owner: Staffer, site_database: Database, kind: str
) -> None:
    integration_id = await _create(owner)
    before = await _keys(site_database, integration_id)
    answer = await owner.post(f"/admin/integrations/{integration_id}/regenerate", {"kind": kind})
    assert answer.status_code == 303
    assert answer.headers["location"].endswith(f"done={kind}-key-regenerated")
    after = await _keys(site_database, integration_id)
    changed = {
        "content": after.content_api_key != before.content_api_key,
        "admin": after.admin_api_key != before.admin_api_key,
    }
    assert changed == {"content": kind == "content", "admin": kind == "admin"}


async def test_regenerating_asks_for_confirmation(owner: Staffer) -> None:
    integration_id = await _create(owner)
    page = await owner.get(f"/admin/integrations/{integration_id}/")
    assert page.text.count('data-confirm="Make a new') == 2


async def test_regenerating_an_unknown_kind_of_key_is_refused(
    owner: Staffer, site_database: Database
) -> None:
    integration_id = await _create(owner)
    before = await _keys(site_database, integration_id)
    answer = await owner.post(f"/admin/integrations/{integration_id}/regenerate", {"kind": "x"})
    assert answer.status_code == 400
    assert (await _keys(site_database, integration_id)).content_api_key == before.content_api_key


async def test_deleting_removes_it(owner: Staffer, site_database: Database) -> None:
    integration_id = await _create(owner, "Gone")
    answer = await owner.post(f"/admin/integrations/{integration_id}/delete")
    assert answer.headers["location"] == "/admin/integrations/?done=deleted"
    async with site_database.session() as session:
        assert await ghost.list_integrations(session) == []


async def test_an_unknown_integration_is_a_404_page(owner: Staffer) -> None:
    answer = await owner.get(f"/admin/integrations/{'0' * 24}/")
    assert answer.status_code == 404


async def test_a_webhook_is_added_and_listed_with_its_last_delivery(
    owner: Staffer, site_database: Database
) -> None:
    integration_id = await _create(owner)
    answer = await owner.post(
        f"/admin/integrations/{integration_id}/webhooks/",
        {"event": "post.published", "target_url": "https://hooks.example.com/in", "name": "Build"},
    )
    assert answer.status_code == 303, answer.text
    async with site_database.session(write=True) as session:
        (hook,) = await ghost.list_webhooks(session, integration_id)
        hook.last_triggered_status = 500
        hook.last_triggered_error = "The target answered 500."
        from inkwell.core.time import utcnow

        hook.last_triggered_at = utcnow()
    page = _text(await owner.get(f"/admin/integrations/{integration_id}/"))
    assert "<code>post.published</code>" in page
    assert "<code>https://hooks.example.com/in</code>" in page
    assert "The target answered 500." in page
    assert 'class="status status-failed">500<' in page


async def test_a_webhook_not_triggered_yet_says_so(owner: Staffer) -> None:
    integration_id = await _create(owner)
    await owner.post(
        f"/admin/integrations/{integration_id}/webhooks/",
        {"event": "site.changed", "target_url": "https://hooks.example.com/in"},
    )
    page = await owner.get(f"/admin/integrations/{integration_id}/")
    assert "Not triggered yet" in page.text


async def test_a_bad_webhook_is_refused_next_to_its_field(
    owner: Staffer, site_database: Database
) -> None:
    integration_id = await _create(owner)
    answer = await owner.post(
        f"/admin/integrations/{integration_id}/webhooks/",
        {"event": "post.published", "target_url": "not a url"},
    )
    assert answer.status_code == 422
    assert 'id="webhook-target-url-error"' in answer.text
    assert 'value="not a url"' in answer.text
    async with site_database.session() as session:
        assert await ghost.list_webhooks(session, integration_id) == []


async def test_a_webhook_without_event_is_refused(owner: Staffer) -> None:
    integration_id = await _create(owner)
    answer = await owner.post(
        f"/admin/integrations/{integration_id}/webhooks/",
        {"event": "", "target_url": "https://hooks.example.com/in"},
    )
    assert answer.status_code == 422
    assert 'id="webhook-event-error"' in answer.text


async def test_a_webhook_is_deleted(owner: Staffer, site_database: Database) -> None:
    integration_id = await _create(owner)
    await owner.post(
        f"/admin/integrations/{integration_id}/webhooks/",
        {"event": "tag.added", "target_url": "https://hooks.example.com/in"},
    )
    async with site_database.session() as session:
        (hook,) = await ghost.list_webhooks(session, integration_id)
    answer = await owner.post(f"/admin/integrations/{integration_id}/webhooks/{hook.id}/delete")
    assert answer.headers["location"].endswith("done=webhook-deleted")
    async with site_database.session() as session:
        assert await ghost.list_webhooks(session, integration_id) == []


async def test_a_webhook_of_another_integration_is_not_deleted_through_this_one(
    owner: Staffer, site_database: Database
) -> None:
    mine = await _create(owner, "Mine")
    theirs = await _create(owner, "Theirs")
    await owner.post(
        f"/admin/integrations/{theirs}/webhooks/",
        {"event": "tag.added", "target_url": "https://hooks.example.com/in"},
    )
    async with site_database.session() as session:
        (hook,) = await ghost.list_webhooks(session, theirs)
    await owner.post(f"/admin/integrations/{mine}/webhooks/{hook.id}/delete")
    async with site_database.session() as session:
        assert len(await ghost.list_webhooks(session, theirs)) == 1


async def test_a_form_without_the_csrf_token_changes_nothing(
    owner: Staffer, site_database: Database
) -> None:
    integration_id = await _create(owner)
    answer = await owner.http.post(f"/admin/integrations/{integration_id}/delete")
    assert answer.status_code == 403
    assert (await _keys(site_database, integration_id)).integration.id == integration_id
