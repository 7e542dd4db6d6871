"""``inkwell media variants``."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkwell.cli import app
from inkwell.core.db import Database
from inkwell.media import service
from inkwell.settings import Settings
from tests.media import pictures

runner = CliRunner()


@pytest.fixture
def cli_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("INKWELL_DATABASE_URL", url)
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    monkeypatch.setenv("INKWELL_MEDIA_DIR", str(tmp_path / "media"))
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    return Settings(database_url=url, media_dir=tmp_path / "media")


async def _upload(settings: Settings) -> str:
    database = Database(settings.database_url)
    try:
        async with database.session(write=True) as session:
            row = await service.upload(session, settings, pictures.png(1200, 800), "a.png")
            return row.path
    finally:
        await database.dispose()


def test_variants_makes_what_is_missing(cli_settings: Settings) -> None:
    path = asyncio.run(_upload(cli_settings))
    result = runner.invoke(app, ["media", "variants"])
    assert result.exit_code == 0, result.output
    assert result.output == "1 uploaded images, 4 resized copies in place.\n"
    size = cli_settings.media_dir / "size"
    assert (size / "w1000" / path).is_file()
    assert (size / "w600" / "format" / "webp" / path).is_file()
    again = runner.invoke(app, ["media", "variants"])
    assert again.output == result.output


def test_media_has_help() -> None:
    result = runner.invoke(app, ["media", "--help"])
    assert result.exit_code == 0
    assert "variants" in result.output
