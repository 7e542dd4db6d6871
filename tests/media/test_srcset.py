"""Posts showing uploaded images get Ghost's srcset: content asks media for the widths."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from tests.factories import make_post
from tests.media import pictures
from tests.media.conftest import Upload


async def test_an_uploaded_image_gets_width_height_and_srcset(
    upload: Upload, session: AsyncSession
) -> None:
    row = await upload(pictures.png(1200, 800), "desk.png")
    url = f"/content/images/{row.path}"
    post = await make_post(session, source=f"![A desk]({url})")
    variant = url.replace("/content/images/", "/content/images/size/w{}/")
    assert (
        f'<img src="{url}" class="kg-image" alt="A desk" loading="lazy" width="1200" '
        f'height="800" srcset="{variant.format(600)} 600w, {variant.format(1000)} 1000w, '
        f'{url} 1200w" sizes="(min-width: 720px) 720px">'
    ) in post.html


async def test_an_image_media_does_not_know_gets_no_srcset(session: AsyncSession) -> None:
    post = await make_post(session, source="![A](/content/images/2026/12/unknown.png)")
    assert "srcset" not in post.html


async def test_rendering_everything_again_keeps_the_srcset(
    upload: Upload, session: AsyncSession
) -> None:
    row = await upload(pictures.png(2000, 1000), "wide.png")
    await make_post(session, source=f"![W](/content/images/{row.path}){{.wide}}")
    site = await content.load_settings(session)
    await content.rerender_all(session, content.render_options(site, "http://blog.test"))
    every = content.PostFilter(statuses=frozenset(content.PostStatus), with_html=True)
    (post,) = (await content.find_posts(session, every)).posts
    assert 'sizes="(min-width: 1200px) 1200px"' in post.html
    assert "/content/images/size/w1600/" in post.html
