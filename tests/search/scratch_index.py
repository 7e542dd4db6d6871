"""A scratch full-text index in the test's database, filled through this package's translations.

The real index table (and its migration) is a later step; these tests prove the query side against
the same FTS5 tables and tsvector columns it will use.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import Executable, column, insert, table, text
from sqlalchemy.ext.asyncio import AsyncEngine

from inkwell.search import postgres_fts, sqlite_fts
from inkwell.search.query import parse
from inkwell.search.tokens import index_text

INDEX, WORDS, VECTORS = "scratch_search_index", "scratch_search_words", "scratch_search_vectors"
CONFIGURATION = postgres_fts.configuration_for("en")


@dataclass(frozen=True)
class Post:
    """A post as the index sees it."""

    slug: str
    title: str
    body: str
    tags: str = ""
    excerpt: str = ""
    authors: str = "Ada Byte"

    def fields(self) -> dict[str, str]:
        """Each field as the indexer will feed it: through the shared tokeniser."""
        return {
            "title": index_text(self.title),
            "tags": index_text(self.tags),
            "excerpt": index_text(self.excerpt),
            "body": index_text(self.body),
            "authors": index_text(self.authors),
        }


class ScratchIndex:
    """``search(text)`` gives the slugs of the posts matching, best first."""

    def __init__(self, engine: AsyncEngine, posts: list[Post]) -> None:
        self.engine = engine
        self.posts = posts

    async def search(self, reader_text: str) -> list[str]:
        """Parse ``reader_text`` (a ``QueryError`` propagates) and run it."""
        query = parse(reader_text)
        statement: Executable | None
        if self.engine.dialect.name == "sqlite":
            statement = sqlite_fts.search_statement(
                query, index_table=INDEX, words_table=WORDS, limit=50
            )
        else:
            vectors = table(VECTORS, column("id"), column("document"), column("words"))
            statement = postgres_fts.search_statement(query, CONFIGURATION, table=vectors, limit=50)
        if statement is None:
            return []  # filters alone: the service will list by tag or author, not search
        async with self.engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        return [self.posts[row.id - 1].slug for row in rows]


async def _create_sqlite(engine: AsyncEngine, posts: list[Post]) -> None:
    async with engine.begin() as connection:
        for name, stemmed in ((INDEX, True), (WORDS, False)):
            await connection.execute(text(sqlite_fts.create_table_sql(name, stemmed=stemmed)))
            columns = ", ".join(sqlite_fts.COLUMNS)
            values = ", ".join(f":{name}" for name in sqlite_fts.COLUMNS)
            await connection.execute(
                text(f"INSERT INTO {name} (rowid, {columns}) VALUES (:id, {values})"),
                [{"id": number, **post.fields()} for number, post in enumerate(posts, 1)],
            )


async def _create_postgres(engine: AsyncEngine, posts: list[Post]) -> None:
    vectors = table(VECTORS, column("id"), column("document"), column("words"))
    async with engine.begin() as connection:
        await connection.execute(
            text(
                f"CREATE TABLE {VECTORS} "
                "(id integer PRIMARY KEY, document tsvector, words tsvector)"
            )
        )
        for name in ("document", "words"):
            await connection.execute(
                text(f"CREATE INDEX ix_{VECTORS}_{name} ON {VECTORS} USING gin ({name})")
            )
        for number, post in enumerate(posts, 1):
            fields = post.fields()
            await connection.execute(
                insert(vectors).values(
                    id=number,
                    document=postgres_fts.document_vector(CONFIGURATION, **fields),
                    words=postgres_fts.words_vector(**fields),
                )
            )


async def _drop(engine: AsyncEngine) -> None:
    names = (INDEX, WORDS) if engine.dialect.name == "sqlite" else (VECTORS,)
    async with engine.begin() as connection:
        for name in names:
            await connection.execute(text(f"DROP TABLE IF EXISTS {name}"))


@asynccontextmanager
async def scratch_index(engine: AsyncEngine, posts: list[Post]) -> AsyncIterator[ScratchIndex]:
    """The posts indexed in scratch tables of ``engine``'s database, dropped afterwards."""
    await _drop(engine)
    try:
        if engine.dialect.name == "sqlite":
            await _create_sqlite(engine, posts)
        else:
            await _create_postgres(engine, posts)
        yield ScratchIndex(engine, posts)
    finally:
        await _drop(engine)
