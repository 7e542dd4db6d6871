"""The feature registry: what each feature adds to Inkwell, and the walks over those additions.

A feature (built in or installed from elsewhere) is one ``Feature`` value, published as an entry
point of the group ``inkwell.features``. The application and the command line are built by
walking a ``Registry`` of them, so nothing outside a feature names what the feature contains.

Core knows no feature and no settings class: ``Feature`` is generic in the settings type, which
the entry layer fixes.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import timedelta
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # only named in types: a web worker need not load the command line
    import typer
    from fastapi import FastAPI
    from sqlalchemy.ext.asyncio import AsyncSession

    from inkwell.core.jobs import Job

S = TypeVar("S")

InstallStep = Callable[["FastAPI", S], None]
"""Adds routers, exception handlers or middleware to the application."""

CommandsStep = Callable[["typer.Typer"], None]
"""Adds commands or command groups to the ``inkwell`` root command."""

StartupStep = Callable[["AsyncSession", S], Awaitable[list[str]]]
"""A first-start step (in one transaction with the others); returns lines for the operator."""

RunningStep = Callable[["FastAPI", S], AbstractAsyncContextManager[None]]
"""What runs beside a web worker for its whole life (entered after the database opens, left
before it closes): a background writer, say."""


@dataclass(frozen=True)
class ScheduledTask:
    """A job run periodically by the one scheduler process."""

    name: str
    job: str
    every: timedelta


@dataclass(frozen=True)
class Feature(Generic[S]):
    """Everything one feature contributes; each part is empty when the feature has none."""

    name: str
    install: InstallStep[S] | None = None
    commands: CommandsStep | None = None
    models: tuple[str, ...] = ()
    """Modules defining the feature's tables, imported so that the metadata sees them."""
    startup: tuple[StartupStep[S], ...] = ()
    running: tuple[RunningStep[S], ...] = ()
    jobs: Mapping[str, Job] = field(default_factory=dict)
    scheduled: tuple[ScheduledTask, ...] = ()
    card_kinds: tuple[str, ...] = ()
    """Card names the feature's card syntax renders."""
    importers: tuple[str, ...] = ()
    """Source formats the feature imports posts from."""


class RegistryError(Exception):
    """Features that cannot be assembled; the message names the culprit."""


class Registry(Generic[S]):
    """The features of one process, in order: the walks run them in that order."""

    def __init__(self, features: Iterable[Feature[S]]) -> None:
        self.features: tuple[Feature[S], ...] = tuple(features)
        _unique("feature", [f.name for f in self.features])
        _unique("job", [name for f in self.features for name in f.jobs])
        _unique("scheduled task", [t.name for f in self.features for t in f.scheduled])
        _unique("card kind", [kind for f in self.features for kind in f.card_kinds])
        _unique("importer", [name for f in self.features for name in f.importers])
        jobs = self.jobs()
        for feature in self.features:
            for task in feature.scheduled:
                if task.job not in jobs:
                    raise RegistryError(
                        f"scheduled task {task.name!r} runs unknown job {task.job!r}"
                    )

    def names(self) -> list[str]:
        """The features' names, in order."""
        return [f.name for f in self.features]

    def install(self, app: FastAPI, settings: S) -> None:
        """Let each feature add its routes (and the rest) to ``app``."""
        for feature in self.features:
            if feature.install is not None:
                feature.install(app, settings)

    def add_commands(self, root: typer.Typer) -> None:
        """Let each feature add its commands to ``root``."""
        for feature in self.features:
            if feature.commands is not None:
                feature.commands(root)

    def load_models(self) -> None:
        """Import every feature's model modules, so that the metadata holds every table."""
        for feature in self.features:
            for module in feature.models:
                importlib.import_module(module)

    async def first_start(self, session: AsyncSession, settings: S) -> list[str]:
        """Run every start-up step in ``session``; the lines to show, in order."""
        lines: list[str] = []
        for feature in self.features:
            for step in feature.startup:
                lines += await step(session, settings)
        return lines

    def running(self, app: FastAPI, settings: S) -> list[AbstractAsyncContextManager[None]]:
        """What each feature runs beside a web worker, in order."""
        return [step(app, settings) for feature in self.features for step in feature.running]

    def jobs(self) -> dict[str, Job]:
        """Every job by name."""
        return {name: job for f in self.features for name, job in f.jobs.items()}


def load_features(
    references: Sequence[str], group: str, *, discover: bool = True
) -> list[Feature[object]]:
    """The features named by ``references`` ("module:attribute"), then those installed under
    the entry-point ``group``: both are loaded the same way, as entry points.
    """
    points = [EntryPoint(name=ref, value=ref, group=group) for ref in references]
    if discover:
        installed = sorted(entry_points(group=group), key=lambda point: point.name)
        points += [p for p in installed if p.value not in references]
    features: list[Feature[object]] = []
    for point in points:
        try:
            loaded = point.load()
        except (ImportError, AttributeError) as exc:
            raise RegistryError(f"cannot load feature {point.value!r}: {exc}") from exc
        if not isinstance(loaded, Feature):
            raise RegistryError(f"{point.value!r} is not an inkwell Feature")
        features.append(loaded)
    return features


def _unique(kind: str, names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise RegistryError(f"two features declare the {kind} {name!r}")
        seen.add(name)
