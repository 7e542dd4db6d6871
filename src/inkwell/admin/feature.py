"""What the admin adds to Inkwell: its pages under ``/admin/``, the editor and their assets.

The admin has no tables and no rules of its own: permissions come from ``accounts.service``,
validation and storage from ``content.service`` and ``media.service``.
"""

from __future__ import annotations

from fastapi import FastAPI

from inkwell.core.features import Feature
from inkwell.settings import Settings


def _install(app: FastAPI, settings: Settings) -> None:
    # Imported when an application is built, not when the command line starts.
    from inkwell.admin.routes import install

    install(app, settings)


feature = Feature[Settings](name="admin", install=_install)
