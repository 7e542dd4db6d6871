"""``inkwell export ghost``: a Ghost JSON export Ghost's importer reads, and that an empty
Inkwell site imports back with every field of every row unchanged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from inkwell.accounts.service import create_user
from inkwell.cli import app
from inkwell.content.service import (
    PostInput,
    create_author_profile,
    load_settings,
    render_options,
    save_post,
    update_settings,
)
from inkwell.core.db import Base
from inkwell.ghost_api.export import build_export
from inkwell.importers.ghost_json.run import import_ghost
from inkwell.render import lexical
from inkwell.settings import Settings
from tests.importers.ghost_support import ghost_fixture

EXPORTED_ON = datetime(2026, 12, 1, 12, tzinfo=UTC)
TABLES = ("posts", "tags", "users", "posts_tags", "posts_authors", "settings")
ORDER = {"posts_tags": "post_id, tag_id", "posts_authors": "post_id, author_id", "settings": "key"}


async def snapshot(session: AsyncSession) -> dict[str, list[dict[str, Any]]]:
    """Every row of the content tables, every column."""
    rows = {}
    for table in TABLES:
        order = ORDER.get(table, "id")
        result = await session.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))
        rows[table] = [dict(row._mapping) for row in result]
    return rows


async def empty_site(session: AsyncSession) -> None:
    for table in reversed(Base.metadata.sorted_tables):
        await session.execute(table.delete())
    await session.flush()
    session.expunge_all()


async def build_site(session: AsyncSession, settings: Settings) -> None:
    """A site with a bit of everything: Ghost imports, native posts, a staff user, settings."""
    for version in (4, 5, 6):
        await import_ghost(session, ghost_fixture(version), settings=settings)
    await update_settings(
        session,
        {"code_theme_dark": "dracula", "outbound_link_tagging": False, "posts_per_page": 7},
        site_url=settings.site_url,
    )
    options = render_options(await load_settings(session), settings.site_url)
    await create_author_profile(session, name="No Mail", email=None, slug="no-mail")
    await save_post(
        session,
        PostInput(
            title="Native Markdown",
            guid="https://old.example/?p=12",
            status="published",
            source="# Hello\n\n::: callout 💡\nA *card*\n:::\n\n![A](/content/images/a.png)",
            tags=["Bread", "Fresh tag"],
            authors=[
                {"name": "No Mail", "slug": "no-mail"},
                {"name": "Mina Okafor", "slug": "mina"},
            ],
        ),
        options,
    )
    await save_post(
        session,
        PostInput(
            title="Pasted HTML",
            source_format="html",
            source='<p onclick="x()">Pasted <script>bad()</script><a href="https://e.com">link</a></p>',
            trusted=False,
            type="page",
        ),
        options,
    )
    await create_user(
        session,
        name="Owner Person",
        email="owner@site.example",
        password="a long pass phrase 1",
        role="owner",
    )
    await session.flush()


def as_json(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` after a trip through JSON text, as a reader of the file sees it."""
    parsed: dict[str, Any] = json.loads(json.dumps(document))
    return parsed


def write_json(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
async def exported(session: AsyncSession, settings: Settings) -> dict[str, Any]:
    """The export of a built site, parsed."""
    await build_site(session, settings)
    return as_json(await build_export(session, exported_on=EXPORTED_ON))


async def test_export_then_import_into_an_empty_site_keeps_every_field(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    await build_site(session, settings)
    before = await snapshot(session)
    document = await build_export(session, exported_on=EXPORTED_ON)
    path = write_json(tmp_path / "export.json", document)
    await empty_site(session)
    report = await import_ghost(session, path, settings=settings)
    assert (
        report.notes
        == ["the post 'lichens': the 'product' card is not supported; Ghost's HTML for it is kept"]
        or not report.notes
    )
    after = await snapshot(session)
    for table in TABLES:
        assert len(after[table]) == len(before[table]), table
        for old, new in zip(before[table], after[table], strict=True):
            assert new == old, table
    assert before["posts"] and before["tags"] and before["users"]


async def test_export_has_ghosts_envelope_and_tables(
    session: AsyncSession, exported: dict[str, Any]
) -> None:
    db = exported["db"][0]
    assert db["meta"] == {"exported_on": 1796126400000, "version": "6.0.0"}
    assert set(db["data"]) == {
        "posts",
        "posts_meta",
        "tags",
        "posts_tags",
        "users",
        "posts_authors",
        "roles",
        "roles_users",
        "settings",
    }


async def test_exported_posts_carry_lexical_and_html(
    session: AsyncSession, exported: dict[str, Any]
) -> None:
    posts = exported["db"][0]["data"]["posts"]
    native = next(p for p in posts if p["title"] == "Native Markdown")
    assert lexical.markdown_only(native["lexical"]).startswith("# Hello")
    assert '<div class="kg-card kg-callout-card kg-callout-card-grey">' in native["html"]
    assert native["mobiledoc"] is None
    assert (native["status"], native["type"], native["visibility"]) == (
        "published",
        "post",
        "public",
    )
    assert native["published_at"].endswith(".000Z")
    garden = next(p for p in posts if p["slug"] == "notes-from-a-slow-garden")
    assert garden["comment_id"] == "5f1d9a0e8b7c6d5e4f3a2b1c"
    assert garden["uuid"] == "2f6a3c1e-7b1d-4c55-9a1e-0d3b7f2a9c01"
    assert garden["featured"] is True


async def test_posts_meta_holds_the_seo_fields(
    session: AsyncSession, exported: dict[str, Any]
) -> None:
    data = exported["db"][0]["data"]
    meta = next(m for m in data["posts_meta"] if m["post_id"] == "60b5f1a2c3d4e5f601234501")
    assert meta["meta_title"] == "Notes from a slow garden | Plot 9"
    assert meta["feature_image_alt"] == "The garden in June"


async def test_links_keep_their_order(session: AsyncSession, exported: dict[str, Any]) -> None:
    data = exported["db"][0]["data"]
    garden = "60b5f1a2c3d4e5f601234501"
    tags = sorted(
        (link["sort_order"], link["tag_id"])
        for link in data["posts_tags"]
        if link["post_id"] == garden
    )
    assert [t for _, t in tags] == ["60b5f1a2c3d4e5f601234301", "60b5f1a2c3d4e5f601234302"]
    authors = [link["author_id"] for link in data["posts_authors"] if link["post_id"] == garden]
    assert authors == ["60b5f1a2c3d4e5f601234401", "60b5f1a2c3d4e5f601234402"]


async def test_every_user_has_an_email_and_a_role(
    session: AsyncSession, exported: dict[str, Any]
) -> None:
    data = exported["db"][0]["data"]
    roles = {r["id"]: r["name"] for r in data["roles"]}
    by_user = {ru["user_id"]: roles[ru["role_id"]] for ru in data["roles_users"]}
    users = {u["slug"]: u for u in data["users"]}
    assert users["no-mail"]["email"].endswith(".invalid")
    assert all("@" in u["email"] for u in data["users"])
    assert by_user[users["owner-person"]["id"]] == "Owner"
    assert by_user[users["ruth"]["id"]] == "Contributor"  # a profile without an account


async def test_shared_settings_are_ghost_rows(
    session: AsyncSession, exported: dict[str, Any]
) -> None:
    data = exported["db"][0]["data"]
    values = {s["key"]: s["value"] for s in data["settings"]}
    assert (values["title"], values["locale"]) == ("Dawn Bakery", "en-GB")
    assert json.loads(values["secondary_navigation"]) == [{"label": "Walks", "url": "/walks/"}]


async def test_internal_tags_are_internal(session: AsyncSession, exported: dict[str, Any]) -> None:
    data = exported["db"][0]["data"]
    visibility = {t["slug"]: t["visibility"] for t in data["tags"]}
    assert (visibility["hash-newsletter"], visibility["beans"]) == ("internal", "public")


def test_export_command_writes_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INKWELL_DATABASE_URL", f"sqlite:///{tmp_path / 'site.db'}")
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    runner = CliRunner()
    assert runner.invoke(app, ["import", "ghost", str(ghost_fixture(4))]).exit_code == 0
    result = runner.invoke(app, ["export", "ghost", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    assert "exported 3 posts and pages, 2 tags, 2 authors" in result.output
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["db"][0]["data"]
    assert len(data["posts"]) == 3


def test_export_command_reports_an_unwritable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INKWELL_DATABASE_URL", f"sqlite:///{tmp_path / 'site.db'}")
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    result = CliRunner().invoke(app, ["export", "ghost", str(tmp_path / "missing" / "out.json")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("inkwell: cannot write")
    assert "Traceback" not in result.output
