"""Unit tests of the pure view builders."""

from __future__ import annotations

from datetime import UTC, datetime

from inkwell.content.site_settings import NavigationItem, SiteSettings
from inkwell.site import views
from tests.site.builders import post, tag, user

SITE_URL = "https://blog.example"


def test_absolute_joins_paths_to_the_site() -> None:
    assert views.absolute(SITE_URL, "/tag/x/") == "https://blog.example/tag/x/"
    assert views.absolute(SITE_URL + "/", "about/") == "https://blog.example/about/"


def test_absolute_keeps_absolute_urls() -> None:
    assert views.absolute(SITE_URL, "https://cdn.example/a.png") == "https://cdn.example/a.png"
    assert views.absolute(SITE_URL, "mailto:me@example.com") == "mailto:me@example.com"
    assert views.absolute(SITE_URL, "//cdn.example/a.png") == "//cdn.example/a.png"


def test_site_view_marks_the_current_menu_entry() -> None:
    site = SiteSettings(
        navigation=[
            NavigationItem(label="Home", url="/"),
            NavigationItem(label="About", url="/about/"),
        ]
    )
    view = views.site_view(site, SITE_URL, current_url="https://blog.example/about/")
    assert [(link.label, link.current) for link in view.navigation] == [
        ("Home", False),
        ("About", True),
    ]


def test_site_view_defaults_icon_to_favicon() -> None:
    assert views.site_view(SiteSettings(), SITE_URL).icon_url == "https://blog.example/favicon.png"


def test_site_view_root_url_ends_with_a_slash() -> None:
    assert views.site_view(SiteSettings(), SITE_URL).url == "https://blog.example/"


def test_html_lang_from_locale() -> None:
    assert views.html_lang("en") == "en"
    assert views.html_lang("pt_BR") == "pt-BR"
    assert views.html_lang("not a locale!") == "en"


def test_date_view_uses_the_time_zone() -> None:
    moment = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
    view = views.date_view(moment, "America/Los_Angeles")
    assert view.iso == "2025-12-31T19:00:00-08:00"
    assert view.text == "31 Dec 2025"


def test_reading_time_is_at_least_a_minute() -> None:
    assert views.reading_time_text(0) == "1 min read"
    assert views.reading_time_text(7) == "7 min read"


def test_shorten_cuts_at_a_word_boundary() -> None:
    assert views.shorten("one two three four", 12) == "one two…"
    assert views.shorten("short", 12) == "short"


def test_card_excerpt_prefers_the_custom_excerpt() -> None:
    assert views.card_excerpt(post(custom_excerpt="Mine.", plaintext_excerpt="Other.")) == "Mine."


def test_card_excerpt_shortens_the_plaintext() -> None:
    text = "word " * 100
    excerpt = views.card_excerpt(post(plaintext_excerpt=text))
    assert len(excerpt) <= views.CARD_EXCERPT_CHARS
    assert excerpt.endswith("…")


def test_post_card_primary_tag_skips_internal_tags() -> None:
    card = views.post_card(
        post(tags=[tag("#secret", "hash-secret"), tag("Python")]), "u", SiteSettings(), SITE_URL
    )
    assert card.primary_tag == views.Link("Python", "https://blog.example/tag/python/")


def test_post_card_authors_link_to_archives() -> None:
    card = views.post_card(
        post(authors=[user("Ada", "ada"), user("Bo", "bo")]), "u", SiteSettings(), SITE_URL
    )
    assert [a.url for a in card.authors] == [
        "https://blog.example/author/ada/",
        "https://blog.example/author/bo/",
    ]


def test_post_card_feature_image_is_absolute() -> None:
    card = views.post_card(
        post(feature_image="/content/images/a.png", feature_image_alt="Alt"),
        "u",
        SiteSettings(),
        SITE_URL,
    )
    assert card.feature_image == views.ImageView("https://blog.example/content/images/a.png", "Alt")


def test_post_view_caption_is_sanitised() -> None:
    row = post(
        feature_image="/a.png",
        feature_image_caption='By <a href="https://x.example/">X</a><img src=x onerror=alert(1)>',
    )
    view = views.post_view(row, "u", "<p>Body.</p>", SiteSettings(), SITE_URL)
    assert view.card.feature_image is not None
    caption = str(view.card.feature_image.caption)
    assert '<a href="https://x.example/"' in caption
    assert "onerror" not in caption
    assert "<img" not in caption


def test_post_view_lists_only_public_tags() -> None:
    row = post(tags=[tag("A"), tag("#b", "hash-b"), tag("C")])
    view = views.post_view(row, "u", "", SiteSettings(), SITE_URL)
    assert [t.label for t in view.tags] == ["A", "C"]
    assert view.body_class == "post-template tag-a tag-c"


def test_post_view_of_a_page() -> None:
    view = views.post_view(post(type="page"), "u", "", SiteSettings(), SITE_URL)
    assert view.is_page
    assert view.body_class == "page-template"


def test_pagination_of_a_middle_page() -> None:
    pager = views.pagination("/tag/x/", 2, 3, 30, SITE_URL)
    assert pager.prev_url == "https://blog.example/tag/x/"
    assert pager.next_url == "https://blog.example/tag/x/page/3/"


def test_pagination_of_the_only_page() -> None:
    pager = views.pagination("/", 1, 1, 2, SITE_URL)
    assert (pager.prev_url, pager.next_url) == (None, None)


def test_page_path() -> None:
    assert views.page_path("/", 1) == "/"
    assert views.page_path("/", 4) == "/page/4/"
