"""The secrets of accounts' links, kept out of the access log (``core.access_log``).

Reset links (``/admin/reset/<token>``), invitations (``/admin/invite/<token>``), readers'
sign-in links (``/comments/auth/email/<token>``) and draft preview links (``/p/<token>/``)
carry their secret in the path; the Content API key travels in the query (``?key=``, as
Ghost's clients send it; Ghost's scheduler sends an Admin API JWT as ``?token=``), and so do
an OAuth provider's ``code`` and ``state`` on a reader's sign-in callback.
"""

from __future__ import annotations

from inkwell.core import access_log


def install() -> None:
    """Name accounts' secret links to the access-log filter (idempotent)."""
    access_log.hide_secrets(
        path_prefixes=(r"/admin/(?:reset|invite)/", "/comments/auth/email/", "/p/"),
        query_names=("key", "token", "code", "state"),
    )
