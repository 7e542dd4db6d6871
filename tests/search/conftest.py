"""Searching the real index the way the query side will: through the dialect modules'
``search_statement``, never hand-written SQL."""

from __future__ import annotations

from sqlalchemy import Executable, column, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.search import postgres_fts, sqlite_fts, sqlite_index
from inkwell.search.models import SearchDocument
from inkwell.search.query import parse

_DOCUMENTS = table("search_documents", column("id"), column("document"), column("words"))


async def found(session: AsyncSession, reader_text: str, *, locale: str = "en") -> set[str]:
    """The ids of the posts the index finds for ``reader_text`` (on the session's database),
    queried as a site in ``locale`` would."""
    query = parse(reader_text)
    statement: Executable | None
    if session.get_bind().dialect.name == "sqlite":
        statement = sqlite_fts.search_statement(
            query,
            index_table=sqlite_index.INDEX_TABLE,
            words_table=sqlite_index.WORDS_TABLE,
            limit=100,
        )
    else:
        configuration = postgres_fts.configuration_for(locale)
        statement = postgres_fts.search_statement(query, configuration, table=_DOCUMENTS, limit=100)
    assert statement is not None, "a test searches for words"
    ids = [row.id for row in (await session.execute(statement)).all()]
    posts = select(SearchDocument.post_id).where(SearchDocument.id.in_(ids))
    return set((await session.execute(posts)).scalars())
