"""What the owner allows readers, as accounts learns it without knowing comments.

Comments owns the switches (magic link, social login, Gravatar, the other sites allowed to
embed the widget); accounts must not import comments. So comments hands accounts a
``PolicySource`` when it installs (``use(app, source)``), and accounts asks it per request.
Without one (an app without comments) every sign-in method is on and no other origin is
allowed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

STATE_KEY = "reader_policy"


@dataclass(frozen=True)
class ReaderPolicy:
    """The owner's choices that reader sign-in follows."""

    magic_link: bool = True
    social_login: bool = True
    gravatar: bool = False
    allowed_origins: tuple[str, ...] = ()
    """Other sites (``https://example.org``) that embed the widget: sign-in may return there."""


PolicySource = Callable[[AsyncSession], Awaitable[ReaderPolicy]]
DEFAULT = ReaderPolicy()


def use(app: Any, source: PolicySource) -> None:
    """Make ``source`` the policy of ``app`` (comments calls this when it installs)."""
    app.state.reader_policy = source


async def current(app: Any, session: AsyncSession) -> ReaderPolicy:
    """The policy in force for ``app`` now."""
    source: PolicySource | None = getattr(app.state, STATE_KEY, None)
    if source is None:
        return DEFAULT
    return await source(session)
