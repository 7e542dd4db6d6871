"""Whole content rows in and out, every column kept: what moving a site (Ghost JSON) needs.

``read_rows`` gives every post (with its source), tag and author with their ordered links.
``plan_rows`` decides what writing a set of rows into this site would do: a tag or author
already here (same id; a tag with the same slug; an author with the same email or slug) is
reused and the rows naming it follow it, a post already here (same id) is left alone, and a
post whose slug, uuid or guid another post holds is refused (``RowConflict``: nothing is
written). ``write_rows`` stores the plan, ids and dates as given, renders each post's HTML
from its source as every save does, and announces each new row as the other writes do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from inkwell import render
from inkwell.content.models import Post, PostAuthor, PostTag, Tag, User
from inkwell.content.post_events import emit_saved
from inkwell.content.saving import _known_sizes, _with_sizes, render_post
from inkwell.core import events

POST_COLUMNS = tuple(column.key for column in Post.__table__.columns)
TAG_COLUMNS = tuple(column.key for column in Tag.__table__.columns)
USER_COLUMNS = tuple(column.key for column in User.__table__.columns)
# Made from the source on every save: a writer never supplies them.
RENDERED_COLUMNS = frozenset({"html", "plaintext_excerpt", "reading_time"})
_IN_LIMIT = 500


class RowConflict(ValueError):
    """Rows that cannot join this site as they are; the message names the row."""


@dataclass
class PostRow:
    """One post's columns (by name) and the ids of its tags and authors, in order."""

    values: dict[str, Any]
    tag_ids: list[str] = field(default_factory=list)
    author_ids: list[str] = field(default_factory=list)


@dataclass
class ContentRows:
    """Posts, tags and authors as rows: columns by name."""

    posts: list[PostRow] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class RowsPlan:
    """What ``write_rows`` will do: new rows, and rows that are here already."""

    rows: ContentRows
    new_tags: list[dict[str, Any]]
    new_users: list[dict[str, Any]]
    new_posts: list[PostRow]
    # Rows matched to one already here: given id -> stored id.
    tag_ids: dict[str, str]
    user_ids: dict[str, str]
    existing_posts: list[str]


def _values(row: object, columns: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in columns}


async def read_rows(session: AsyncSession) -> ContentRows:
    """Every post, tag and author with every column, oldest first (then by id)."""
    posts = (
        await session.execute(
            select(Post).options(undefer(Post.source)).order_by(Post.created_at, Post.id)
        )
    ).scalars()
    tags = (await session.execute(select(Tag).order_by(Tag.created_at, Tag.id))).scalars()
    users = (await session.execute(select(User).order_by(User.created_at, User.id))).scalars()
    return ContentRows(
        posts=[
            PostRow(
                _values(post, POST_COLUMNS),
                [link.tag_id for link in post.tag_links],
                [link.author_id for link in post.author_links],
            )
            for post in posts
        ],
        tags=[_values(tag, TAG_COLUMNS) for tag in tags],
        users=[_values(user, USER_COLUMNS) for user in users],
    )


async def _stored(session: AsyncSession, model: Any, column: Any, values: set[str]) -> list[Any]:
    found: list[Any] = []
    todo = sorted(values)
    for start in range(0, len(todo), _IN_LIMIT):
        query = select(model).where(column.in_(todo[start : start + _IN_LIMIT]))
        found.extend((await session.execute(query)).scalars())
    return found


async def _plan_tags(
    session: AsyncSession, tags: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    ids = {t["id"] for t in tags}
    slugs = {t["slug"] for t in tags}
    by_id = {t.id: t.id for t in await _stored(session, Tag, Tag.id, ids)}
    by_slug = {t.slug: t.id for t in await _stored(session, Tag, Tag.slug, slugs)}
    new: list[dict[str, Any]] = []
    matched: dict[str, str] = {}
    for tag in tags:
        here = by_id.get(tag["id"]) or by_slug.get(tag["slug"])
        if here is None:
            new.append(tag)
        else:
            matched[tag["id"]] = here
    return new, matched


async def _plan_users(
    session: AsyncSession, users: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    ids = {u["id"] for u in users}
    slugs = {u["slug"] for u in users}
    emails = {u["email"].lower() for u in users if u.get("email")}
    by_id = {u.id: u.id for u in await _stored(session, User, User.id, ids)}
    by_slug = {u.slug: u.id for u in await _stored(session, User, User.slug, slugs)}
    by_email: dict[str, str] = {}
    if emails:
        query = select(User).where(func.lower(User.email).in_(sorted(emails)))
        by_email = {(u.email or "").lower(): u.id for u in (await session.execute(query)).scalars()}
    new: list[dict[str, Any]] = []
    matched: dict[str, str] = {}
    for user in users:
        email = (user.get("email") or "").lower()
        here = by_id.get(user["id"]) or by_email.get(email) or by_slug.get(user["slug"])
        if here is None:
            new.append(user)
        else:
            matched[user["id"]] = here
    return new, matched


def _check_lengths(kind: str, model: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    # SQLite stores any length; PostgreSQL refuses: the same answer on both, before writing.
    limits = {
        column.key: column.type.length
        for column in model.__table__.columns
        if isinstance(column.type, String) and column.type.length
    }
    for row in rows:
        for key, limit in limits.items():
            value = row.get(key)
            if isinstance(value, str) and len(value) > limit:
                name = row.get("title") or row.get("name") or row.get("id")
                raise RowConflict(f"the {kind} {name!r}: {key} is longer than {limit} characters")


async def plan_rows(session: AsyncSession, rows: ContentRows) -> RowsPlan:
    """What writing ``rows`` would do here; raises RowConflict when a row cannot be added.

    Refused: a new post whose slug, uuid or guid another post holds, and any text longer
    than its column.
    """
    _check_lengths("post", Post, [p.values for p in rows.posts])
    _check_lengths("tag", Tag, rows.tags)
    _check_lengths("author", User, rows.users)
    new_tags, tag_ids = await _plan_tags(session, rows.tags)
    new_users, user_ids = await _plan_users(session, rows.users)
    post_ids = {p.values["id"] for p in rows.posts}
    here = {p.id for p in await _stored(session, Post, Post.id, post_ids)}
    new_posts = [p for p in rows.posts if p.values["id"] not in here]
    for key in ("slug", "uuid", "guid"):
        wanted = {p.values[key]: p for p in new_posts if p.values.get(key)}
        column = getattr(Post, key)
        for post in await _stored(session, Post, column, set(wanted)):
            title = wanted[getattr(post, key)].values.get("title")
            raise RowConflict(
                f"the post {title!r} cannot be added: its {key} {getattr(post, key)!r} "
                f"belongs to the post {post.title!r} already here"
            )
    return RowsPlan(rows, new_tags, new_users, new_posts, tag_ids, user_ids, sorted(here))


async def write_rows(
    session: AsyncSession, plan: RowsPlan, options: render.RenderOptions
) -> list[Post]:
    """Store the new rows of ``plan`` as they are, rendering each post from its source.

    Returns the posts added.
    """
    tags = {t.id: t for t in await _stored(session, Tag, Tag.id, set(plan.tag_ids.values()))}
    users = {u.id: u for u in await _stored(session, User, User.id, set(plan.user_ids.values()))}
    for values in plan.new_tags:
        tag = Tag(**{k: v for k, v in values.items() if k in TAG_COLUMNS})
        session.add(tag)
        tags[tag.id] = tag
        events.emit(session, "tag.added", tag.id, slug=tag.slug)
    for values in plan.new_users:
        user = User(**{k: v for k, v in values.items() if k in USER_COLUMNS})
        session.add(user)
        users[user.id] = user
        events.emit(session, "author.added", user.id, slug=user.slug)
    await session.flush()
    # Uploaded images' sizes, looked up once, so imported posts get srcset as saved ones do.
    sizes: dict[str, tuple[int, int] | None] = {}
    await _known_sizes(
        session, [str(row.values.get("source") or "") for row in plan.new_posts], sizes
    )
    options = _with_sizes(options, sizes)
    added: list[Post] = []
    for row in plan.new_posts:
        post = Post(
            **{
                k: v
                for k, v in row.values.items()
                if k in POST_COLUMNS and k not in RENDERED_COLUMNS
            }
        )
        post.comment_id = post.comment_id or post.id
        render_post(post, options)
        post.tag_links = _links(row.tag_ids, plan.tag_ids, tags, post, PostTag, "tag")
        post.author_links = _links(row.author_ids, plan.user_ids, users, post, PostAuthor, "author")
        session.add(post)
        emit_saved(session, post, None)
        added.append(post)
    await session.flush()
    return added


def _links(
    ids: list[str],
    matched: Mapping[str, str],
    rows: Mapping[str, Any],
    post: Post,
    model: Any,
    kind: str,
) -> list[Any]:
    links: list[Any] = []
    seen: set[str] = set()
    for given in ids:
        stored = matched.get(given, given)
        if stored in seen:
            continue
        seen.add(stored)
        target = rows[stored]
        links.append(
            model(post_id=post.id, **{f"{kind}_id": stored, kind: target, "sort_order": len(links)})
        )
    return links


async def has_posts(session: AsyncSession) -> bool:
    """Whether any post or page is stored."""
    return (await session.execute(select(Post.id).limit(1))).first() is not None


__all__ = [
    "POST_COLUMNS",
    "RENDERED_COLUMNS",
    "TAG_COLUMNS",
    "USER_COLUMNS",
    "ContentRows",
    "PostRow",
    "RowConflict",
    "RowsPlan",
    "has_posts",
    "plan_rows",
    "read_rows",
    "write_rows",
]
