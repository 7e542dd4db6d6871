"""The editor without JavaScript: one form, a button per action, messages next to fields,
conflicts refused with both versions kept."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from httpx import AsyncClient

from tests.admin.conftest import SignIn, Staffer

LABELS = ('<label for="title">Title</label>', '<label for="source">Content</label>')


def post_id_of(location: str) -> str:
    found = re.search(r"/admin/(?:posts|pages)/([0-9a-f]{24})/edit", location)
    assert found, location
    return found.group(1)


def version_of(html: str) -> str:
    found = re.search(r'name="expected_updated_at" id="expected_updated_at" value="([^"]*)"', html)
    assert found
    return found.group(1)


async def new_draft(staffer: Staffer, title: str = "A first draft", source: str = "Words.") -> str:
    answer = await staffer.post(
        "/admin/posts/new", {"title": title, "source": source, "action": "save"}
    )
    assert answer.status_code == 303, answer.text
    return post_id_of(answer.headers["location"])


async def test_the_new_post_editor_has_the_labels_and_buttons(owner: Staffer) -> None:
    page = await owner.get("/admin/posts/new")
    assert page.status_code == 200
    for label in LABELS:
        assert label in page.text
    for button in ("Save draft", "Publish", "Schedule", "Preview"):
        assert f">{button}</button>" in page.text


async def test_a_published_post_offers_unpublish(owner: Staffer) -> None:
    answer = await owner.post("/admin/posts/new", {"title": "Out", "action": "publish"})
    page = await owner.get(answer.headers["location"])
    assert ">Unpublish</button>" in page.text
    assert ">Update</button>" in page.text


async def test_a_contributor_gets_no_publish_or_schedule_button(sign_in: SignIn) -> None:
    contributor = await sign_in("contributor")
    page = await contributor.get("/admin/posts/new")
    assert ">Save draft</button>" in page.text
    assert ">Publish</button>" not in page.text
    assert ">Schedule</button>" not in page.text


async def test_a_contributor_publishing_by_hand_is_refused(
    sign_in: SignIn, client: AsyncClient
) -> None:
    contributor = await sign_in("contributor")
    answer = await contributor.post(
        "/admin/posts/new", {"title": "Sneaky", "source": "x", "action": "publish"}
    )
    assert answer.status_code == 403
    assert "cannot publish" in answer.text
    listing = await contributor.get("/admin/posts/")
    assert "Sneaky" not in listing.text


async def test_saving_a_draft_keeps_what_was_typed(owner: Staffer) -> None:
    post_id = await new_draft(owner, "Notes on SQLite", "## WAL\n\nIt is a *file* property.")
    page = await owner.get(f"/admin/posts/{post_id}/edit")
    assert 'value="Notes on SQLite"' in page.text
    assert "## WAL\n\nIt is a *file* property.</textarea>" in page.text
    assert "<em>file</em>" in page.text  # the preview pane, rendered without JavaScript


async def test_an_empty_title_is_named_next_to_the_field(owner: Staffer) -> None:
    answer = await owner.post(
        "/admin/posts/new", {"title": "", "source": "Kept text", "action": "save"}
    )
    assert answer.status_code == 422
    assert 'aria-describedby="title-error" aria-invalid="true"' in answer.text
    assert '<p class="field-error" id="title-error">' in answer.text
    assert "Kept text</textarea>" in answer.text


async def test_bad_input_saves_nothing(owner: Staffer) -> None:
    await owner.post("/admin/posts/new", {"title": "", "source": "Lost?", "action": "save"})
    listing = await owner.get("/admin/posts/")
    assert "No posts match" in listing.text


async def test_a_taken_slug_is_refused(owner: Staffer) -> None:
    await new_draft(owner, "First")
    answer = await owner.post(
        "/admin/posts/new", {"title": "Second", "slug": "first", "action": "save"}
    )
    assert answer.status_code == 422
    assert '<p class="field-error" id="slug-error">' in answer.text


async def test_a_time_the_clocks_skip_is_refused(owner: Staffer) -> None:
    await owner.post(
        "/admin/settings/",
        {
            "title": "Blog",
            "timezone": "Europe/Paris",
            "accent_color": "#0b6bcb",
            "permalink": "/{slug}/",
            "posts_per_page": "10",
            "code_theme_light": "default",
            "code_theme_dark": "monokai",
        },
    )
    answer = await owner.post(
        "/admin/posts/new",
        {"title": "Spring", "published_at": "2027-03-28T02:30", "action": "save"},
    )
    assert answer.status_code == 422
    assert '<p class="field-error" id="published_at-error">' in answer.text
    assert "does not exist in Europe/Paris" in answer.text


async def test_publishing_puts_the_post_on_the_home_page(
    owner: Staffer, anonymous: AsyncClient
) -> None:
    await owner.post(
        "/admin/posts/new", {"title": "Fresh off the press", "source": "Hi.", "action": "publish"}
    )
    home = await anonymous.get("/")
    assert "Fresh off the press" in home.text


async def test_scheduling_needs_a_time_to_come(owner: Staffer) -> None:
    answer = await owner.post(
        "/admin/posts/new",
        {"title": "Too late", "published_at": "2020-01-01T10:00", "action": "schedule"},
    )
    assert answer.status_code == 422
    assert "still to come" in answer.text


async def test_scheduling_shows_the_post_as_scheduled(owner: Staffer) -> None:
    later = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    answer = await owner.post(
        "/admin/posts/new", {"title": "Soon", "published_at": later, "action": "schedule"}
    )
    assert answer.headers["location"].endswith("done=scheduled")
    page = await owner.get(answer.headers["location"])
    assert '<span class="status status-scheduled">Scheduled</span>' in page.text


async def test_a_stale_save_is_refused_and_both_versions_kept(owner: Staffer) -> None:
    post_id = await new_draft(owner, "Shared", "First words.")
    opened = version_of((await owner.get(f"/admin/posts/{post_id}/edit")).text)
    first = await owner.post(
        f"/admin/posts/{post_id}/edit",
        {"title": "Shared", "source": "Tab one.", "expected_updated_at": opened, "action": "save"},
    )
    assert first.status_code == 303
    second = await owner.post(
        f"/admin/posts/{post_id}/edit",
        {"title": "Shared", "source": "Tab two.", "expected_updated_at": opened, "action": "save"},
    )
    assert second.status_code == 409
    assert "Not saved: this post was changed elsewhere" in second.text
    assert "Tab two.</textarea>" in second.text
    history = await owner.get(f"/admin/posts/{post_id}/history")
    assert "Refused save" in history.text
    current = await owner.get(f"/admin/posts/{post_id}/edit")
    assert "Tab one.</textarea>" in current.text


async def test_unpublishing_makes_a_draft(owner: Staffer) -> None:
    answer = await owner.post("/admin/posts/new", {"title": "Oops", "action": "publish"})
    page = await owner.get(answer.headers["location"])
    post_id = post_id_of(answer.headers["location"])
    back = await owner.post(
        f"/admin/posts/{post_id}/edit",
        {"title": "Oops", "expected_updated_at": version_of(page.text), "action": "unpublish"},
    )
    assert back.headers["location"].endswith("done=unpublished")
    assert ">Publish</button>" in (await owner.get(back.headers["location"])).text


async def test_the_preview_button_renders_unsaved_text(owner: Staffer) -> None:
    answer = await owner.post(
        "/admin/preview", {"title": "Draft", "source": "::: callout 💡 blue\nCareful.\n:::"}
    )
    assert answer.status_code == 200
    assert "kg-callout-card-blue" in answer.text


async def test_a_page_is_edited_in_the_same_editor(owner: Staffer) -> None:
    answer = await owner.post("/admin/pages/new", {"title": "About us", "action": "publish"})
    assert "/admin/pages/" in answer.headers["location"]
    listing = await owner.get("/admin/pages/")
    assert "About us" in listing.text


async def test_deleting_a_post_removes_it(owner: Staffer) -> None:
    post_id = await new_draft(owner, "Short-lived")
    answer = await owner.post(f"/admin/posts/{post_id}/delete")
    assert answer.headers["location"] == "/admin/posts/?done=deleted"
    assert (await owner.get(f"/admin/posts/{post_id}/edit")).status_code == 404


async def test_the_new_post_editor_shows_the_writer_as_its_author(owner: Staffer) -> None:
    page = await owner.get("/admin/posts/new")
    assert re.search(rf'<option value="{owner.user_id}"[^>]*\bselected', page.text)


async def test_the_feature_image_upload_result_is_announced(owner: Staffer) -> None:
    # editor.js writes "Uploaded …" or "Not uploaded: …" into this hint: a live region says it.
    page = await owner.get("/admin/posts/new")
    assert re.search(r'id="feature-image-file-hint"[^>]*aria-live="polite"', page.text)


async def test_a_long_post_in_chinese_is_saved_although_its_form_passes_a_mebibyte(
    owner: Staffer,
) -> None:
    source = "中文写作。" * 40_000  # 200,000 characters: 1.8 MB once URL-encoded
    answer = await owner.post(
        "/admin/posts/new", {"title": "Long", "source": source, "action": "save"}
    )
    assert answer.status_code == 303, answer.text[:200]
    assert answer.headers["location"].endswith("done=saved")


async def test_an_oversized_body_gets_the_message_next_to_the_field(owner: Staffer) -> None:
    answer = await owner.post(
        "/admin/posts/new", {"title": "Too long", "source": "x" * 1_100_000, "action": "save"}
    )
    assert answer.headers["content-type"].startswith("text/html")
    assert "At most 1,000,000 characters" in answer.text
