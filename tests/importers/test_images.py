"""``--download-images``: images fetched from a real local HTTP server into the media folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.schemas import PostInput
from inkwell.importers.image_files import ImageRejected, check_image
from inkwell.importers.images import find_local_file, image_urls, rewrite_html
from inkwell.importers.pipeline import import_feed, import_markdown
from inkwell.importers.report import ImportReport
from inkwell.settings import Settings

from .conftest import LocalServer, Route
from .support import fixture, jpeg_bytes, noisy_png, png_bomb, png_bytes, post_titled

COVER, PHOTO = png_bytes(), jpeg_bytes()


def serve_images(server: LocalServer) -> None:
    server.routes.update(
        {
            "/img/cover.png": Route(COVER, "image/png"),
            "/img/photo.jpg": Route(PHOTO, "image/jpeg"),
            "/img/fake.png": Route(b"<html>surprise</html>", "image/png"),
            "/img/bomb.png": Route(png_bomb(), "image/png"),
            "/img/drawing.svg": Route(
                b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"
            ),
        }
    )


def write_image_feed(folder: Path, base: str) -> Path:
    """Two posts: the first with every kind of image, the second reusing the cover."""
    body = (
        f'<p>Intro.</p><figure><img src="{base}/img/photo.jpg" alt="A photo" '
        f'srcset="{base}/img/photo-600.jpg 600w, {base}/img/photo.jpg 1200w" sizes="100vw">'
        f'</figure><p><img src="{base}/img/missing.png" alt="gone"></p>'
        f'<p><img src="{base}/img/fake.png"></p><p><img src="{base}/img/bomb.png"></p>'
        f'<p><img src="{base}/img/drawing.svg"></p>'
    )
    path = folder / "pictures.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Pictures</title>'
        f"<link>{base}/</link><description>d</description>"
        "<item><title>A photo post</title><guid>img-1</guid>"
        "<pubDate>Wed, 15 May 2024 10:00:00 GMT</pubDate>"
        f'<media:content url="{base}/img/cover.png" medium="image"/>'
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        "<item><title>Same cover again</title><guid>img-2</guid>"
        "<pubDate>Thu, 16 May 2024 10:00:00 GMT</pubDate>"
        f'<media:content url="{base}/img/cover.png" medium="image"/>'
        "<description>Short.</description></item></channel></rss>",
        encoding="utf-8",
    )
    return path


@pytest.fixture
async def downloaded(
    session: AsyncSession, settings: Settings, http_server: LocalServer, tmp_path: Path
) -> ImportReport:
    """The picture feed imported with ``download_images=True``."""
    serve_images(http_server)
    feed = write_image_feed(tmp_path, http_server.base)
    return await import_feed(session, str(feed), settings=settings, download_images=True)


async def test_feature_image_is_downloaded_and_rewritten(
    session: AsyncSession, settings: Settings, downloaded: ImportReport
) -> None:
    post = await post_titled(session, "A photo post")
    assert post.feature_image == "/content/images/2024/05/cover.png"
    assert (settings.media_dir / "2024" / "05" / "cover.png").read_bytes() == COVER


async def test_content_image_is_rewritten_without_its_old_srcset(
    session: AsyncSession, downloaded: ImportReport
) -> None:
    source = (await post_titled(session, "A photo post")).source
    assert '<img src="/content/images/2024/05/photo.jpg" alt="A photo">' in source
    assert "photo-600.jpg" not in source


async def test_failures_are_reported_and_keep_their_url(
    session: AsyncSession, http_server: LocalServer, downloaded: ImportReport
) -> None:
    failures = {f.url.removeprefix(http_server.base): f.reason for f in downloaded.image_failures}
    assert failures == {
        "/img/bomb.png": "too many pixels (a decompression bomb)",
        "/img/drawing.svg": "not an image (PNG, JPEG, GIF or WebP)",
        "/img/fake.png": "not an image (PNG, JPEG, GIF or WebP)",
        "/img/missing.png": "HTTP 404 Not Found",
    }
    source = (await post_titled(session, "A photo post")).source
    assert f'src="{http_server.base}/img/missing.png"' in source


def write_one_image_feed(folder: Path, image_url: str) -> Path:
    """A feed of one post whose feature image is ``image_url``."""
    path = folder / "one.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:media="http://search.yahoo.com/mrss/"><channel><title>One</title>'
        "<link>https://blog.example/</link><description>d</description>"
        "<item><title>One image</title><guid>one</guid>"
        "<pubDate>Wed, 15 May 2024 10:00:00 GMT</pubDate>"
        f'<media:content url="{image_url}" medium="image"/>'
        "<description>Short.</description></item></channel></rss>",
        encoding="utf-8",
    )
    return path


# Each names the machine itself or a private network: refused before any connection is made
# (127.0.0.1 alone is allowed in these tests, as INKWELL_FETCH_ALLOWED_HOSTS would).
@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("localhost", "127.0.0.1 is a loopback address"),
        ("2130706433", "127.0.0.1 is a loopback address"),
        ("127.1", "127.0.0.1 is a loopback address"),
        ("[::1]", "::1 is a loopback address"),
        ("[::ffff:127.0.0.1]", "127.0.0.1 is a loopback address"),
        ("0.0.0.0", "0.0.0.0 is an unspecified address"),
        ("10.0.0.1", "10.0.0.1 is a private address"),
        ("169.254.169.254", "169.254.169.254 is a link-local address"),
    ],
)
async def test_images_at_local_or_private_addresses_are_refused(
    session: AsyncSession,
    settings: Settings,
    http_server: LocalServer,
    tmp_path: Path,
    host: str,
    reason: str,
) -> None:
    port = http_server.base.rsplit(":", 1)[1]
    url = f"http://{host}:{port}/img/cover.png"
    serve_images(http_server)
    report = await import_feed(
        session, str(write_one_image_feed(tmp_path, url)), settings=settings, download_images=True
    )
    [failure] = report.image_failures
    assert (failure.url, failure.reason.startswith(f"refused: {reason}")) == (url, True)
    assert (http_server.hits, settings.media_dir.exists()) == ({}, False)
    assert (await post_titled(session, "One image")).feature_image == url


async def test_a_redirect_to_a_loopback_address_is_refused(
    session: AsyncSession, settings: Settings, http_server: LocalServer, tmp_path: Path
) -> None:
    port = http_server.base.rsplit(":", 1)[1]
    serve_images(http_server)
    elsewhere = f"http://localhost:{port}/img/cover.png"
    http_server.routes["/moved.png"] = Route(b"", status=302, headers={"Location": elsewhere})
    url = http_server.url("/moved.png")
    report = await import_feed(
        session, str(write_one_image_feed(tmp_path, url)), settings=settings, download_images=True
    )
    [failure] = report.image_failures
    assert failure.reason.startswith("refused: 127.0.0.1 is a loopback address")
    assert http_server.hits == {"/moved.png": 1}
    assert not settings.media_dir.exists()


async def test_only_real_images_are_written(settings: Settings, downloaded: ImportReport) -> None:
    files = sorted(p.name for p in settings.media_dir.rglob("*") if p.is_file())
    assert (files, downloaded.images_downloaded) == (["cover.png", "photo.jpg"], 2)


async def test_each_url_is_fetched_once(http_server: LocalServer, downloaded: ImportReport) -> None:
    assert http_server.hits["/img/cover.png"] == 1


async def test_reimport_reuses_the_files(
    session: AsyncSession,
    settings: Settings,
    http_server: LocalServer,
    tmp_path: Path,
    downloaded: ImportReport,
) -> None:
    feed = tmp_path / "pictures.xml"
    await import_feed(session, str(feed), settings=settings, download_images=True)
    files = sorted(p.name for p in settings.media_dir.rglob("*") if p.is_file())
    assert files == ["cover.png", "photo.jpg"]
    assert (await post_titled(session, "Same cover again")).feature_image == (
        "/content/images/2024/05/cover.png"
    )


async def test_same_name_with_other_bytes_gets_its_own_file(
    session: AsyncSession, settings: Settings, http_server: LocalServer, tmp_path: Path
) -> None:
    http_server.routes["/a/pic.png"] = Route(png_bytes(colour="red"), "image/png")
    http_server.routes["/b/pic.png"] = Route(png_bytes(colour="blue"), "image/png")
    base = http_server.base
    body = f'<p><img src="{base}/a/pic.png"><img src="{base}/b/pic.png"></p>'
    feed = tmp_path / "two.xml"
    feed.write_text(
        f'<rss version="2.0"><channel><title>T</title><link>{base}/</link><description>d'
        "</description><item><title>Two pictures</title><guid>two</guid>"
        f"<pubDate>Wed, 15 May 2024 10:00:00 GMT</pubDate><description><![CDATA[{body}]]>"
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    await import_feed(session, str(feed), settings=settings, download_images=True)
    names = {p.name for p in (settings.media_dir / "2024" / "05").iterdir()}
    assert len(names) == 2 and "pic.png" in names
    assert all(name == "pic.png" or name.startswith("pic-") for name in names)


async def test_without_the_flag_nothing_is_downloaded(
    session: AsyncSession, settings: Settings, http_server: LocalServer, tmp_path: Path
) -> None:
    serve_images(http_server)
    feed = write_image_feed(tmp_path, http_server.base)
    await import_feed(session, str(feed), settings=settings)
    post = await post_titled(session, "A photo post")
    assert post.feature_image == f"{http_server.base}/img/cover.png"
    assert (http_server.hits, settings.media_dir.exists()) == ({}, False)


async def test_markdown_images_next_to_the_file_are_copied(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    bundle = fixture("markdown") / "hugo" / "content" / "posts" / "first-light"
    folder = Path(shutil.copytree(bundle, tmp_path / "posts" / "first-light")).parent
    (folder / "first-light" / "cover.png").write_bytes(COVER)
    (folder / "first-light" / "frame.png").write_bytes(png_bytes(colour="navy"))
    report = await import_markdown(session, folder, settings=settings, download_images=True)
    post = await post_titled(session, "First light on the new telescope")
    assert post.feature_image == "/content/images/2024/02/cover.png"
    assert "![The first frame](/content/images/2024/02/frame.png)" in post.source
    assert report.images_downloaded == 2


def test_local_image_outside_the_site_is_never_read(tmp_path: Path) -> None:
    site = tmp_path / "a" / "b" / "c" / "site"
    site.mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(COVER)
    assert find_local_file("../../../../secret.png", site, site) is None


def html_post(source: str) -> PostInput:
    return PostInput(title="Images", source_format="html", source=source)


def test_an_img_written_inside_an_attribute_is_not_an_image() -> None:
    source = '<img alt="see <img src=x.png>" src="https://img.test/real.png">'
    assert image_urls(html_post(source)) == ["https://img.test/real.png"]


def test_images_in_comments_and_scripts_are_not_fetched() -> None:
    source = '<!-- <img src="https://img.test/old.png"> --><script>"<img src=/s.png>"</script>'
    assert image_urls(html_post(source)) == []


def test_rewrite_html_changes_only_the_src_and_drops_srcset() -> None:
    source = '<p>a</p><IMG  class=k SRC="https://img.test/a.png" srcset="a-2x.png 2x"  alt=\'x\'>'
    assert rewrite_html(source, {"https://img.test/a.png": "/content/images/a.png"}) == (
        "<p>a</p><IMG  class=k SRC=\"/content/images/a.png\"  alt='x'>"
    )


def test_rewrite_html_leaves_an_img_inside_an_attribute_alone() -> None:
    source = '<a title="<img src=https://img.test/a.png>">t</a>'
    assert rewrite_html(source, {"https://img.test/a.png": "/content/images/a.png"}) == source


def test_check_image_names_the_type_by_its_bytes() -> None:
    assert (check_image(COVER), check_image(PHOTO)) == (".png", ".jpg")


def test_check_image_refuses_a_truncated_file() -> None:
    photo = noisy_png()
    with pytest.raises(ImageRejected, match="damaged image"):
        check_image(photo[: len(photo) * 4 // 5])


def test_check_image_refuses_an_empty_file() -> None:
    with pytest.raises(ImageRejected, match="empty file"):
        check_image(b"")
