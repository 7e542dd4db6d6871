"""Writing posts into the search index: what is findable, and the text each column holds.

Only published posts and pages with public visibility are findable: a draft, a scheduled
post or a members-only one has no row at all, so no query can leak it. Internal tags (``#``)
are left out of the indexed tag names. The body is content's plain text of the rendered
post (code blocks included, markup dropped), the same text as the Content API's plaintext.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.search import postgres_fts, sqlite_fts, sqlite_index
from inkwell.search.models import SearchDocument
from inkwell.search.tokens import index_text

Progress = Callable[[int, int], None]
"""Told ``(done, total)`` as a rebuild goes."""


def findable(post: content.Post) -> bool:
    """Whether readers may find ``post`` by searching."""
    return post.status == content.PostStatus.PUBLISHED and post.visibility == "public"


def _slugs(slugs: list[str]) -> str:
    return f" {' '.join(slugs)} " if slugs else " "


def _fields(post: content.Post, body: str) -> dict[str, str]:
    tags = [tag.name for tag in post.tags if not tag.name.startswith("#")]
    return {
        "title": index_text(post.title),
        "tags": index_text(" ".join(tags)),
        "excerpt": index_text(post.custom_excerpt or ""),
        "body": index_text(body),
        "authors": index_text(" ".join(author.name for author in post.authors)),
    }


async def _document_of(session: AsyncSession, post_id: str) -> SearchDocument | None:
    found = select(SearchDocument).where(SearchDocument.post_id == post_id)
    return (await session.execute(found)).scalar_one_or_none()


async def remove(session: AsyncSession, post_id: str) -> None:
    """Take the post out of the index (nothing happens when it is not there)."""
    # The FTS5 rows go with it through the trigger on SQLite.
    await session.execute(delete(SearchDocument).where(SearchDocument.post_id == post_id))


async def index_post(
    session: AsyncSession, post_id: str, *, locale: str | None = None, fresh: bool = False
) -> bool:
    """Bring the post's index row up to date: written when findable, removed otherwise.

    ``locale`` (the site's, read when not given) picks PostgreSQL's stemming; ``fresh`` reads
    the post's tags and authors again from the database (after a tag or author changed
    behind the loaded post). True when the post is in the index afterwards.
    """
    post = await content.get_post(session, post_id)
    if post is not None and fresh:
        await session.refresh(post)
    elif post is not None and "html" in inspect(post).unloaded:
        # Loaded earlier by a listing that deferred the body.
        await session.refresh(post, ["html"])
    if post is None or not findable(post):
        await remove(session, post_id)
        return False
    body = content.plain_text_of(post)
    document = await _document_of(session, post_id)
    if document is None:
        document = SearchDocument(post_id=post_id)
        session.add(document)
    document.type = str(post.type)
    document.status = str(post.status)
    document.visibility = post.visibility
    document.published_at = post.published_at
    document.title = post.title
    document.excerpt = post.custom_excerpt or post.plaintext_excerpt or ""
    document.body = body
    document.tag_slugs = _slugs([tag.slug for tag in post.tags if not tag.name.startswith("#")])
    document.author_slugs = _slugs([author.slug for author in post.authors])
    fields = _fields(post, body)
    if session.get_bind().dialect.name == "postgresql":
        if locale is None:
            locale = (await content.load_settings(session)).locale
        configuration = postgres_fts.configuration_for(locale)
        document.document = postgres_fts.document_vector(configuration, **fields)
        document.words = postgres_fts.words_vector(**fields)
        await session.flush()
    else:
        await session.flush()
        await sqlite_index.write(session, document.id, fields)
    return True


async def posts_mentioning(session: AsyncSession, *, tag: str = "", author: str = "") -> list[str]:
    """The indexed posts built with the tag slug ``tag`` or the author slug ``author``."""
    wanted = select(SearchDocument.post_id)
    if tag:
        wanted = wanted.where(SearchDocument.tag_slugs.contains(f" {tag} ", autoescape=True))
    if author:
        wanted = wanted.where(SearchDocument.author_slugs.contains(f" {author} ", autoescape=True))
    return list((await session.execute(wanted)).scalars())


async def reindex(session: AsyncSession, progress: Progress | None = None) -> int:
    """Rebuild the whole index from the posts and pages; how many are findable now.

    On SQLite the FTS5 tables are created again, stemming as the current locale asks.
    """
    locale = (await content.load_settings(session)).locale
    await session.execute(delete(SearchDocument))
    if session.get_bind().dialect.name == "sqlite":
        await sqlite_index.recreate(session, stemmed=sqlite_fts.stems(locale))
    posts = [
        *await content.all_published(session, content.PostType.POST, with_html=True),
        *await content.all_published(session, content.PostType.PAGE, with_html=True),
    ]
    indexed = 0
    for done, post in enumerate(posts, 1):
        if await index_post(session, post.id, locale=locale):
            indexed += 1
        if progress is not None:
            progress(done, len(posts))
    if not posts and progress is not None:
        progress(0, 0)
    return indexed


async def count(session: AsyncSession) -> int:
    """How many posts and pages the index holds."""
    return int((await session.execute(text("SELECT count(*) FROM search_documents"))).scalar_one())
