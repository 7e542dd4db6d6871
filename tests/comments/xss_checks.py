"""What "safe" means for comment output, judged on the tree a browser would build.

HTML is parsed with html5lib (the HTML5 parsing algorithm, as browsers run it), so a payload
that only a browser's error recovery turns into markup is caught too. The checks say what is
wrong, as a list of findings, so a failing example names the offending element.

- ``script_hooks``: anything in a tree that runs script: a ``<script>`` or other active
  element, an ``on…`` handler, a ``javascript:``/``vbscript:``/``data:`` URL, CSS that can
  call out (``expression(``, ``url(``, ``@import``);
- ``foreign_tags``: elements outside an allowed set (the comment subset);
- ``text_of``: the text a reader sees, to prove a container holds all of a comment's content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib

CORPUS = Path(__file__).with_name("xss_payloads.txt")
_STAND_INS = {
    "{TAB}": "\t",
    "{NL}": "\n",
    "{CR}": "\r",
    "{NUL}": "\x00",
    "{FF}": "\x0c",
    "{NBSP}": "\xa0",
}

# What a reader's comment may hold (render.comment_text's allow-list).
COMMENT_TAGS = frozenset(
    {"p", "br", "a", "em", "strong", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li",
     "span"}
)  # fmt: skip
COMMENT_REL = "nofollow ugc noopener"
# Elements that run, load or submit something, or change how the rest of the page parses.
ACTIVE_TAGS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
     "link", "style", "form", "input", "button", "textarea", "select", "svg", "math",
     "template", "noscript", "img", "image", "video", "audio", "source", "isindex", "xmp",
     "plaintext", "marquee", "details", "animate", "set", "foreignobject", "portal"}
)  # fmt: skip
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "background", "poster", "lowsrc",
     "dynsrc", "cite", "srcset", "to", "from", "values", "xlink:href", "ping"}
)  # fmt: skip
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# What a browser ignores in a URL before reading its scheme (WHATWG URL: C0 controls and
# spaces at the ends, ASCII tab and newlines anywhere).
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_INSIDE = re.compile(r"[\t\n\r]")
_CSS_CALLS = re.compile(r"expression\s*\(|url\s*\(|@import|javascript:|behavior\s*:", re.I)


def payloads() -> list[str]:
    """The corpus: one hostile input a line, stand-ins such as ``{TAB}`` made real."""
    found = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(";;"):
            continue
        for stand_in, character in _STAND_INS.items():
            line = line.replace(stand_in, character)
        found.append(line)
    return found


def parse_document(text: str) -> Element:
    """A whole page (or an email's HTML part) as a browser would build it."""
    root: Element = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    return root


def parse_fragment(text: str) -> Element:
    """An HTML fragment (a comment's ``html``) as it would be inside a ``<div>``."""
    root: Element = html5lib.parseFragment(
        text, container="div", treebuilder="etree", namespaceHTMLElements=False
    )
    return root


def local_name(name: str) -> str:
    """An element or attribute name without its namespace (``{svg-ns}svg`` -> ``svg``)."""
    namespace, _, local = name.rpartition("}")
    if namespace.endswith("xlink"):
        return f"xlink:{local}"
    return local.lower()


def elements(root: Element) -> Iterator[Element]:
    """Every element under ``root`` (not ``root`` itself)."""
    for element in root.iter():
        if element is not root and isinstance(element.tag, str):
            yield element


def unsafe_url(value: str) -> bool:
    """Whether a browser would treat ``value`` as a URL with a scheme other than http(s) or
    mailto (``javascript:``, ``vbscript:``, ``data:``...)."""
    url = _URL_INSIDE.sub("", value.strip(_URL_EDGES)).lower()
    found = _SCHEME.match(url)
    return found is not None and found.group(1) not in SAFE_SCHEMES


def script_hooks(root: Element, *, allowed_tags: Iterable[str] = ()) -> list[str]:
    """Everything under ``root`` that could run script or fetch something (see the module)."""
    allowed = frozenset(allowed_tags)
    findings = []
    for element in elements(root):
        tag = local_name(element.tag)
        if tag in ACTIVE_TAGS and tag not in allowed:
            findings.append(f"<{tag}> element")
        for raw_name, value in element.attrib.items():
            name = local_name(raw_name)
            if name.startswith("on"):
                findings.append(f"<{tag} {name}=…> handler")
            elif name in URL_ATTRIBUTES and unsafe_url(value):
                findings.append(f"<{tag} {name}={value!r}> URL")
            elif name == "srcdoc":
                findings.append(f"<{tag} srcdoc> document")
            elif name == "style" and _CSS_CALLS.search(value):
                findings.append(f"<{tag} style={value!r}> CSS")
    return findings


def foreign_tags(root: Element, allowed: Iterable[str] = COMMENT_TAGS) -> list[str]:
    """Elements under ``root`` outside ``allowed``."""
    wanted = frozenset(allowed)
    return sorted({local_name(e.tag) for e in elements(root)} - wanted)


def unmarked_links(root: Element) -> list[str]:
    """Links under ``root`` without ``rel="nofollow ugc noopener"``."""
    return [
        e.get("href") or "(no href)"
        for e in elements(root)
        if local_name(e.tag) == "a" and e.get("rel") != COMMENT_REL and e.get("href")
    ]


def comment_problems(html: str, allowed: Iterable[str] = COMMENT_TAGS) -> list[str]:
    """What is wrong with a comment's stored or served ``html`` (empty when it is safe)."""
    return problems_in(parse_fragment(html), allowed)


def problems_in(root: Element, allowed: Iterable[str] = COMMENT_TAGS) -> list[str]:
    """What is wrong with the comment HTML under ``root``: script, tags outside ``allowed``,
    links not marked ugc, ids or names that could shadow the page's own."""
    findings = script_hooks(root)
    findings += [f"<{tag}> outside the comment subset" for tag in foreign_tags(root, allowed)]
    findings += [f"link {href!r} not marked ugc" for href in unmarked_links(root)]
    findings += [f"id/name attribute {v!r}" for v in _clobbering(root)]
    return findings


def _clobbering(root: Element) -> list[str]:
    # An id or name in reader HTML could shadow the page's own elements (DOM clobbering).
    return [e.get(a) or "" for e in elements(root) for a in ("id", "name") if e.get(a)]


def text_of(element: Element) -> str:
    """The text under ``element``, whitespace runs folded to one space."""
    return " ".join("".join(element.itertext()).split())


def by_id(root: Element, wanted: str) -> list[Element]:
    """Every element with ``id="wanted"`` (a well-formed page has at most one)."""
    return [e for e in elements(root) if e.get("id") == wanted]


def with_class(root: Element, name: str) -> list[Element]:
    """Elements under ``root`` carrying the class ``name``."""
    return [e for e in elements(root) if name in (e.get("class") or "").split()]


def scripts_of(root: Element) -> list[tuple[str, str]]:
    """Each ``<script>`` in a page as (src, text): a page's own scripts are known in advance."""
    return [
        (e.get("src") or "", (e.text or "").strip())
        for e in elements(root)
        if local_name(e.tag) == "script"
    ]
