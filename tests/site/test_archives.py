"""Tag and author archives."""

from __future__ import annotations

from httpx import AsyncClient

from inkwell.content import tags
from inkwell.core.db import Database
from tests.site.conftest import AddPost, SetSite, by_class, parse, text_of


async def test_tag_archive_lists_the_tags_posts(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(title="Tagged", tags=["Python"])
    await add_post(title="Untagged", tags=["css"])
    response = await client.get("/tag/python/")
    assert response.status_code == 200
    tree = parse(response.text)
    assert text_of(tree.xpath("//h1")) == ["Python"]
    assert text_of(by_class(tree, "post-card-title")) == ["Tagged"]


async def test_tag_archive_shows_count_and_description(
    client: AsyncClient, add_post: AddPost, site_database: Database
) -> None:
    await add_post(tags=["python"])
    await add_post(tags=["python"])
    async with site_database.session() as session:
        tag = await tags.get_by_slug(session, "python")
        assert tag is not None
        tag.description = "Snakes and ladders."
    tree = parse((await client.get("/tag/python/")).text)
    assert text_of(by_class(tree, "page-intro-text")) == ["Snakes and ladders."]
    assert text_of(by_class(tree, "archive-count"))[0].startswith("2 posts")


async def test_tag_archive_paginates(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(posts_per_page=1)
    await add_post(title="Old", tags=["python"])
    await add_post(title="New", tags=["python"])
    tree = parse((await client.get("/tag/python/page/2/")).text)
    assert text_of(by_class(tree, "post-card-title")) == ["Old"]
    assert tree.xpath("//a[@rel='prev']/@href") == ["http://blog.test/tag/python/"]


async def test_tag_archive_page_one_redirects(client: AsyncClient) -> None:
    response = await client.get("/tag/python/page/1/")
    assert response.status_code == 301
    assert response.headers["location"] == "/tag/python/"


async def test_tag_archive_past_the_last_page_is_not_found(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(tags=["python"])
    assert (await client.get("/tag/python/page/2/")).status_code == 404


async def test_unknown_tag_is_not_found(client: AsyncClient) -> None:
    assert (await client.get("/tag/nothing/")).status_code == 404


async def test_internal_tag_archive_is_not_found(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(tags=["#staff-only"])
    assert (await client.get("/tag/hash-staff-only/")).status_code == 404


async def test_tag_used_only_by_drafts_is_not_found(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(tags=["unreleased"], status="draft")
    assert (await client.get("/tag/unreleased/")).status_code == 404


async def test_tag_without_trailing_slash_redirects(client: AsyncClient) -> None:
    response = await client.get("/tag/python")
    assert response.status_code == 301
    assert response.headers["location"] == "/tag/python/"


async def test_author_archive_lists_their_posts(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(title="Mine")
    response = await client.get("/author/test-author/")
    assert response.status_code == 200
    tree = parse(response.text)
    assert text_of(tree.xpath("//h1")) == ["Test Author"]
    assert text_of(by_class(tree, "post-card-title")) == ["Mine"]
    assert text_of(by_class(tree, "archive-count"))[0].split()[:2] == ["1", "post"]


async def test_author_archive_shows_bio(
    client: AsyncClient, add_post: AddPost, site_database: Database
) -> None:
    post = await add_post()
    async with site_database.session() as session:
        from inkwell.content import people

        user = await people.get_by_slug(session, post.authors[0].slug)
        assert user is not None
        user.bio = "Writes about databases."
    tree = parse((await client.get("/author/test-author/")).text)
    assert text_of(by_class(tree, "page-intro-text")) == ["Writes about databases."]


async def test_author_archive_paginates(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(posts_per_page=1)
    await add_post(title="Old")
    await add_post(title="New")
    tree = parse((await client.get("/author/test-author/page/2/")).text)
    assert text_of(by_class(tree, "post-card-title")) == ["Old"]


async def test_unknown_author_is_not_found(client: AsyncClient) -> None:
    assert (await client.get("/author/nobody/")).status_code == 404


async def test_author_with_only_drafts_is_not_found(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(status="draft")
    assert (await client.get("/author/test-author/")).status_code == 404


async def test_author_archive_page_one_redirects(client: AsyncClient) -> None:
    response = await client.get("/author/someone/page/1/")
    assert response.status_code == 301
    assert response.headers["location"] == "/author/someone/"


async def test_archive_page_zero_is_not_found(client: AsyncClient, add_post: AddPost) -> None:
    await add_post()
    assert (await client.get("/tag/python/page/0/")).status_code == 404


async def test_other_first_path_segments_are_not_archives(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post()
    assert (await client.get("/tags/python/")).status_code == 404
