"""Files follow the transaction: written files go when it rolls back, removed ones when it
commits. A media row and its file are then never out of step ("nothing half-saved").
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session


def after_outcome(
    session: AsyncSession,
    *,
    committed: Callable[[], None] | None = None,
    rolled_back: Callable[[], None] | None = None,
) -> None:
    """Run ``committed`` once the session's transaction commits, ``rolled_back`` if it does not."""
    sync = session.sync_session
    settled: list[bool] = []  # the first outcome wins; the other listener then does nothing

    def _on_commit(_: Session) -> None:
        if not settled:
            settled.append(True)
            if committed is not None:
                committed()

    def _on_rollback(_: Session) -> None:
        if not settled:
            settled.append(True)
            if rolled_back is not None:
                rolled_back()

    # Listeners cannot be removed while SQLAlchemy runs them; the session is short-lived.
    event.listen(sync, "after_commit", _on_commit)
    event.listen(sync, "after_rollback", _on_rollback)
