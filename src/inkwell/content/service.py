"""Posts and pages: save (create or update, rendering on the way), find, list, redirect.

This is the one door other features use to reach content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell import render
from inkwell.content import people, tags
from inkwell.content.models import Post, PostAuthor, PostTag, Redirect, Tag, User
from inkwell.content.permalinks import PermalinkFields, build_path
from inkwell.content.schemas import PostInput
from inkwell.content.site_settings import SiteSettings
from inkwell.content.slugs import make_slug, unique_slug
from inkwell.core.changes import mark_changed
from inkwell.core.ids import new_id
from inkwell.core.time import utcnow

# Fields copied as they are from the input onto the row.
_PLAIN_FIELDS = (
    "type",
    "title",
    "status",
    "source_format",
    "source",
    "custom_excerpt",
    "feature_image",
    "feature_image_alt",
    "feature_image_caption",
    "featured",
    "canonical_url",
    "meta_title",
    "meta_description",
    "og_image",
    "og_title",
    "og_description",
    "twitter_image",
    "twitter_title",
    "twitter_description",
)


@dataclass(frozen=True)
class SaveResult:
    """The saved post and whether it was new."""

    post: Post
    created: bool


@dataclass(frozen=True)
class PostPage:
    """One page of a listing."""

    posts: list[Post]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.per_page))


def render_options(site: SiteSettings, site_url: str) -> render.RenderOptions:
    """How stored HTML is rendered for this site."""
    return render.RenderOptions(site_url=site_url, ref_tagging=site.outbound_link_tagging)


def render_post(post: Post, options: render.RenderOptions) -> None:
    """Rebuild ``post.html``, its excerpt and reading time from its source."""
    if post.source_format == "markdown":
        html = render.render_markdown(post.source, options)
    else:
        html = render.render_html(post.source, options, trusted=post.source_trusted)
    post.html = html
    post.plaintext_excerpt = render.excerpt(html)
    post.reading_time = render.reading_time(html)


async def find_existing(session: AsyncSession, data: PostInput) -> Post | None:
    """The stored post ``data`` describes: same id, else same guid, else None."""
    if data.id and (post := await session.get(Post, data.id)):
        return post
    if data.guid:
        query = select(Post).where(Post.guid == data.guid)
        return (await session.execute(query)).scalar_one_or_none()
    return None


async def save_post(
    session: AsyncSession, data: PostInput, options: render.RenderOptions
) -> SaveResult:
    """Create the post ``data`` describes, or update it when it exists (by id or guid)."""
    post = await find_existing(session, data)
    created = post is None
    slug = await unique_slug(
        session, Post, data.slug or data.title, exclude_id=None if post is None else post.id
    )
    if post is None:
        post = Post(id=data.id) if data.id else Post()
        post.created_at = data.created_at or utcnow()
        post.tag_links, post.author_links = [], []
        session.add(post)
    for field in _PLAIN_FIELDS:
        setattr(post, field, getattr(data, field))
    post.slug = slug
    post.guid = data.guid or post.guid
    post.source_trusted = data.trusted
    post.published_at = _published_at(data, post)
    post.updated_at = data.updated_at or utcnow()
    render_post(post, options)
    await session.flush()
    await _set_tags(session, post, data.tags)
    await _set_authors(session, post, data)
    for old_path in data.redirect_from:
        await add_redirect(session, old_path, post.id)
    await session.flush()
    mark_changed(session)
    return SaveResult(post=post, created=created)


def _published_at(data: PostInput, post: Post) -> datetime | None:
    if data.published_at is not None:
        return data.published_at
    if data.status == "published":
        return post.published_at or utcnow()
    return post.published_at


async def _set_tags(session: AsyncSession, post: Post, names: list[str]) -> None:
    wanted: list[Tag] = []
    for name in names:
        tag = await tags.find_or_create(session, name)
        if tag not in wanted:
            wanted.append(tag)
    post.tag_links = [
        PostTag(post_id=post.id, tag_id=tag.id, tag=tag, sort_order=i)
        for i, tag in enumerate(wanted)
    ]


async def _set_authors(session: AsyncSession, post: Post, data: PostInput) -> None:
    authors: list[User] = []
    for ref in data.authors:
        author = await people.find_or_create_author(session, ref)
        if author not in authors:
            authors.append(author)
    if not authors:
        if post.author_links:
            return  # keep the authors it has
        owner = await people.get_owner(session)
        if owner is not None:
            authors.append(owner)
    post.author_links = [
        PostAuthor(post_id=post.id, author_id=a.id, author=a, sort_order=i)
        for i, a in enumerate(authors)
    ]


async def rerender_all(session: AsyncSession, options: render.RenderOptions) -> int:
    """Render every post again (a render setting changed); returns how many."""
    count = 0
    for post in (await session.execute(select(Post))).scalars():
        render_post(post, options)
        count += 1
    await session.flush()
    mark_changed(session)
    return count


# --- reading ------------------------------------------------------------------------------


def _published(kind: str = "post") -> Select[Post]:
    return (
        select(Post)
        .where(Post.type == kind, Post.status == "published")
        .order_by(Post.published_at.desc(), Post.id.desc())
    )


async def get_post(session: AsyncSession, post_id: str) -> Post | None:
    """Any post or page by id."""
    return await session.get(Post, post_id)


async def get_published(session: AsyncSession, slug: str, kind: str = "post") -> Post | None:
    """A published post (or page, with ``kind="page"``) by slug."""
    query = select(Post).where(Post.slug == slug, Post.type == kind, Post.status == "published")
    return (await session.execute(query)).scalar_one_or_none()


async def list_published(
    session: AsyncSession,
    *,
    page: int = 1,
    per_page: int = 10,
    tag_slug: str | None = None,
    author_slug: str | None = None,
) -> PostPage:
    """Published posts, newest first, optionally only those with a tag or an author."""
    query = _published()
    if tag_slug is not None:
        query = query.where(Post.tag_links.any(PostTag.tag.has(Tag.slug == tag_slug)))
    if author_slug is not None:
        query = query.where(Post.author_links.any(PostAuthor.author.has(User.slug == author_slug)))
    total_query = select(func.count()).select_from(query.order_by(None).subquery())
    total = (await session.execute(total_query)).scalar_one()
    rows = await session.execute(query.limit(per_page).offset((page - 1) * per_page))
    return PostPage(list(rows.scalars()), page, per_page, total)


async def all_published(session: AsyncSession, kind: str = "post") -> list[Post]:
    """Every published post (or page), newest first: for sitemaps and static builds."""
    return list((await session.execute(_published(kind))).scalars())


async def adjacent(session: AsyncSession, post: Post) -> tuple[Post | None, Post | None]:
    """The published posts just older and just newer than ``post``."""
    if post.published_at is None:
        return None, None
    older_filter = or_(
        Post.published_at < post.published_at,
        and_(Post.published_at == post.published_at, Post.id < post.id),
    )
    newer_filter = or_(
        Post.published_at > post.published_at,
        and_(Post.published_at == post.published_at, Post.id > post.id),
    )
    older = (await session.execute(_published().where(older_filter).limit(1))).scalar()
    newer_query = (
        _published()
        .where(newer_filter)
        .order_by(None)
        .order_by(Post.published_at.asc(), Post.id.asc())
        .limit(1)
    )
    newer = (await session.execute(newer_query)).scalar()
    return older, newer


async def related(session: AsyncSession, post: Post, limit: int = 3) -> list[Post]:
    """Published posts sharing the most public tags with ``post``, newest first on ties."""
    tag_ids = [t.id for t in post.tags if not t.is_internal]
    if not tag_ids:
        return []
    shared = func.count(PostTag.tag_id).label("shared")
    ranked = (
        select(PostTag.post_id, shared)
        .where(PostTag.tag_id.in_(tag_ids), PostTag.post_id != post.id)
        .group_by(PostTag.post_id)
        .subquery()
    )
    query = (
        select(Post)
        .join(ranked, ranked.c.post_id == Post.id)
        .where(Post.status == "published", Post.type == "post")
        .order_by(ranked.c.shared.desc(), Post.published_at.desc())
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())


async def count_posts(session: AsyncSession) -> int:
    """How many posts and pages are stored, in any status."""
    return (await session.execute(select(func.count(Post.id)))).scalar_one()


def path_of(post: Post, site: SiteSettings) -> str:
    """The URL path of a post or page under the site's permalink pattern."""
    if post.type == "page":
        return f"/{post.slug}/"
    fields = PermalinkFields(
        id=post.id,
        slug=post.slug,
        published_at=post.published_at,
        primary_tag=next((t.slug for t in post.tags if not t.is_internal), None),
    )
    return build_path(site.permalink, fields, site.timezone)


# --- redirects ----------------------------------------------------------------------------


def normalise_path(path: str) -> str:
    """``/a/b`` and ``/a/b/`` are the same old URL."""
    path = "/" + path.strip().lstrip("/")
    return path if path.endswith("/") else path + "/"


async def add_redirect(session: AsyncSession, old_path: str, post_id: str) -> None:
    """Make ``old_path`` answer 301 to the post's URL."""
    await session.merge(Redirect(from_path=normalise_path(old_path), post_id=post_id))


async def find_redirect(session: AsyncSession, path: str) -> Post | None:
    """The published post an old path points at, or None."""
    redirect = await session.get(Redirect, normalise_path(path))
    if redirect is None:
        return None
    post = await session.get(Post, redirect.post_id)
    return post if post is not None and post.status == "published" else None


# --- batches (imports) --------------------------------------------------------------------


class PostBatch:
    """Saves many posts in one session with few queries: for imports of thousands of posts.

    The rules are those of ``save_post``; only the number of round trips differs. ``prefetch``
    loads the posts and slugs a group of inputs refers to in a few queries, tags and authors
    are looked up once per name, and nothing is flushed until ``flush`` (ids are assigned up
    front). After a rollback, to a savepoint too, call ``reset``: remembered rows may be gone.
    """

    _IN_LIMIT = 500  # values per IN (...) list, well under every database's limit

    def __init__(self, session: AsyncSession, options: render.RenderOptions) -> None:
        self.session = session
        self.options = options
        self.reset()

    def reset(self) -> None:
        """Forget every remembered row."""
        # Keyed ("id", value) and ("guid", value); _checked also holds the keys found absent.
        self._posts: dict[tuple[str, str], Post] = {}
        self._checked: set[tuple[str, str]] = set()
        self._slugs: dict[str, str | None] = {}  # slug -> id of its post, None when free
        self._tags: dict[str, Tag] = {}
        self._authors: dict[tuple[str, str | None, str | None], User] = {}
        self._owner: list[User | None] = []  # empty until looked up

    async def prefetch(self, items: Sequence[PostInput]) -> None:
        """Load the stored posts and the slugs ``items`` will need, in a few queries."""
        for kind, column in (("id", Post.id), ("guid", Post.guid)):
            keys = {(kind, value) for d in items if (value := getattr(d, kind))}
            todo = sorted(value for _, value in keys - self._checked)
            for start in range(0, len(todo), self._IN_LIMIT):
                query = select(Post).where(column.in_(todo[start : start + self._IN_LIMIT]))
                for post in (await self.session.execute(query)).scalars():
                    self._remember(post)
            self._checked.update(keys)
        wanted = sorted({make_slug(d.slug or d.title) for d in items} - self._slugs.keys())
        for start in range(0, len(wanted), self._IN_LIMIT):
            part = wanted[start : start + self._IN_LIMIT]
            rows = await self.session.execute(select(Post.slug, Post.id).where(Post.slug.in_(part)))
            taken = {slug: post_id for slug, post_id in rows}
            for slug in part:
                self._slugs.setdefault(slug, taken.get(slug))

    async def existing(self, data: PostInput) -> Post | None:
        """The stored (or batched) post ``data`` describes: same id, else same guid."""
        for kind, column in (("id", Post.id), ("guid", Post.guid)):
            value = getattr(data, kind)
            if not value:
                continue
            if (kind, value) not in self._checked:
                query = select(Post).where(column == value)
                if found := (await self.session.execute(query)).scalar_one_or_none():
                    self._remember(found)
                self._checked.add((kind, value))
            if (kind, value) in self._posts:
                return self._posts[kind, value]
        return None

    async def save(self, data: PostInput) -> SaveResult:
        """Create or update the post ``data`` describes, without flushing."""
        post = await self.existing(data)
        created = post is None
        if post is None:
            post = Post(id=data.id or new_id())
            post.created_at = data.created_at or utcnow()
            post.tag_links, post.author_links = [], []
            self.session.add(post)
        post.slug = await self._unique_slug(data.slug or data.title, post.id)
        for name in _PLAIN_FIELDS:
            setattr(post, name, getattr(data, name))
        post.guid = data.guid or post.guid
        post.source_trusted = data.trusted
        post.published_at = _published_at(data, post)
        post.updated_at = data.updated_at or utcnow()
        render_post(post, self.options)
        self._remember(post)
        await self._set_tags(post, data.tags)
        await self._set_authors(post, data)
        for old_path in data.redirect_from:
            await add_redirect(self.session, old_path, post.id)
        return SaveResult(post=post, created=created)

    async def flush(self) -> None:
        """Write everything saved so far (still inside the caller's transaction)."""
        await self.session.flush()

    def _remember(self, post: Post) -> None:
        self._posts["id", post.id] = post
        self._checked.add(("id", post.id))
        if post.guid:
            self._posts["guid", post.guid] = post
            self._checked.add(("guid", post.guid))
        if post.slug:
            self._slugs[post.slug] = post.id

    async def _unique_slug(self, wanted: str, post_id: str) -> str:
        """As ``unique_slug``, also seeing the posts of this batch that are not flushed yet."""
        base = make_slug(wanted)
        candidate, counter = base, 1
        while True:
            if candidate not in self._slugs:
                query = select(Post.id).where(Post.slug == candidate).limit(1)
                self._slugs[candidate] = (await self.session.execute(query)).scalar()
            if self._slugs[candidate] in (None, post_id):
                return candidate
            counter += 1
            candidate = f"{base}-{counter}"

    async def _set_tags(self, post: Post, names: list[str]) -> None:
        wanted: list[Tag] = []
        for name in names:
            tag = self._tags.get(name)
            if tag is None:
                tag = self._tags[name] = await tags.find_or_create(self.session, name)
            if tag not in wanted:
                wanted.append(tag)
        post.tag_links = [
            PostTag(post_id=post.id, tag_id=tag.id, tag=tag, sort_order=i)
            for i, tag in enumerate(wanted)
        ]

    async def _set_authors(self, post: Post, data: PostInput) -> None:
        authors: list[User] = []
        for ref in data.authors:
            key = (ref.name, ref.email.lower() if ref.email else None, ref.slug)
            author = self._authors.get(key)
            if author is None:
                author = await people.find_or_create_author(self.session, ref)
                self._authors[key] = author
            if author not in authors:
                authors.append(author)
        if not authors:
            if post.author_links:
                return  # keep the authors it has
            if not self._owner:
                self._owner.append(await people.get_owner(self.session))
            if self._owner[0] is not None:
                authors.append(self._owner[0])
        post.author_links = [
            PostAuthor(post_id=post.id, author_id=a.id, author=a, sort_order=i)
            for i, a in enumerate(authors)
        ]
