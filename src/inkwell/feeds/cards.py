"""Feed-only clean-up of Ghost card markup, for readers that have no theme CSS or JS.

Ghost 6 does the same before it writes ``content:encoded``: bookmark cards lose their
thumbnail, icon and metadata and get their description in ``<small>``; video and audio cards
lose the custom player chrome and become native ``<video controls>`` / ``<audio controls>``.
"""

from __future__ import annotations

from bisect import bisect_right

from .tokens import StartTag, Token, iter_elements, render_tokens, tokenize

__all__ = ["tidy_cards"]

# Parts of a card that only make sense with the theme's CSS and scripts.
_REMOVE = frozenset(
    {
        "kg-bookmark-thumbnail",
        "kg-bookmark-icon",
        "kg-bookmark-metadata",
        "kg-video-overlay",
        "kg-video-player-container",
        "kg-audio-thumbnail",
        "kg-audio-player",
        "kg-audio-title",
    }
)


def tidy_cards(html: str) -> str:
    """Simplify Ghost card markup (class ``kg-card``) the way Ghost does for its RSS feed.

    Markup outside cards is returned byte for byte; so is everything when there is no card.
    """
    if "kg-card" not in html:
        return html
    tokens = tokenize(html)
    spans = iter_elements(tokens)
    cards = [
        (start, end)
        for start, end in spans
        if isinstance(tokens[start], StartTag) and "kg-card" in _classes(tokens[start])
    ]
    removed: set[int] = set()
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    for card_start, card_end in cards:
        card = tokens[card_start]
        assert isinstance(card, StartTag)
        card_classes = card.classes()
        poster = card.get("data-kg-custom-thumbnail") or card.get("data-kg-thumbnail")
        # spans are sorted by start: walk just the elements inside this card.
        for start, end in spans[bisect_right(spans, (card_start, len(tokens))) :]:
            if start >= card_end:
                break
            tag = tokens[start]
            assert isinstance(tag, StartTag)
            classes = tag.classes()
            if classes & _REMOVE:
                removed.update(range(start, min(end, len(tokens) - 1) + 1))
            elif "kg-bookmark-description" in classes:
                if _is_start_tag(tokens[start - 1], "small"):
                    continue  # already tidied (e.g. HTML imported from a Ghost feed)
                before[start] = "<small>"
                after[min(end, len(tokens) - 1)] = "</small>"
            elif "kg-audio-player-container" in classes:
                # Unwrap: the container goes, its children (the <audio>) stay in the card.
                removed.add(start)
                if end < len(tokens):
                    removed.add(end)
            elif tag.name == "video" and "kg-video-card" in card_classes:
                if poster:
                    tag.set("poster", poster)
                tag.set("controls", "")
                # The inline style held the old CSS thumbnail; the poster replaces it.
                tag.remove("style")
            elif tag.name == "audio" and "kg-audio-card" in card_classes:
                tag.set("controls", "")
    kept: list[Token | str] = []
    for index, token in enumerate(tokens):
        if index in removed:
            continue
        if index in before:
            kept.append(before[index])
        kept.append(token)
        if index in after:
            kept.append(after[index])
    return "".join(part if isinstance(part, str) else render_tokens([part]) for part in kept)


def _classes(token: Token) -> frozenset[str]:
    return token.classes() if isinstance(token, StartTag) else frozenset()


def _is_start_tag(token: Token, name: str) -> bool:
    return isinstance(token, StartTag) and token.name == name
