"""Reading a Disqus XML export into the comments feature's plain records.

The export (``http://disqus.com`` namespace, internal ids in ``dsq:id`` attributes) lists
``<category>``, ``<thread>`` and ``<post>`` elements side by side; a post names its thread and
its parent by ``dsq:id``. The file is untrusted: it is parsed with no DTD, no entity
expansion and no network (no XXE, no "billion laughs"), and a document type declaration is
refused outright, since Disqus never writes one. Any problem is one ``ImportFailed`` line.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from lxml import etree

from inkwell.comments.service import ImportedComment, ImportedThread
from inkwell.core.time import as_utc
from inkwell.importers.report import ImportFailed

DISQUS = "http://disqus.com"
_ID = "id"  # the local name of the dsq:id attribute, whatever prefix the file binds


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def read_export(path: Path) -> list[ImportedThread]:
    """The threads of the export at ``path``, each with its comments (even the empty ones)."""
    try:
        tree = etree.parse(str(path), _parser())
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    except etree.XMLSyntaxError as exc:
        if "entit" in str(exc).lower():
            # libxml2 stops entity bombs itself (amplification limit) before our check below.
            raise ImportFailed(f"{path} declares XML entities: a Disqus export has none") from None
        raise ImportFailed(f"{path} is not well-formed XML: {_first_line(exc)}") from None
    # ``doctype`` is missing from lxml's type stubs, hence getattr.
    if getattr(tree.docinfo, "doctype", "") or tree.docinfo.internalDTD is not None:
        raise ImportFailed(f"{path} declares a document type: a Disqus export has none")
    root = tree.getroot()
    if etree.QName(root).localname != "disqus" or etree.QName(root).namespace != DISQUS:
        raise ImportFailed(f"{path} is not a Disqus export (its root is not <disqus>)")
    return _threads(root, path)


def _first_line(exc: etree.XMLSyntaxError) -> str:
    return (str(exc).splitlines() or ["unreadable"])[0]


def _children(parent: etree._Element, name: str) -> Iterator[etree._Element]:
    return (c for c in parent if isinstance(c.tag, str) and etree.QName(c).localname == name)


def _child(parent: etree._Element, name: str) -> etree._Element | None:
    return next(_children(parent, name), None)


def _text(parent: etree._Element, name: str) -> str:
    found = _child(parent, name)
    return (found.text or "").strip() if found is not None else ""


def _flag(parent: etree._Element, name: str) -> bool:
    return _text(parent, name).lower() == "true"


def _dsq_id(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    for key, value in element.attrib.items():
        text = value if isinstance(value, str) else value.decode()
        if etree.QName(key).localname == _ID and text.strip():
            return text.strip()
    return None


def _date(text: str, where: str) -> datetime | None:
    if not text:
        return None
    try:
        return as_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        raise ImportFailed(f"{where}: createdAt {text!r} is not a date") from None


def _threads(root: etree._Element, path: Path) -> list[ImportedThread]:
    heads: dict[str, etree._Element] = {}
    for thread in _children(root, "thread"):
        thread_id = _dsq_id(thread)
        if thread_id is None:
            raise ImportFailed(f"{path}: a <thread> has no dsq:id (line {thread.sourceline})")
        heads.setdefault(thread_id, thread)
    comments: dict[str, list[ImportedComment]] = {key: [] for key in heads}
    lost: list[ImportedComment] = []
    for post in _children(root, "post"):
        comment, thread_id = _comment(post, path)
        comments.get(thread_id or "", lost).append(comment)
    threads = [
        ImportedThread(
            source_id=thread_id,
            url=_text(head, "link"),
            title=_text(head, "title") or None,
            closed=_flag(head, "isClosed"),
            deleted=_flag(head, "isDeleted"),
            comments=tuple(comments[thread_id]),
        )
        for thread_id, head in heads.items()
    ]
    if lost:
        # A thread with no address: the import counts its comments as naming no known thread.
        threads.append(ImportedThread(source_id="", url="", comments=tuple(lost)))
    return threads


def _comment(post: etree._Element, path: Path) -> tuple[ImportedComment, str | None]:
    post_id = _dsq_id(post)
    where = f"{path}, line {post.sourceline}"
    if post_id is None:
        raise ImportFailed(f"{where}: a <post> has no dsq:id")
    author = _child(post, "author")
    name = email = username = ""
    if author is not None:
        name, email, username = (_text(author, key) for key in ("name", "email", "username"))
    skip = "spam" if _flag(post, "isSpam") else "deleted" if _flag(post, "isDeleted") else None
    comment = ImportedComment(
        source_id=post_id,
        html=_text(post, "message"),
        author_name=name or username,
        created_at=_date(_text(post, "createdAt"), where),
        parent_source_id=_dsq_id(_child(post, "parent")),
        author_email=email or None,
        skip_reason=skip,
    )
    return comment, _dsq_id(_child(post, "thread"))
