"""How comments are shown: the reply tree (flattened past ``MAX_DEPTH``), badges, avatars.

Only approved comments are shown. A removed or unapproved comment that still has shown
replies stays as a placeholder without text or author, so the replies keep their place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from inkwell.accounts import service as accounts
from inkwell.comments.models import Comment
from inkwell.comments.types import AuthorView, CommentView

MAX_DEPTH = 3
"""The deepest level shown (top-level comments are 0); deeper replies join that level."""
SORTS = ("oldest", "newest", "best")
PLACEHOLDER_NAME = "Deleted comment"


@dataclass(frozen=True)
class Audience:
    """What badges and avatars depend on: the post's authors and the avatar setting."""

    post_author_ids: frozenset[str] = frozenset()
    gravatar: bool = False


@dataclass
class _Node:
    row: Comment
    children: list[_Node] = field(default_factory=list)


def _identity(row: Comment) -> str | None:
    if row.user_id:
        return f"user:{row.user_id}"
    return f"reader:{row.reader_id}" if row.reader_id else None


def badge_of(row: Comment, audience: Audience, op: str | None) -> str | None:
    """``author`` of the post, else ``staff``, else ``op`` (wrote the conversation's first
    comment, shown on their replies), else None."""
    if row.user_id and row.user_id in audience.post_author_ids:
        return "author"
    if row.user_id:
        return "staff"
    if op is not None and _identity(row) == op:
        return "op"
    return None


def author_of(row: Comment, audience: Audience, op: str | None = None) -> AuthorView:
    """The author as shown: name, website, avatar and badge (never the email address)."""
    avatar = accounts.avatar_url(row.author_name, row.author_email, gravatar=audience.gravatar)
    return AuthorView(
        name=row.author_name,
        website=row.author_website,
        avatar=avatar,
        badge=badge_of(row, audience, op),
    )


def view_of(
    row: Comment,
    audience: Audience,
    *,
    depth: int = 0,
    op: str | None = None,
    replies: tuple[CommentView, ...] = (),
) -> CommentView:
    """One comment as shown (a placeholder when it is not approved)."""
    if row.status != "approved" and replies:
        author = AuthorView(name=PLACEHOLDER_NAME, website=None, avatar="", badge=None)
        html, status, likes = "", "deleted", 0
    else:
        author, html, status, likes = author_of(row, audience, op), row.html, row.status, 0
        likes = row.like_count
    return CommentView(
        id=row.id,
        parent_id=row.parent_id,
        html=html,
        author=author,
        created_at=row.created_at,
        edited_at=row.edited_at,
        likes=likes,
        status=status,
        replies=replies,
        depth=depth,
    )


def _posted(node: _Node) -> tuple[datetime, str]:
    # Ids break ties of equal times (imported comments, kept to the second) the same way
    # on every read.
    return (node.row.created_at, node.row.id)


def _oldest(nodes: Iterable[_Node]) -> list[_Node]:
    return sorted(nodes, key=_posted)


def sorted_conversations(nodes: Iterable[_Node], sort: str) -> list[_Node]:
    """Top-level comments in ``sort`` order (replies are always oldest first): oldest,
    newest (exactly the reverse of oldest), best (most liked, then oldest)."""
    if sort == "newest":
        return sorted(nodes, key=_posted, reverse=True)
    if sort == "best":
        return sorted(nodes, key=lambda node: (-node.row.like_count, *_posted(node)))
    return _oldest(nodes)


def _descendants(node: _Node) -> list[_Node]:
    found: list[_Node] = []
    for child in node.children:
        found.append(child)
        found += _descendants(child)
    return found


def _build(node: _Node, depth: int, audience: Audience, op: str | None) -> CommentView:
    if depth == MAX_DEPTH - 1:
        # The last nesting level: every deeper reply is listed under it, oldest first.
        flat = [n for n in _oldest(_descendants(node)) if n.row.status == "approved"]
        leaves = tuple(view_of(n.row, audience, depth=MAX_DEPTH, op=op) for n in flat)
        return view_of(node.row, audience, depth=depth, op=op, replies=leaves)
    replies = tuple(_build(child, depth + 1, audience, op) for child in _oldest(node.children))
    # The conversation's first comment carries no "op" badge: it is the original post.
    return view_of(node.row, audience, depth=depth, op=op if depth else None, replies=replies)


def _shown(node: _Node) -> bool:
    return node.row.status == "approved" or any(_shown(child) for child in node.children)


def _prune(node: _Node) -> _Node:
    kept = [_prune(child) for child in node.children if _shown(child)]
    return _Node(node.row, kept)


def comment_trees(rows: Sequence[Comment], sort: str) -> list[_Node]:
    """The thread's conversations (top-level comments with their replies), ``sort`` order,
    holding only approved comments and the placeholders above them."""
    nodes = {row.id: _Node(row) for row in rows}
    roots: list[_Node] = []
    for node in nodes.values():
        parent = nodes.get(node.row.parent_id) if node.row.parent_id else None
        if parent is not None:
            parent.children.append(node)
        elif node.row.parent_id is None:
            roots.append(node)
    return sorted_conversations((_prune(root) for root in roots if _shown(root)), sort)


def render_trees(trees: Sequence[_Node], audience: Audience) -> tuple[CommentView, ...]:
    """Views of ``trees`` with their replies nested (see ``MAX_DEPTH``)."""
    return tuple(_build(tree, 0, audience, _identity(tree.row)) for tree in trees)


def count_shown(trees: Sequence[_Node]) -> int:
    """How many approved comments ``trees`` hold (placeholders not counted)."""
    nodes = [node for tree in trees for node in (tree, *_descendants(tree))]
    return sum(1 for node in nodes if node.row.status == "approved")
