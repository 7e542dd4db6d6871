"""Authors' public profiles: matching imported authors, creating new ones."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import people
from inkwell.content.schemas import AuthorRef
from inkwell.core import events


async def test_an_author_is_matched_by_email_whatever_its_case(session: AsyncSession) -> None:
    known = await people.create_profile(session, name="Ada", email="ada@example.com")
    found = await people.find_or_create_author(
        session, AuthorRef(name="A. Lovelace", email="ADA@example.com")
    )
    assert found.id == known.id


async def test_a_new_profile_gets_a_free_slug(session: AsyncSession) -> None:
    first = await people.create_profile(session, name="Ada", email=None)
    second = await people.create_profile(session, name="Ada", email="b@example.com")
    assert (first.slug, second.slug) == ("ada", "ada-2")


async def test_an_unknown_author_is_created(session: AsyncSession) -> None:
    ref = AuthorRef(name="Grace Hopper", email="grace@example.com")
    created = await people.find_or_create_author(session, ref)
    assert await people.get_by_slug(session, "grace-hopper") is created


async def test_a_new_profile_is_announced(session: AsyncSession) -> None:
    user = await people.create_profile(session, name="Ada", email=None)
    assert [(e.name, e.subject_id) for e in events.queued(session)] == [("author.added", user.id)]


async def test_a_renamed_author_keeps_its_slug(session: AsyncSession) -> None:
    made = await people.create_profile(session, name="Ada", email=None)
    renamed = await people.rename_author(session, made.slug, "  Ada   Lovelace ")
    assert (renamed is made, made.name, made.slug) == (True, "Ada Lovelace", "ada")


async def test_a_rename_emits_author_edited(session: AsyncSession) -> None:
    made = await people.create_profile(session, name="Ada", email=None)
    await people.rename_author(session, made.slug, "Ada Lovelace")
    assert [(e.name, e.data["slug"]) for e in events.queued(session)][-1] == (
        "author.edited",
        "ada",
    )


async def test_renaming_an_unknown_author_finds_none(session: AsyncSession) -> None:
    assert await people.rename_author(session, "nobody", "Someone") is None
