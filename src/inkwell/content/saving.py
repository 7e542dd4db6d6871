"""Saving posts and pages: validation has happened (PostInput); here they are matched to stored
rows, rendered, tagged and attributed. ``PostBatch`` does it for many posts with few queries;
``save_post`` is a batch of one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from inkwell import render
from inkwell.content import people, tags
from inkwell.content.models import Post, PostAuthor, PostTag, Tag, User
from inkwell.content.post_events import emit_saved, state_of
from inkwell.content.redirects import add_redirect
from inkwell.content.schemas import PostInput
from inkwell.content.site_settings import SiteSettings
from inkwell.content.slugs import given_slug, make_slug
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
    "visibility",
    "codeinjection_head",
    "codeinjection_foot",
    "custom_template",
)


@dataclass(frozen=True)
class SaveResult:
    """The saved post and whether it was new."""

    post: Post
    created: bool


def render_options(site: SiteSettings, site_url: str) -> render.RenderOptions:
    """How stored HTML is rendered for this site."""
    return render.RenderOptions(site_url=site_url, ref_tagging=site.outbound_link_tagging)


ImageSizes = Mapping[str, tuple[int, int]]
ImageSizesProvider = Callable[[AsyncSession, Collection[str]], Awaitable[ImageSizes]]
"""Given media paths ("2026/12/a.png"), the (width, height) of those it knows."""

_image_sizes_provider: list[ImageSizesProvider] = []


def set_image_sizes_provider(provider: ImageSizesProvider | None) -> None:
    """Let the feature that stores uploads tell the renderer how wide they are.

    Content knows no media feature: media registers its lookup here, and each save asks it
    for the images the post shows, once, before the (pure) render runs.
    """
    _image_sizes_provider[:] = [provider] if provider is not None else []


async def _known_sizes(
    session: AsyncSession, texts: Iterable[str], known: dict[str, tuple[int, int] | None]
) -> None:
    wanted = {path for text in texts for path in render.local_image_paths(text)} - known.keys()
    if not wanted or not _image_sizes_provider:
        return
    found = await _image_sizes_provider[0](session, wanted)
    for path in wanted:
        known[path] = found.get(path)


def _with_sizes(
    options: render.RenderOptions, known: Mapping[str, tuple[int, int] | None]
) -> render.RenderOptions:
    sizes = {path: size for path, size in known.items() if size is not None}
    return replace(options, image_sizes={**sizes, **options.image_sizes}) if sizes else options


def render_post(post: Post, options: render.RenderOptions) -> None:
    """Rebuild ``post.html``, its excerpt and reading time from its source."""
    if post.source_format == "markdown":
        html = render.render_markdown(post.source, options)
    else:
        html = render.render_html(post.source, options, trusted=post.source_trusted)
    post.html = html
    post.plaintext_excerpt = render.excerpt(html)
    post.reading_time = render.reading_time(html)


async def save_post(
    session: AsyncSession,
    data: PostInput,
    options: render.RenderOptions,
    *,
    default_author_id: str | None = None,
) -> SaveResult:
    """Create the post ``data`` describes, or update it when it exists (by id or guid).

    A new post that names no author gets ``default_author_id`` (the caller's choice, such as
    the owner) when given.
    """
    batch = PostBatch(session, options, default_author_id=default_author_id)
    result = await batch.save(data)
    await batch.flush()
    return result


def _published_at(data: PostInput, post: Post) -> datetime | None:
    if data.published_at is not None:
        return data.published_at
    if data.status == "published":
        return post.published_at or utcnow()
    return post.published_at


def next_version(post: Post) -> datetime:
    """The ``updated_at`` a change gives ``post``: now, but always later than its current one.

    Times are kept to the second (as Ghost does); two changes within a second must still be
    two versions, or a version check could not tell them apart.
    """
    now = utcnow()
    current = post.updated_at
    return now if current is None or now > current else current + timedelta(seconds=1)


def wanted_slug(data: PostInput) -> str:
    """The slug ``data`` asks for: the source's own when given (kept as it is), else made up."""
    return given_slug(data.slug) if data.slug else make_slug(data.title)


async def rerender_all(session: AsyncSession, options: render.RenderOptions) -> int:
    """Render every post again (a render setting changed) and bump its ``render_version``.

    Each post whose HTML changed is announced (``post.updated``, ``page.updated``); returns
    how many posts were rendered.
    """
    count = 0
    posts = list((await session.execute(select(Post).options(undefer(Post.source)))).scalars())
    known: dict[str, tuple[int, int] | None] = {}
    await _known_sizes(session, (post.source for post in posts), known)
    options = _with_sizes(options, known)
    for post in posts:
        before = post.html
        render_post(post, options)
        post.render_version = (post.render_version or 0) + 1
        if post.html != before:
            emit_saved(session, post, state_of(post))
        count += 1
    await session.flush()
    return count


class PostBatch:
    """Saves many posts in one session with few queries: for imports of thousands of posts.

    The rules are those of ``save_post``; only the number of round trips differs. ``prefetch``
    loads the posts and slugs a group of inputs refers to in a few queries, tags and authors
    are looked up once per name, and nothing is flushed until ``flush`` (ids are assigned up
    front). After a rollback, to a savepoint too, call ``reset``: remembered rows may be gone.
    """

    _IN_LIMIT = 500  # values per IN (...) list, well under every database's limit

    def __init__(
        self,
        session: AsyncSession,
        options: render.RenderOptions,
        *,
        default_author_id: str | None = None,
    ) -> None:
        self.session = session
        self.options = options
        self.default_author_id = default_author_id  # for posts naming no author
        self._image_sizes: dict[str, tuple[int, int] | None] = {}  # media path -> size
        self.reset()

    def reset(self) -> None:
        """Forget every remembered row."""
        # Keyed ("id", value) and ("guid", value); _checked also holds the keys found absent.
        self._posts: dict[tuple[str, str], Post] = {}
        self._checked: set[tuple[str, str]] = set()
        self._slugs: dict[str, str | None] = {}  # slug -> id of its post, None when free
        self._tags: dict[str, Tag] = {}
        self._authors: dict[tuple[str, str | None, str | None], User] = {}
        self._default_author: list[User | None] = []  # empty until looked up

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
        wanted = sorted({wanted_slug(d) for d in items} - self._slugs.keys())
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
        previous = None if post is None else state_of(post)
        post_id = (data.id or new_id()) if post is None else post.id
        # The slug query must run before a new, still empty row joins the session (autoflush).
        slug = await self._unique_slug(wanted_slug(data), post_id)
        if post is None:
            post = Post(id=post_id)
            post.created_at = data.created_at or utcnow()
            post.tag_links, post.author_links = [], []
            self.session.add(post)
        post.slug = slug
        for name in _PLAIN_FIELDS:
            setattr(post, name, getattr(data, name))
        post.guid = data.guid or post.guid
        post.comment_id = data.comment_id or post.comment_id or post.id
        post.source_trusted = data.trusted
        post.published_at = _published_at(data, post)
        post.updated_at = data.updated_at or next_version(post)
        await _known_sizes(self.session, [post.source], self._image_sizes)
        render_post(post, _with_sizes(self.options, self._image_sizes))
        self._remember(post)
        await self._set_tags(post, data.tags)
        await self._set_authors(post, data)
        for old_path in data.redirect_from:
            await add_redirect(self.session, old_path, post.id)
        emit_saved(self.session, post, previous)
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

    async def _unique_slug(self, base: str, post_id: str) -> str:
        """``base``, else ``base-2``..., also seeing the posts of this batch not flushed yet."""
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
            if not self._default_author and self.default_author_id:
                found = await people.get_by_id(self.session, self.default_author_id)
                self._default_author.append(found)
            if self._default_author and self._default_author[0] is not None:
                authors.append(self._default_author[0])
        post.author_links = [
            PostAuthor(post_id=post.id, author_id=a.id, author=a, sort_order=i)
            for i, a in enumerate(authors)
        ]
