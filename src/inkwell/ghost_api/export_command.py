"""``inkwell export ghost FILE``: the site as a Ghost JSON export."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError

from inkwell.core.cli import counted, describe_db_error, fail, run_in_session
from inkwell.core.time import utcnow
from inkwell.settings import settings_or_exit

app = typer.Typer(help="Export the site in another product's format.", no_args_is_help=True)


@app.command("ghost")
def export_ghost(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the export.")],
) -> None:
    """Write every post, page, tag, author and shared setting as a Ghost JSON export, which
    Ghost's importer (Settings -> Import/Export) and ``inkwell import ghost`` read."""
    from inkwell.ghost_api.export import build_export

    settings = settings_or_exit()
    try:
        document = run_in_session(
            settings, lambda session: build_export(session, exported_on=utcnow())
        )
    except SQLAlchemyError as exc:
        fail(f"cannot read the site: {describe_db_error(exc)}")
    # Written beside the target, then moved: a failed write never leaves half a file.
    partial = file.with_name(f".{file.name}.partial")
    try:
        partial.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, file)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        fail(f"cannot write {file}: {exc.strerror or exc}")
    data = document["db"][0]["data"]
    print(
        f"exported {counted(len(data['posts']), 'post and page', 'posts and pages')}, "
        f"{counted(len(data['tags']), 'tag')}, {counted(len(data['users']), 'author')} to {file}"
    )


def register(root: typer.Typer) -> None:
    """Add ``inkwell export`` (with ``ghost``) to the root command."""
    root.add_typer(app, name="export", help="Export the site (as a Ghost JSON file).")
