"""What a committed change makes stale: domain events mapped onto cache tags.

A batch subscriber hears every commit's events and publishes, through ``core.invalidation``,
the tags they make stale, so every process drops exactly the cached pages and memoised values
carrying them:

- a post that is (or was) public: its page (``post:ID``, which also tags the pages showing its
  card: neighbours and related posts), the listings, the feeds and sitemaps, and the archives
  of its old and new tags and authors; when it entered or left the public set, or its slug or
  tags or date moved, also every post page's previous/next/related links (``neighbours``). A
  draft edited, created or deleted drops nothing.
- a static page: its own page and the sitemaps (``feed``); pages appear in no listing.
- a tag or author: the tag's pages under its old and new slug, the listings and the feeds,
  and every list of tags (``tags``) or authors (``authors``).
- settings: ``settings``, which every cached page carries.
- a redirect added or deleted: the cached answers at its old path, with and without the
  trailing slash (``path:/old/``, ``path:/old``), since both reach it.

Other kinds (``comment.*`` tomorrow) drop ``post:ID`` when their data names a ``post_id``, and
a feature can say more with ``add_rule``. ``bump`` drops everything, for changes made behind
the services' back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from inkwell.core import events, invalidation
from inkwell.core.invalidation import EVERYTHING

PUBLIC = "published"
# Post events after which the set or the order of public posts may differ.
_MEMBERSHIP = frozenset({"added", "published", "unpublished", "deleted", "scheduled"})

Rule = Callable[[events.Event], Iterable[str]]


def _list(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    return [str(item) for item in value]


def post_tags(found: events.Event) -> set[str]:
    """What a change to a post or static page makes stale (nothing for a draft staying one)."""
    data = found.data
    previous: Mapping[str, Any] = data.get("previous") or {}
    # Without a status, assume the worst: the post is public.
    public_now = data.get("status", PUBLIC) == PUBLIC
    public_before = previous.get("status") == PUBLIC
    if not (public_now or public_before):
        return set()
    stale = {f"post:{found.subject_id}", "feed"}
    if found.kind == "page":
        return stale
    stale.add("listing")
    for key, prefix in (("tags", "tag"), ("authors", "author")):
        for slug in {*_list(data, key), *_list(previous, key)}:
            stale.add(f"{prefix}:{slug}")
    moved = any(
        previous.get(key) != data.get(key)
        for key in ("status", "slug", "tags", "published_at")
        if key in data
    )
    if found.name.split(".", 1)[1] in _MEMBERSHIP or not previous or moved:
        stale.add("neighbours")
    return stale


def _named_tags(found: events.Event) -> set[str]:
    slugs = {found.data.get("slug"), found.data.get("previous_slug")} - {None, ""}
    # "tags" / "authors": every list of them (the Content API lists tags without posts too).
    stale = {f"{found.kind}:{slug}" for slug in slugs} | {f"{found.kind}s"}
    if found.name.endswith(".added"):
        return stale  # nothing public showed it yet
    return stale | {"listing", "feed"}


def _settings_tags(_found: events.Event) -> set[str]:
    return {"settings"}


def _redirect_tags(found: events.Event) -> set[str]:
    path = found.data.get("from_path")
    if not path:
        return set()
    return {f"path:{path}", f"path:{path.rstrip('/') or '/'}"}


_rules: dict[str, Rule] = {
    "post": post_tags,
    "page": post_tags,
    "tag": _named_tags,
    "author": _named_tags,
    "settings": _settings_tags,
    "redirect": _redirect_tags,
}


def add_rule(kind: str, rule: Rule) -> None:
    """Say which cache tags the events of ``kind`` (``comment``...) make stale."""
    _rules[kind] = rule


def tags_for(found: events.Event) -> set[str]:
    """The cache tags one committed event makes stale."""
    rule = _rules.get(found.kind)
    if rule is not None:
        return set(rule(found))
    post_id = found.data.get("post_id")
    return {f"post:{post_id}"} if post_id else set()


def _publish_for(found: list[events.Event]) -> None:
    # One publication per database per commit, however many events it holds.
    stale: dict[str, set[str]] = {}
    for item in found:
        stale.setdefault(item.database_url, set()).update(tags_for(item))
    for url, tags in stale.items():
        if tags:
            invalidation.publish(url, tags)


events.subscribe_batch("*", _publish_for)


def bump(database_url: str) -> None:
    """Drop every cached page and value of the database, in every process."""
    invalidation.publish(database_url, {EVERYTHING})


class UntilChanged:
    """Values remembered per database until one of ``tags`` drops (by default: any drop).

    For what every request asks and few writes change: site settings (``settings``), listing
    totals (``listing``). The drop count is read before a value is computed, so a change racing
    with the computation is never missed.
    """

    def __init__(self, max_entries: int = 4096, tags: Iterable[str] = (EVERYTHING,)) -> None:
        self.max_entries = max_entries
        self.tags = tuple(tags)
        self._versions: dict[str, int] = {}
        self._values: dict[str, dict[Any, Any]] = {}

    def begin(self, database_url: str) -> dict[Any, Any]:
        """The values still valid for ``database_url`` (emptied when one of the tags dropped)."""
        found = invalidation.channel(database_url)
        found.sync()
        values = self._values.get(database_url)
        since = self._versions.get(database_url, -1)
        if values is None or found.dropped_since(since, self.tags):
            values = self._values[database_url] = {}
            self._versions[database_url] = found.version
        elif len(values) >= self.max_entries:
            values.clear()
        return values


def pending(session: Any) -> bool:
    """True when this session wrote content not committed yet: remembered values may be stale."""
    return events.pending(session)


def url_of(session: Any) -> str:
    """The database URL behind an (async) session, password included, for signal look-ups."""
    url: str = session.get_bind().engine.url.render_as_string(hide_password=False)
    return url
