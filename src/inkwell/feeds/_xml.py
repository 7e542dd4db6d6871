"""Hand-rolled XML text escaping, so output matches Ghost's byte for byte.

Ghost's feeds and sitemaps come from the npm ``xml`` module, which escapes all five special
characters (``'`` as ``&apos;``) and splits ``]]>`` inside CDATA. lxml would write other
escapes and cannot put ``version="2.0"`` between namespace declarations as Ghost does, so the
writers build strings and the tests check they are well-formed.
"""

from __future__ import annotations

import re

# Characters XML 1.0 forbids (C0 controls except tab/newline/CR, lone surrogates, U+FFFE/F):
# one of them would make the whole feed unparseable, so they are dropped.
_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"},
)


def clean(value: str) -> str:
    """``value`` without characters that are not allowed anywhere in an XML document."""
    return _INVALID.sub("", value)


def escape(value: str) -> str:
    """Escape ``value`` for XML text or a double-quoted attribute (all five entities)."""
    return clean(value).translate(_ESCAPES)


def cdata(value: str) -> str:
    """Wrap ``value`` in a CDATA section; a literal ``]]>`` is split across two sections."""
    return "<![CDATA[" + clean(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def element(name: str, text: str, **attrs: str) -> str:
    """``<name attr="...">text</name>`` with ``text`` and attributes escaped."""
    return f"<{name}{attributes(attrs)}>{escape(text)}</{name}>"


def attributes(attrs: dict[str, str]) -> str:
    """`` name="value"`` pairs in the given order (``_`` in a key becomes ``:``)."""
    return "".join(f' {key.replace("_", ":")}="{escape(value)}"' for key, value in attrs.items())


def empty(name: str, **attrs: str) -> str:
    """``<name attr="..."/>``, attributes escaped, in the given order."""
    return f"<{name}{attributes(attrs)}/>"
