"""What a serializer needs to know besides the row: the site, the audience, the extras asked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from inkwell.content.service import SiteSettings
from inkwell.core.time import iso_millis

# The Ghost release whose API shapes Inkwell answers with (Content-Version, settings.version).
GHOST_VERSION = "6.64"


@dataclass(frozen=True)
class SerializeContext:
    """For whom a row is shaped: the Content API (``admin=False``) or the Admin API.

    ``formats`` names the post bodies wanted (``html``, ``plaintext``; the Admin API also
    ``lexical``, ``mobiledoc``), ``include`` the relations (``tags``, ``authors``,
    ``count.posts``...). ``post_counts`` holds published post counts by tag or author id,
    ``comment_counts`` approved comment counts by post id (for ``count.comments``).
    """

    site_url: str
    site: SiteSettings
    admin: bool = False
    formats: frozenset[str] = frozenset({"html"})
    include: frozenset[str] = frozenset()
    post_counts: Mapping[str, int] = field(default_factory=dict)
    comment_counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def base(self) -> str:
        """The site's URL with one trailing slash."""
        return self.site_url.rstrip("/") + "/"

    def absolute(self, url: str | None) -> str | None:
        """``url`` made absolute against the site (None stays None)."""
        if not url:
            return url
        return urljoin(self.base, url)

    def date(self, moment: datetime | None) -> str | None:
        """A timestamp as Ghost writes it: milliseconds, ``+00:00`` (Content) or ``Z`` (Admin)."""
        if moment is None:
            return None
        text = iso_millis(moment)
        return text if self.admin else text.removesuffix("Z") + "+00:00"


def only_fields(shaped: dict[str, Any], fields: Iterable[str] | None) -> dict[str, Any]:
    """``shaped`` reduced to ``fields`` (in the shape's own order); None keeps every key."""
    if fields is None:
        return shaped
    wanted = set(fields)
    return {key: value for key, value in shaped.items() if key in wanted}
