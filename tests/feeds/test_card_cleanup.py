"""Feed clean-up of Ghost cards, as Ghost 6 does it for content:encoded."""

from __future__ import annotations

from inkwell.feeds.card_cleanup import tidy_cards

BOOKMARK = (
    '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" '
    'href="https://docs.python.org/3/library/pathlib.html"><div class="kg-bookmark-content">'
    '<div class="kg-bookmark-title">pathlib</div>'
    '<div class="kg-bookmark-description">Paths as <em>objects</em>.</div>'
    '<div class="kg-bookmark-metadata"><img class="kg-bookmark-icon" src="/icon.png" alt="">'
    '<span class="kg-bookmark-author">Python</span>'
    '<span class="kg-bookmark-publisher">docs.python.org</span></div></div>'
    '<div class="kg-bookmark-thumbnail"><img src="/thumb.png" alt=""></div></a></figure>'
)
TIDY_BOOKMARK = (
    '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" '
    'href="https://docs.python.org/3/library/pathlib.html"><div class="kg-bookmark-content">'
    '<div class="kg-bookmark-title">pathlib</div>'
    '<small><div class="kg-bookmark-description">Paths as <em>objects</em>.</div></small>'
    "</div></a></figure>"
)


def test_bookmark_card_loses_chrome_and_gets_small_description() -> None:
    assert tidy_cards(f"<p>Before</p>{BOOKMARK}<p>After</p>") == (
        f"<p>Before</p>{TIDY_BOOKMARK}<p>After</p>"
    )


def test_tidying_twice_changes_nothing() -> None:
    assert tidy_cards(tidy_cards(BOOKMARK)) == TIDY_BOOKMARK


def test_video_card_becomes_a_native_player() -> None:
    html = (
        '<figure class="kg-card kg-video-card" data-kg-thumbnail="/t.jpg" '
        'data-kg-custom-thumbnail="/custom.jpg"><div class="kg-video-container">'
        '<video src="/v.mp4" poster="https://img.spacergif.org/v1/640x480/0a/spacer.png" '
        'width="640" height="480" playsinline preload="metadata" style="background: url(/t.jpg)">'
        '</video><div class="kg-video-overlay"><button class="kg-video-large-play-icon">'
        '<svg viewBox="0 0 24 24"><path d="M1 1"></path></svg></button></div>'
        '<div class="kg-video-player-container"><div class="kg-video-player">'
        '<span class="kg-video-current-time">0:00</span></div></div></div></figure>'
    )
    assert tidy_cards(html) == (
        '<figure class="kg-card kg-video-card" data-kg-thumbnail="/t.jpg" '
        'data-kg-custom-thumbnail="/custom.jpg"><div class="kg-video-container">'
        '<video src="/v.mp4" poster="/custom.jpg" width="640" height="480" playsinline '
        'preload="metadata" controls=""></video></div></figure>'
    )


def test_video_without_thumbnail_keeps_its_poster() -> None:
    html = (
        '<figure class="kg-card kg-video-card"><video src="/v.mp4" poster="/p.jpg"></video>'
        "</figure>"
    )
    assert tidy_cards(html) == (
        '<figure class="kg-card kg-video-card"><video src="/v.mp4" poster="/p.jpg" controls="">'
        "</video></figure>"
    )


def test_audio_card_becomes_a_native_player() -> None:
    html = (
        '<div class="kg-card kg-audio-card"><img src="/a.jpg" alt="" class="kg-audio-thumbnail">'
        '<div class="kg-audio-thumbnail placeholder kg-audio-hide"><svg></svg></div>'
        '<div class="kg-audio-player-container"><audio src="/a.mp3" preload="metadata"></audio>'
        '<div class="kg-audio-title">Episode 1</div><div class="kg-audio-player">'
        '<button class="kg-audio-play-icon"></button><span>0:00</span></div></div></div>'
    )
    assert tidy_cards(html) == (
        '<div class="kg-card kg-audio-card">'
        '<audio src="/a.mp3" preload="metadata" controls=""></audio></div>'
    )


def test_markup_outside_cards_is_untouched() -> None:
    html = (
        '<div class="kg-bookmark-metadata">not in a card</div>'
        "<video src='/v.mp4' style=\"x\"></video><p>&quot;Quotes&quot; &#x1f4a1;</p>"
    )
    assert tidy_cards(html) == html


def test_other_cards_pass_through() -> None:
    html = (
        '<div class="kg-card kg-callout-card kg-callout-card-blue">'
        '<div class="kg-callout-emoji">💡</div><div class="kg-callout-text">Hi</div></div>'
    )
    assert tidy_cards(html) == html
