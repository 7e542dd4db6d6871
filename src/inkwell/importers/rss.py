"""Read an RSS 2.0 or Atom feed (Ghost, WordPress, Jekyll, Hugo...) into post records.

feedparser is lenient: it reads broken XML with a fallback parser and flags it ("bozo"). The rule
here: a feed that is complete and whose every item was read imports (with a warning when it was
not well-formed); a truncated document, or one where the fallback parser lost items, is refused,
because importing part of a blog silently is worse than importing nothing.
"""

from __future__ import annotations

import codecs
import io
import re
import xml.sax
from calendar import timegm
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser

from inkwell.content.service import SiteSettings
from inkwell.importers.feed_entry import FeedContext, authors_of, get, read_entry
from inkwell.importers.report import Batch, ImportFailed, dedupe

_PROLOG_END = re.compile(r"<[A-Za-z]")
_ENTITY = re.compile(r"<!ENTITY\s+(%\s*)?[^\s>]+\s*([^>]*)>", re.IGNORECASE)
_ROOT_END = re.compile(r"</\s*(?:[\w.-]+:)?(?:rss|feed|RDF)\s*>\s*$")
_ITEM_START = re.compile(r"<(?:[\w.-]+:)?(?:item|entry)[\s>/]")
_CDATA_OR_COMMENT = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.DOTALL)
_HTML_START = re.compile(r"(<\?xml[^>]*>\s*)?(<!doctype\s+html|<html[\s>])", re.IGNORECASE)


def read_feed(
    data: bytes, *, site: SiteSettings, location: str, base_url: str | None = None
) -> Batch:
    """Parse and validate a whole feed; raise ImportFailed when it cannot be imported."""
    parsed, warnings = parse_feed(data, location=location, base_url=base_url)
    channel = parsed["feed"]
    ctx = FeedContext(
        site=site,
        site_link=_site_link(channel, base_url),
        feed_date=_feed_date(channel),
        feed_authors=authors_of([p for p in get(channel, "authors") or [] if p]),
    )
    candidates = [read_entry(n, entry, ctx) for n, entry in enumerate(parsed["entries"], 1)]
    dedupe(candidates)
    return Batch(source=location, candidates=candidates, warnings=warnings)


def parse_feed(
    data: bytes, *, location: str, base_url: str | None = None
) -> tuple[Mapping[str, Any], list[str]]:
    """feedparser's result for ``data`` and warnings; ImportFailed when it is no usable feed."""
    sniff(data, location)
    headers = {"content-location": base_url} if base_url else None
    # Feed HTML is sanitised by the render layer when stored. feedparser's sanitiser would strip
    # Ghost's card markup, and its relative-URL pass re-serialises every tag, so both are off:
    # the content stays byte for byte as published (relative URLs are resolved by us).
    result = feedparser.parse(
        io.BytesIO(data),
        sanitize_html=False,
        resolve_relative_uris=False,
        response_headers=headers,
    )
    entries = result["entries"]
    if not result.get("version") and not entries:
        detail = _describe(result.get("bozo_exception"))
        raise ImportFailed(
            f"{location} is not an RSS or Atom feed" + (f" ({detail})" if detail else "")
        )
    warnings = check_bozo(result, data, location)
    if not entries:
        raise ImportFailed(f"{location} is a feed without any items: nothing to import")
    return result, warnings


def sniff(data: bytes, location: str) -> None:
    """Refuse, with one clear line, what is obviously not a feed or is hostile."""
    if not data.strip():
        raise ImportFailed(f"{location} is empty")
    head = data[:4096]
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"<\x00", b"\x00<"))
    if b"\x00" in head and not utf16:
        raise ImportFailed(f"{location} is binary data, not an RSS or Atom feed")
    text = as_text(data[:4096]).lstrip("\ufeff \t\r\n")
    if text.startswith(("{", "[")):
        raise ImportFailed(f"{location} is JSON, not an RSS or Atom feed")
    if _HTML_START.match(text):
        raise ImportFailed(
            f"{location} is an HTML page, not a feed (use the address of its RSS or Atom feed)"
        )
    if not text.startswith("<"):
        raise ImportFailed(f"{location} is not XML, so not an RSS or Atom feed")
    _refuse_entity_attacks(as_text(data), location)


def as_text(data: bytes) -> str:
    """Decode enough to look at the markup (UTF-16 by its BOM, else UTF-8 leniently)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    if data.startswith((b"<\x00", b"\x00<")):
        return data.decode("utf-16-le" if data[0] == 0x3C else "utf-16-be", "replace")
    return data.decode("utf-8", "replace")


def _refuse_entity_attacks(document: str, location: str) -> None:
    """Entities that load files (XXE) or expand into each other (billion laughs) are refused.

    feedparser already drops such declarations before parsing; refusing the file says plainly
    that it is hostile instead of importing posts with holes in them.
    """
    prolog_end = _PROLOG_END.search(document)
    prolog = document[: prolog_end.start()] if prolog_end else document
    for parameter, definition in _ENTITY.findall(prolog):
        if parameter or re.match(r"(SYSTEM|PUBLIC)\b", definition.strip(), re.IGNORECASE):
            raise ImportFailed(
                f"{location} declares external XML entities (an XXE attack): refusing to read it"
            )
        if re.search(r"&(?!#)", definition):
            raise ImportFailed(
                f"{location} declares nested XML entities (a 'billion laughs' attack): "
                "refusing to read it"
            )


def check_bozo(result: Mapping[str, Any], data: bytes, location: str) -> list[str]:
    """Apply the bozo rule (see the module docstring); return warnings for accepted feeds."""
    if not result.get("bozo"):
        return []
    exc = result.get("bozo_exception")
    detail = _describe(exc)
    if isinstance(exc, feedparser.CharacterEncodingOverride):
        return [f"the feed's declared encoding was wrong; read it as {result.get('encoding')}"]
    document = as_text(data)
    if not _ROOT_END.search(document[-1024:].rstrip("\x00")):
        raise ImportFailed(
            f"{location} is truncated: the XML stops before the feed's closing tag ({detail})"
        )
    expected = len(_ITEM_START.findall(_CDATA_OR_COMMENT.sub("", document)))
    read = len(result["entries"])
    if expected > read:
        raise ImportFailed(
            f"{location} is not well-formed XML ({detail}): "
            f"{expected - read} of {expected} items could not be read"
        )
    return [f"the feed is not well-formed XML ({detail}); every item was still read"]


def _describe(exc: object) -> str:
    if exc is None:
        return ""
    if isinstance(exc, xml.sax.SAXParseException):
        return f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()}"
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _site_link(channel: Mapping[str, Any], base_url: str | None) -> str | None:
    """The feed's own site: the channel link, else its alternate link, else where it came from."""
    link = get(channel, "link")
    if link:
        return str(link)
    for candidate in get(channel, "links") or []:
        if candidate.get("rel") in ("alternate", "self") and candidate.get("href"):
            return str(candidate["href"])
    return base_url


def _feed_date(channel: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = get(channel, key)
        if value is not None and value.tm_year >= 1900:
            return datetime.fromtimestamp(timegm(value), tz=UTC)
    return None
