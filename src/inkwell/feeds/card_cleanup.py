"""Feed-only clean-up of Ghost card markup, for readers that have no theme CSS or JS.

Ghost 6 does the same before it writes ``content:encoded``: bookmark cards lose their
thumbnail, icon and metadata and get their description in ``<small>``; video and audio cards
lose the custom player chrome and become native ``<video controls>`` / ``<audio controls>``.
"""

from __future__ import annotations

from bisect import bisect_right

from inkwell.render.cards import CARD_CHROME_CLASSES
from inkwell.render.html_tokens import Token, element_spans, rewrite_tag, tokenize

__all__ = ["tidy_cards"]


def tidy_cards(html: str) -> str:
    """Simplify Ghost card markup (class ``kg-card``) the way Ghost does for its RSS feed.

    Markup outside cards is returned byte for byte; so is everything when there is no card.
    """
    if "kg-card" not in html:
        return html
    tokens = tokenize(html)
    spans = element_spans(tokens)
    last = len(tokens) - 1
    removed: set[int] = set()
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    rewritten: dict[int, str] = {}
    for card_start, card_end in spans:
        card = tokens[card_start]
        if "kg-card" not in card.classes():
            continue
        card_classes = card.classes()
        poster = card.get("data-kg-custom-thumbnail") or card.get("data-kg-thumbnail")
        # spans are sorted by start: walk just the elements inside this card.
        for start, end in spans[bisect_right(spans, (card_start, len(tokens))) :]:
            if start >= card_end:
                break
            tag = tokens[start]
            classes = tag.classes()
            if classes & CARD_CHROME_CLASSES:
                removed.update(range(start, min(end, last) + 1))
            elif "kg-bookmark-description" in classes:
                if _is_start_tag(tokens[start - 1], "small"):
                    continue  # already tidied (e.g. HTML imported from a Ghost feed)
                before[start] = "<small>"
                after[min(end, last)] = "</small>"
            elif "kg-audio-player-container" in classes:
                # Unwrap: the container goes, its children (the <audio>) stay in the card.
                removed.add(start)
                if end < len(tokens):
                    removed.add(end)
            elif tag.name == "video" and "kg-video-card" in card_classes:
                changes = {"poster": poster} if poster else {}
                # The inline style held the old CSS thumbnail; the poster replaces it.
                changes["controls"] = ""
                rewritten[start] = rewrite_tag(html, tag, changes, remove=frozenset({"style"}))
            elif tag.name == "audio" and "kg-audio-card" in card_classes:
                rewritten[start] = rewrite_tag(html, tag, {"controls": ""})
    kept: list[str] = []
    for index, token in enumerate(tokens):
        if index in removed:
            continue
        kept.append(before.get(index, ""))
        kept.append(rewritten.get(index) or html[token.start : token.end])
        kept.append(after.get(index, ""))
    return "".join(kept)


def _is_start_tag(token: Token, name: str) -> bool:
    return token.kind == "start" and token.name == name
