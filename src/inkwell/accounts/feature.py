"""What accounts adds to Inkwell: its table, ``inkwell user``, and the owner on first start."""

from __future__ import annotations

from inkwell.accounts import commands, service
from inkwell.core.features import Feature
from inkwell.settings import Settings

feature = Feature[Settings](
    name="accounts",
    commands=commands.register,
    models=("inkwell.accounts.models",),
    startup=(service.ensure_owner,),
)
