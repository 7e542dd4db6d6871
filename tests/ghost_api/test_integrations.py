"""Integrations and their keys: shapes the official clients accept, names, re-keying, deletion."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core import events
from inkwell.ghost_api import integrations
from inkwell.ghost_api.integrations import IntegrationError
from inkwell.ghost_api.models import ApiKey, Integration, Webhook

CONTENT_KEY = re.compile(r"^[0-9a-f]{26}$")
ADMIN_KEY = re.compile(r"^[0-9a-f]{24}:[0-9a-f]{64}$")


async def test_a_new_integration_has_keys_shaped_as_ghosts(session: AsyncSession) -> None:
    made = await integrations.create_integration(session, "Zapier")
    assert CONTENT_KEY.match(made.content_api_key)
    assert ADMIN_KEY.match(made.admin_api_key)
    assert made.admin_api_key.split(":")[0] == made.admin_key_id


async def test_every_integration_gets_its_own_keys(session: AsyncSession) -> None:
    first = await integrations.create_integration(session, "One")
    second = await integrations.create_integration(session, "Two")
    assert first.content_api_key != second.content_api_key
    assert first.admin_api_key != second.admin_api_key


async def test_the_name_is_trimmed_and_slugged(session: AsyncSession) -> None:
    made = await integrations.create_integration(session, "  My   static site ", "Builds it")
    assert made.integration.name == "My static site"
    assert made.integration.slug == "my-static-site"
    assert made.integration.description == "Builds it"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "needs a name"),
        ("   ", "needs a name"),
        ("x" * 192, "at most 191"),
        ("a\x00b", "control"),
    ],
)
async def test_a_bad_name_is_refused(session: AsyncSession, name: str, message: str) -> None:
    with pytest.raises(IntegrationError, match=message):
        await integrations.create_integration(session, name)
    assert await session.scalar(select(func.count()).select_from(Integration)) == 0


async def test_a_taken_name_is_refused_whatever_its_case(session: AsyncSession) -> None:
    await integrations.create_integration(session, "Zapier")
    with pytest.raises(IntegrationError, match="already exists"):
        await integrations.create_integration(session, "ZAPIER")
    assert await session.scalar(select(func.count()).select_from(Integration)) == 1


async def test_names_that_slug_alike_get_different_slugs(session: AsyncSession) -> None:
    first = await integrations.create_integration(session, "My site")
    second = await integrations.create_integration(session, "My-site")
    assert {first.integration.slug, second.integration.slug} == {"my-site", "my-site-2"}


async def test_the_list_is_by_name(session: AsyncSession) -> None:
    for name in ("beta", "Alpha", "gamma"):
        await integrations.create_integration(session, name)
    listed = await integrations.list_integrations(session)
    assert [item.integration.name for item in listed] == ["Alpha", "beta", "gamma"]


@pytest.mark.parametrize("how", ["id", "name", "other case", "slug"])
async def test_an_integration_is_found_by_id_name_or_slug(session: AsyncSession, how: str) -> None:
    made = await integrations.create_integration(session, "Static Site")
    wanted = {
        "id": made.integration.id,
        "name": "Static Site",
        "other case": "static site",
        "slug": "static-site",
    }[how]
    found = await integrations.find_integration(session, wanted)
    assert found.admin_api_key == made.admin_api_key


async def test_an_unknown_integration_is_named_in_the_refusal(session: AsyncSession) -> None:
    with pytest.raises(IntegrationError, match="No integration is named “Nope”"):
        await integrations.find_integration(session, "Nope")


async def test_renaming_keeps_the_keys(session: AsyncSession) -> None:
    made = await integrations.create_integration(session, "Old name")
    renamed = await integrations.rename_integration(session, made.integration.id, "New name")
    assert renamed.integration.name == "New name"
    assert renamed.integration.slug == "new-name"
    assert renamed.content_api_key == made.content_api_key
    assert renamed.admin_api_key == made.admin_api_key


async def test_renaming_to_a_taken_name_is_refused(session: AsyncSession) -> None:
    await integrations.create_integration(session, "Taken")
    made = await integrations.create_integration(session, "Mine")
    with pytest.raises(IntegrationError, match="already exists"):
        await integrations.rename_integration(session, made.integration.id, "taken")
    assert (await integrations.find_integration(session, made.integration.id)).integration.name == (
        "Mine"
    )


async def test_renaming_to_its_own_name_in_another_case_is_allowed(session: AsyncSession) -> None:
    made = await integrations.create_integration(session, "mine")
    renamed = await integrations.rename_integration(session, made.integration.id, "Mine")
    assert renamed.integration.name == "Mine"


async def test_regenerating_the_content_key_changes_only_it(session: AsyncSession) -> None:
    made = await integrations.create_integration(session, "Site")
    old_content = made.content_api_key
    new = await integrations.regenerate_key(session, made.integration.id, "content")
    assert CONTENT_KEY.match(new.content_api_key)
    assert new.content_api_key != old_content
    assert new.admin_api_key == made.admin_api_key
    assert await integrations.api_key_by_secret(session, old_content) is None


async def test_regenerating_the_admin_key_keeps_its_id_and_changes_its_secret(
    session: AsyncSession,
) -> None:
    made = await integrations.create_integration(session, "Script")
    old_admin = made.admin_api_key
    new = await integrations.regenerate_key(session, made.integration.id, "admin")
    assert ADMIN_KEY.match(new.admin_api_key)
    assert new.admin_api_key.split(":")[0] == old_admin.split(":")[0]
    assert new.admin_api_key.split(":")[1] != old_admin.split(":")[1]


async def test_regenerating_drops_the_cached_answers_of_the_old_key(
    heard: list[events.Event], session: AsyncSession
) -> None:
    made = await integrations.create_integration(session, "Site")
    await session.commit()
    await integrations.regenerate_key(session, made.integration.id, "content")
    await session.commit()
    found = [e for e in heard if e.name == "integration.edited"]
    from inkwell.core import changes

    assert changes.tags_for(found[-1]) == {f"api-key:{made.content_key_id}"}


async def test_deleting_removes_the_keys_and_webhooks(session: AsyncSession) -> None:
    made = await integrations.create_integration(session, "Gone")
    session.add(
        Webhook(
            integration_id=made.integration.id, event="post.published", target_url="https://x.test"
        )
    )
    await session.flush()
    await integrations.delete_integration(session, made.integration.id)
    await session.commit()
    for table in (Integration, ApiKey, Webhook):
        assert await session.scalar(select(func.count()).select_from(table)) == 0


async def test_deleting_drops_the_cached_answers_of_both_keys(
    heard: list[events.Event], session: AsyncSession
) -> None:
    from inkwell.core import changes

    made = await integrations.create_integration(session, "Gone")
    await integrations.delete_integration(session, made.integration.id)
    await session.commit()
    deleted = [e for e in heard if e.name == "integration.deleted"]
    assert changes.tags_for(deleted[0]) == {
        f"api-key:{made.content_key_id}",
        f"api-key:{made.admin_key_id}",
    }


async def test_deleting_an_unknown_integration_is_refused(session: AsyncSession) -> None:
    with pytest.raises(IntegrationError, match="does not exist"):
        await integrations.delete_integration(session, "0" * 24)


async def test_an_unknown_key_kind_is_refused(session: AsyncSession) -> None:
    made = await integrations.create_integration(session, "Site")
    with pytest.raises(IntegrationError, match="content and admin"):
        await integrations.regenerate_key(session, made.integration.id, "member")  # type: ignore[arg-type]


async def test_a_key_is_found_by_secret_and_by_id(session: AsyncSession) -> None:
    made = await integrations.create_integration(session, "Site")
    by_secret = await integrations.api_key_by_secret(session, made.content_api_key)
    assert by_secret is not None and by_secret.type == "content"
    by_id = await integrations.api_key_by_id(session, made.admin_key_id)
    assert by_id is not None and by_id.type == "admin"
    assert await integrations.api_key_by_secret(session, "") is None
    assert await integrations.api_key_by_id(session, "x" * 500) is None
