"""Not found and server errors: themed pages with the right status, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

from inkwell.app import create_app
from inkwell.settings import Settings
from tests.site.conftest import parse


async def test_unknown_path_is_a_themed_404(client: AsyncClient) -> None:
    response = await client.get("/no-such-page/")
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    tree = parse(response.text)
    assert tree.xpath("//h1/text()") == ["Page not found"]
    assert tree.xpath("//header[@class='site-header']")


async def test_404_is_never_cached(client: AsyncClient) -> None:
    response = await client.get("/no-such-page/")
    assert "no-store" in response.headers["cache-control"]


async def test_404_is_kept_out_of_search_engines(client: AsyncClient) -> None:
    tree = parse((await client.get("/missing/")).text)
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]


async def test_unknown_path_without_slash_is_404_not_a_redirect(client: AsyncClient) -> None:
    assert (await client.get("/no-such-thing")).status_code == 404


async def test_post_to_a_page_url_is_not_found(client: AsyncClient) -> None:
    assert (await client.post("/no-such-page/")).status_code == 404


@pytest.fixture
def broken_theme(tmp_path: Path) -> Path:
    """A theme whose home template fails while rendering; its error page works."""
    folder = tmp_path / "broken"
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "index.html").write_text("{{ no_such_variable.attribute }}")
    return folder


async def test_error_while_rendering_is_a_themed_500(
    settings: Settings, broken_theme: Path, site_database: object
) -> None:
    app = create_app(settings.model_copy(update={"theme": str(broken_theme)}))
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://blog.test") as http,
    ):
        response = await http.get("/")
    assert response.status_code == 500
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "Something went wrong" in response.text
    assert "Traceback" not in response.text
    assert "no_such_variable" not in response.text


async def test_error_page_itself_failing_falls_back_to_plain_html(
    settings: Settings, broken_theme: Path, site_database: object
) -> None:
    (broken_theme / "templates" / "error.html").write_text("{% broken")
    app = create_app(settings.model_copy(update={"theme": str(broken_theme)}))
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://blog.test") as http,
    ):
        response = await http.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "Traceback" not in response.text
