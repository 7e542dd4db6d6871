"""What media adds to Inkwell: uploads, the ``/content/images/`` files and their variants."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.core.features import Feature
from inkwell.core.jobs import JobContext
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer


def _commands(root: typer.Typer) -> None:
    # Imported when the command line is built: a web worker never loads it.
    from inkwell.media import commands

    commands.register(root)


def _install(app: FastAPI, settings: Settings) -> None:
    # Imported when an application is built, not when the command line starts.
    from inkwell.media.routes import install

    install(app, settings)


async def _image_sizes(
    session: AsyncSession, paths: Collection[str]
) -> Mapping[str, tuple[int, int]]:
    from inkwell.media import service  # Pillow loads only when a post is saved

    return await service.image_sizes(session, paths)


async def make_variants(context: JobContext, args: Mapping[str, Any]) -> None:
    """Job: the resized and WebP copies of one upload (``id``)."""
    from inkwell.media import service

    await service.make_variants(context, args)


# The renderer learns the width of uploaded images from here: content knows no media.
content.set_image_sizes_provider(_image_sizes)

feature = Feature[Settings](
    name="media",
    install=_install,
    commands=_commands,
    models=("inkwell.media.models",),
    jobs={"media.make_variants": make_variants},
)
