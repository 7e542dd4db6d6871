"""Ghost's ``meta.pagination``."""

from __future__ import annotations

from typing import Any


def pagination(page: int, limit: int | None, total: int) -> dict[str, Any]:
    """``{"page", "limit", "pages", "total", "next", "prev"}`` as Ghost answers them.

    ``limit`` None is ``limit=all``: Ghost says ``"all"`` and one page.
    """
    if limit is None:
        return {"page": 1, "limit": "all", "pages": 1, "total": total, "next": None, "prev": None}
    pages = max(1, -(-total // limit))
    return {
        "page": page,
        "limit": limit,
        "pages": pages,
        "total": total,
        "next": page + 1 if page < pages else None,
        "prev": page - 1 if page > 1 else None,
    }
