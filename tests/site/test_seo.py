"""Unit tests of the pure SEO builders."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from inkwell.content.site_settings import SiteSettings
from inkwell.site import seo, views
from tests.site.builders import post, tag, user

SITE_URL = "https://blog.example"
SITE = views.site_view(SiteSettings(title="Ada's Notes", description="Notes."), SITE_URL)
URL = "https://blog.example/blog/2026/03/a-title/"


def tags_of(meta: seo.Meta, key: str) -> list[str]:
    return [t.content for t in meta.tags if t.key == key]


def test_iso_utc_has_milliseconds_and_z() -> None:
    moment = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)
    assert seo.iso_utc(moment) == "2026-03-16T10:00:00.000Z"


def test_json_ld_text_escapes_markup() -> None:
    text = seo.json_ld_text({"a": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & -->"}


def test_post_meta_basics() -> None:
    meta = seo.for_post(post(custom_excerpt="Short."), URL, SITE)
    assert meta.title == "A title"
    assert meta.description == "Short."
    assert meta.canonical == URL


def test_post_meta_prefers_meta_description() -> None:
    meta = seo.for_post(post(custom_excerpt="Short.", meta_description="For search."), URL, SITE)
    assert meta.description == "For search."


def test_post_meta_article_tags_are_public_only() -> None:
    meta = seo.for_post(post(tags=[tag("A"), tag("#b", "hash-b")]), URL, SITE)
    assert tags_of(meta, "article:tag") == ["A"]


def test_post_meta_times() -> None:
    meta = seo.for_post(post(), URL, SITE)
    assert tags_of(meta, "article:published_time") == ["2026-03-16T09:00:00.000Z"]
    assert tags_of(meta, "article:modified_time") == ["2026-03-17T10:00:00.000Z"]


def test_post_meta_twitter_and_facebook_accounts() -> None:
    meta = seo.for_post(
        post(), URL, SITE, twitter_handle="ada", facebook="https://facebook.com/ada"
    )
    assert tags_of(meta, "twitter:site") == ["@ada"]
    assert tags_of(meta, "article:publisher") == ["https://facebook.com/ada"]


def test_post_meta_image_card() -> None:
    meta = seo.for_post(post(feature_image="/content/images/a.png"), URL, SITE)
    assert tags_of(meta, "og:image") == ["https://blog.example/content/images/a.png"]
    assert tags_of(meta, "twitter:card") == ["summary_large_image"]


def test_post_meta_written_by_labels() -> None:
    meta = seo.for_post(post(authors=[user("Ada"), user("Bo", "bo")], tags=[tag("A")]), URL, SITE)
    assert tags_of(meta, "twitter:data1") == ["Ada, Bo"]
    assert tags_of(meta, "twitter:data2") == ["A"]


def test_post_json_ld() -> None:
    meta = seo.for_post(post(feature_image="/i.png", tags=[tag("A")]), URL, SITE)
    assert meta.json_ld is not None
    data = json.loads(meta.json_ld)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "A title"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Ada's Notes",
        "url": "https://blog.example/",
        "logo": {"@type": "ImageObject", "url": "https://blog.example/favicon.png"},
    }
    assert data["image"] == {"@type": "ImageObject", "url": "https://blog.example/i.png"}
    assert data["author"]["url"] == "https://blog.example/author/ada/"


def test_post_json_ld_lists_several_authors() -> None:
    meta = seo.for_post(post(authors=[user("Ada"), user("Bo", "bo")]), URL, SITE)
    assert meta.json_ld is not None
    assert [a["name"] for a in json.loads(meta.json_ld)["author"]] == ["Ada", "Bo"]


def test_page_json_ld_is_an_article() -> None:
    meta = seo.for_post(post(type="page"), URL, SITE)
    assert meta.json_ld is not None
    assert json.loads(meta.json_ld)["@type"] == "Article"
    assert tags_of(meta, "og:type") == ["website"]


def test_home_meta() -> None:
    meta = seo.for_home(SITE, "https://blog.example/", 1, None, "https://blog.example/page/2/")
    assert meta.title == "Ada's Notes"
    assert [(link.rel, link.href) for link in meta.links if link.rel == "next"] == [
        ("next", "https://blog.example/page/2/")
    ]
    assert meta.json_ld is not None
    assert json.loads(meta.json_ld)["@type"] == "WebSite"


def test_home_meta_of_a_later_page() -> None:
    meta = seo.for_home(SITE, "https://blog.example/page/3/", 3, "p", None)
    assert meta.title == "Ada's Notes (page 3)"


def test_feed_links_add_an_archive_feed() -> None:
    links = seo.feed_links(SITE, ("Python - Ada's Notes", "https://blog.example/tag/python/rss/"))
    assert [link.type for link in links] == [
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rss+xml",
    ]


def test_tag_archive_meta() -> None:
    archive = views.tag_archive(tag("Python"), 4, SITE_URL)
    meta = seo.for_archive(archive, SITE, archive.url, 1, None, None)
    assert meta.title == "Python - Ada's Notes"
    assert meta.description == "Posts tagged Python on Ada's Notes."
    assert meta.json_ld is not None
    assert json.loads(meta.json_ld)["@type"] == "Series"


def test_author_archive_meta() -> None:
    author = user("Ada")
    author.bio = "Writes."
    author.website = "https://ada.example/"
    archive = views.author_archive(author, 2, SITE_URL)
    meta = seo.for_archive(archive, SITE, archive.url, 1, None, None)
    assert meta.description == "Writes."
    assert meta.json_ld is not None
    person = json.loads(meta.json_ld)["mainEntity"]
    assert person["sameAs"] == ["https://ada.example/"]


def test_error_meta_is_noindex() -> None:
    meta = seo.for_error(SITE, "Page not found", "https://blog.example/x/")
    assert meta.robots == "noindex"
    assert meta.canonical == ""
    assert meta.title == "Page not found - Ada's Notes"


def test_generator_names_major_and_minor() -> None:
    assert seo.GENERATOR.startswith("Inkwell ")
    assert seo.GENERATOR.count(".") == 1
