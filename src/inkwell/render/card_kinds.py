"""The card kinds Inkwell's Markdown syntax renders (see ``docs/cards.md``).

Kept apart from the rules so that the feature registry can list them without loading
markdown-it.
"""

from __future__ import annotations

# ``::: name`` blocks whose body is raw text (fields or HTML), not Markdown.
RAW_CARDS = frozenset({"bookmark", "embed", "html"})
# ``::: name`` blocks whose body is Markdown, with the token name each one opens.
CONTAINER_CARDS = {"callout": "callout", "quote-alt": "quote_alt"}
# Images and fenced code become cards from plain Markdown; the rest open with ``:::``.
CARD_KINDS = ("image", "code", *sorted(CONTAINER_CARDS), *sorted(RAW_CARDS))
