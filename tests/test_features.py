"""The feature registry: what each built-in feature adds, and a plug-in added the same way."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient
from typer.testing import CliRunner

from inkwell.app import create_app
from inkwell.cli import build_cli
from inkwell.core.db import Database
from inkwell.core.features import Feature, Registry, RegistryError, ScheduledTask
from inkwell.features import ENTRY_POINT_GROUP, build_registry
from inkwell.settings import Settings


def contributions(feature: Feature[Settings]) -> dict[str, object]:
    """What ``feature`` adds, by kind, with the empty kinds left out."""
    found: dict[str, object] = {
        "install": feature.install is not None,
        "commands": feature.commands is not None,
        "models": feature.models,
        "startup": tuple(step.__name__ for step in feature.startup),
        "jobs": tuple(feature.jobs),
        "scheduled": tuple(task.name for task in feature.scheduled),
        "card_kinds": feature.card_kinds,
        "importers": feature.importers,
    }
    return {kind: value for kind, value in found.items() if value}


def test_each_built_in_feature_registers_what_it_contributes() -> None:
    features = build_registry(discover=False)
    assert {f.name: contributions(f) for f in features.features} == {
        "accounts": {
            "install": True,
            "commands": True,
            "models": ("inkwell.accounts.models", "inkwell.core.ratelimit"),
            "startup": ("ensure_owner",),
            "jobs": ("accounts.prune", "accounts.send_reader_link"),
            "scheduled": ("accounts-prune",),
        },
        "content": {
            "commands": True,
            "models": ("inkwell.content.models",),
            "startup": ("ensure_demo_content",),
            "card_kinds": ("image", "code", "callout", "quote-alt", "bookmark", "embed", "html"),
            "jobs": ("content.publish_due",),
            "scheduled": ("publish-scheduled",),
        },
        "importers": {
            "commands": True,
            "importers": ("rss", "markdown", "ghost", "disqus", "isso", "remark42"),
        },
        "static_export": {"commands": True},
        "media": {
            "install": True,
            "commands": True,
            "models": ("inkwell.media.models",),
            "jobs": ("media.make_variants",),
        },
        "ghost_api": {
            "install": True,
            "commands": True,
            "models": ("inkwell.ghost_api.models",),
            "jobs": ("ghost_api.trigger_webhooks", "ghost_api.deliver_webhook"),
        },
        "comments": {
            "install": True,
            "commands": True,
            "models": ("inkwell.comments.models",),
            "jobs": (
                "comments.notify_author",
                "comments.notify_replies",
                "comments.forget_reader",
                "comments.privacy_link",
            ),
        },
        "analytics": {
            "install": True,
            "commands": True,
            "models": ("inkwell.analytics.models",),
            "startup": ("ensure_privacy_policy",),
            "jobs": ("analytics.upkeep", "analytics.privacy_policy"),
            "scheduled": ("analytics-upkeep",),
        },
        "search": {
            "commands": True,
            "models": ("inkwell.search.models",),
            "startup": ("ensure_built",),
        },
        "admin": {"install": True},
        "site": {"install": True},
    }


def test_the_owner_is_made_before_demo_content_and_the_site_is_installed_last() -> None:
    names = build_registry(discover=False).names()
    assert names.index("accounts") < names.index("content")
    assert names[-1] == "site"


def test_the_command_line_is_built_from_the_features() -> None:
    cli = build_cli(build_registry(discover=False))
    result = CliRunner().invoke(cli, ["--help"])
    for command in ("serve", "migrate", "doctor", "user", "import", "build", "settings"):
        assert command in result.output


def test_two_features_of_one_name_are_refused() -> None:
    with pytest.raises(RegistryError, match="feature 'twin'"):
        Registry([Feature[Settings](name="twin"), Feature[Settings](name="twin")])


def test_a_scheduled_task_must_run_a_known_job() -> None:
    task = ScheduledTask(name="nightly", job="missing", every=timedelta(days=1))
    with pytest.raises(RegistryError, match="unknown job 'missing'"):
        Registry([Feature[Settings](name="cron", scheduled=(task,))])


PLUGIN = """
from fastapi import FastAPI
from starlette.responses import PlainTextResponse
import typer

from inkwell.features import InkwellFeature


def install(app: FastAPI, settings: object) -> None:
    app.add_api_route("/hello/", lambda: PlainTextResponse("hello from a plug-in"))


def commands(root: typer.Typer) -> None:
    root.command("hello")(lambda: typer.echo("hello from a plug-in"))


feature = InkwellFeature(name="hello", install=install, commands=commands)
"""


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A distribution ``inkwell-hello`` on sys.path, publishing an ``inkwell.features`` entry
    point, as ``pip install inkwell-hello`` would leave it."""
    (tmp_path / "inkwell_hello.py").write_text(textwrap.dedent(PLUGIN))
    info = tmp_path / "inkwell_hello-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: inkwell-hello\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\nhello = inkwell_hello:feature\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))


@pytest.mark.usefixtures("installed_plugin")
def test_an_installed_plugin_adds_a_command() -> None:
    features = build_registry()
    assert features.names()[-1] == "hello"
    result = CliRunner().invoke(build_cli(features), ["hello"])
    assert result.exit_code == 0
    assert result.output == "hello from a plug-in\n"


@pytest.mark.usefixtures("installed_plugin")
async def test_an_installed_plugin_adds_a_route(
    settings: Settings, site_database: Database
) -> None:
    app = create_app(settings, build_registry())
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://blog.test") as client,
    ):
        response = await client.get("/hello/")
    assert response.status_code == 200
    assert response.text == "hello from a plug-in"


def test_a_plugin_that_cannot_load_stops_the_command_in_one_line(tmp_path: Path) -> None:
    info = tmp_path / "inkwell_broken-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: inkwell-broken\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\nbroken = no_such_module:x\n")
    env = os.environ | {"PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "inkwell", "--help"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "inkwell: cannot load feature 'no_such_module:x': No module named 'no_such_module'"
    ]
