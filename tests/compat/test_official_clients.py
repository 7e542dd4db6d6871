"""Ghost's official JavaScript clients against a real ``inkwell serve``, on SQLite and PostgreSQL.

``ghost_clients.mjs`` makes every call of the issue's proof with ``@tryghost/content-api`` and
``@tryghost/admin-api`` (pinned in package-lock.json) and prints what each returned; each test
here checks one call: it succeeded (or failed as Ghost fails), and its answer has the shape of
Ghost's answer to the same call in tests/ghost_api/ghost_reference/.
"""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.compat.conftest import CLIENT_SCRIPT, ROOT, Site
from tests.compat.shapes import REFERENCE, differences, fields_of, missing_fields, reference

pytestmark = pytest.mark.xdist_group("compat-server")

Results = dict[str, Any]

POSTS_BY_DATE = [
    "sqlite-on-a-tiny-server",
    "reading-tracebacks-bottom-up",
    "column-change-checklist",
    "release-notes-for-one",
]

# What Ghost's Admin API adds to a post beyond the Content API's fields (Ghost's e2e snapshots
# of the Admin posts API), with their JSON types; "null" accepts any type.
ADMIN_POST_EXTRA = {
    "status": "string",
    "lexical": "null",
    "mobiledoc": "null",
    "email_segment": "string",
    "email_only": "boolean",
    "newsletter": "null",
    "email": "null",
    "tiers": "array",
}
# The Content API's post fields that only members see the meaning of: not on Admin answers.
CONTENT_ONLY_POST_FIELDS = {"access", "comments"}
ERROR_FIELDS = list(reference("api_error_unknown_slug.json")["errors"][0])


def _pixel_png(path: Path) -> Path:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 90)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(scope="session")
def results(site: Site, node: str) -> Results:
    """Every call's outcome, from one run of the script against ``site``."""
    image = _pixel_png(site.folder / "compat-pixel.png")
    done = subprocess.run(
        [node, str(CLIENT_SCRIPT), site.base, site.content_key, site.admin_key, str(image)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    data: Results = json.loads(done.stdout)
    return data


def _body(results: Results, name: str) -> dict[str, Any]:
    outcome = results[name]
    assert outcome["ok"], f"{name} failed: {json.dumps(outcome['error'])}"
    body: dict[str, Any] = outcome["body"]
    return body


def _error(results: Results, name: str) -> dict[str, Any]:
    outcome = results[name]
    assert not outcome["ok"], f"{name} succeeded where Ghost refuses: {outcome['body']}"
    error: dict[str, Any] = outcome["error"]
    return error


def _admin_post_differences(post: dict[str, Any]) -> list[str]:
    content_post = reference("api_post_by_slug.json")["posts"][0]
    wanted = {k: v for k, v in fields_of(content_post).items() if k not in CONTENT_ONLY_POST_FIELDS}
    wanted.pop("html", None)  # only with ?formats=html
    return missing_fields(post, wanted | ADMIN_POST_EXTRA, "$.posts[0]")


# --- Content API: shapes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "ghost_file"),
    [
        ("content_posts", "content_api_posts.json"),
        ("content_posts_limit2", "api_posts_include_limit2.json"),
        ("content_posts_page2", "api_posts_include_limit2.json"),
        ("content_posts_filter_tag", "content_api_posts.json"),
        ("content_posts_filter_combined", "content_api_posts.json"),
        ("content_post_by_slug", "api_post_by_slug.json"),
        ("content_tags", "content_api_tags.json"),
        ("content_tags_plain", "api_tags.json"),
        ("content_tag_by_slug", "api_tags.json"),
        ("content_authors", "api_authors.json"),
        ("content_author_by_slug", "api_authors.json"),
    ],
)
def test_content_api_answers_have_ghosts_shape(
    results: Results, call: str, ghost_file: str
) -> None:
    body = _body(results, call)
    ghost = reference(ghost_file)
    if "meta" not in body or body["meta"] is None:  # a read: Ghost's reads have no meta
        body.pop("meta", None)
        ghost = {k: v for k, v in ghost.items() if k != "meta"}
    assert differences(body, ghost) == []


def test_a_post_read_with_tags_and_authors_has_ghosts_shape(results: Results) -> None:
    post = _body(results, "content_post_by_slug_included")["posts"][0]
    browsed = reference("content_api_posts.json")["posts"][0]
    # Ghost answers a read by slug with the slug first (api_post_by_slug.json), the rest as browsed.
    ghost = {"slug": browsed["slug"], **browsed}
    assert differences(post, ghost) == []


def test_settings_have_ghosts_shape(results: Results) -> None:
    body = _body(results, "content_settings")
    ghost = reference("content_api_settings.json")
    del ghost["meta"]  # the client returns the settings alone
    # Ghost's demo site has Ghost's own Facebook page and X account; a site may have none.
    ghost["settings"]["facebook"] = ghost["settings"]["twitter"] = None
    # labs holds Ghost's feature flags: a client reads it as an object, never its keys.
    assert differences(body, ghost, opaque=frozenset({"$.settings.labs"})) == []


def test_tiers_answer_as_a_list(results: Results) -> None:
    assert isinstance(_body(results, "content_tiers")["tiers"], list)


# --- Content API: values ---------------------------------------------------------------------


def test_browse_lists_the_posts_newest_first_with_tags_and_authors(results: Results) -> None:
    posts = _body(results, "content_posts")["posts"]
    assert [p["slug"] for p in posts] == POSTS_BY_DATE
    assert [t["slug"] for t in posts[0]["tags"]] == ["databases", "python"]
    assert posts[0]["primary_tag"]["slug"] == "databases"
    assert posts[0]["authors"][0]["name"] == "Ada Example"


def test_limit_and_page_paginate_as_ghost(results: Results) -> None:
    first = _body(results, "content_posts_limit2")
    second = _body(results, "content_posts_page2")
    assert first["meta"] == reference("api_posts_include_limit2.json")["meta"]
    assert second["meta"]["pagination"] == {
        "page": 2, "limit": 2, "pages": 2, "total": 4, "next": None, "prev": 1
    }  # fmt: skip
    assert [p["slug"] for p in first["posts"] + second["posts"]] == POSTS_BY_DATE


def test_filter_by_tag(results: Results) -> None:
    posts = _body(results, "content_posts_filter_tag")["posts"]
    assert [p["slug"] for p in posts] == [
        s for s in POSTS_BY_DATE if s != "column-change-checklist"
    ]


def test_filter_with_in_and_date_and_order(results: Results) -> None:
    posts = _body(results, "content_posts_filter_combined")["posts"]
    assert [p["slug"] for p in posts] == ["column-change-checklist", "sqlite-on-a-tiny-server"]


def test_fields_and_limit_all(results: Results) -> None:
    body = _body(results, "content_posts_fields")
    assert [set(p) for p in body["posts"]] == [{"title", "slug", "url"}] * 4
    assert body["meta"]["pagination"]["limit"] == "all"
    assert body["meta"]["pagination"]["total"] == 4


def test_urls_are_absolute_on_the_site(results: Results, site: Site) -> None:
    post = _body(results, "content_post_by_slug")["posts"][0]
    assert post["url"] == f"{site.base}/blog/2026/03/sqlite-on-a-tiny-server/"
    tag = _body(results, "content_tag_by_slug")["tags"][0]
    assert tag["url"].startswith(site.base + "/")


def test_unknown_slug_is_ghosts_not_found(results: Results) -> None:
    error = _error(results, "content_post_unknown_slug")
    ghost = reference("api_error_unknown_slug.json")
    assert error["status"] == 404
    assert differences({"errors": error["errors"]}, ghost) == []
    assert error["errors"][0]["message"] == ghost["errors"][0]["message"]


def test_unknown_key_is_ghosts_unauthorized(results: Results) -> None:
    error = _error(results, "content_bad_key")
    ghost = reference("api_error_bad_key.json")
    assert error["status"] == 401
    assert differences({"errors": error["errors"]}, ghost) == []
    assert error["errors"][0]["code"] == "UNKNOWN_CONTENT_API_KEY"


# --- Admin API -------------------------------------------------------------------------------


def test_add_a_post_from_html(results: Results) -> None:
    post = _body(results, "admin_add_html")["posts"][0]
    assert _admin_post_differences(post) == []
    assert post["status"] == "published"
    assert [t["name"] for t in post["tags"]] == ["Compat", "python"]
    assert "<strong>Ghost's Admin API client</strong>" in post["html"]


def test_the_html_sent_comes_back(results: Results) -> None:
    post = _body(results, "admin_read")["posts"][0]
    for fragment in ("<strong>Ghost's Admin API client</strong>", "A heading", "<li>two</li>"):
        assert fragment in post["html"]


def test_edit_a_post(results: Results) -> None:
    added = _body(results, "admin_add_html")["posts"][0]
    edited = _body(results, "admin_edit")["posts"][0]
    assert _admin_post_differences(edited) == []
    assert (edited["id"], edited["title"]) == (added["id"], "Edited by the client")


def test_a_stale_edit_is_refused_and_changes_nothing(results: Results) -> None:
    error = _error(results, "admin_edit_stale")["errors"][0]
    assert error["type"] == "UpdateCollisionError"
    assert list(error) == ERROR_FIELDS
    assert _body(results, "admin_read_after_stale")["posts"][0]["title"] == "Edited by the client"


def test_schedule_a_post(results: Results) -> None:
    post = _body(results, "admin_add_scheduled")["posts"][0]
    wanted = datetime.fromisoformat(results["_meta"]["scheduled_at"].replace("Z", "+00:00"))
    published_at = datetime.fromisoformat(post["published_at"].replace("Z", "+00:00"))
    assert post["status"] == "scheduled"
    assert abs(published_at - wanted) < timedelta(seconds=1)
    browsed = _body(results, "admin_browse")["posts"]
    assert post["id"] in [p["id"] for p in browsed]


def test_scheduled_post_is_not_public(results: Results) -> None:
    assert "Scheduled by the client" not in [
        p["title"] for p in _body(results, "content_posts_fields")["posts"]
    ]


def test_admin_tags_and_users_have_ghosts_fields(results: Results) -> None:
    tag_fields = fields_of(reference("api_tags.json")["tags"][0])
    for tag in _body(results, "admin_tags")["tags"]:
        assert missing_fields(tag, tag_fields) == []
    author_fields = fields_of(reference("api_authors.json")["authors"][0])
    users = _body(results, "admin_users")["users"]
    assert users
    for user in users:
        assert missing_fields(user, author_fields | {"email": "string"}) == []


def test_site_answers_as_ghost(results: Results, site: Site) -> None:
    answer = _body(results, "admin_site")["site"]
    wanted = {"title": "string", "description": "null", "logo": "null", "icon": "null"}
    wanted |= {"accent_color": "null", "locale": "string", "url": "string", "version": "string"}
    assert missing_fields(answer, wanted) == []
    assert answer["url"].rstrip("/") == site.base


def test_upload_an_image(results: Results, site: Site) -> None:
    image = _body(results, "admin_upload_image")["images"][0]
    assert set(image) == {"url", "ref"}
    assert image["ref"] == "compat-pixel.png"
    assert image["url"].startswith(site.base + "/")
    with urllib.request.urlopen(image["url"], timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("image/")


def test_delete_a_post(results: Results) -> None:
    assert _body(results, "admin_delete")
    assert _error(results, "admin_read_deleted")["errors"][0]["type"] == "NotFoundError"
    gone = _error(results, "content_deleted_post")
    assert (gone["status"], gone["errors"][0]["type"]) == (404, "NotFoundError")


# --- Over plain HTTP: headers and the log ----------------------------------------------------


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            return response.status, headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _reference_headers(name: str) -> dict[str, str]:
    text = (REFERENCE / f"{name}.headers").read_text().splitlines()[1:]
    pairs = (line.split(": ", 1) for line in text if ": " in line)
    return {name.lower(): value for name, value in pairs}


def test_content_api_caching_headers_are_ghosts(site: Site) -> None:
    url = f"{site.base}/ghost/api/content/posts/?key={site.content_key}&include=tags,authors"
    status, headers, _ = _get(url, {"Accept-Version": "v5.0"})
    ghost = _reference_headers("content_api_posts.json")
    assert status == 200
    for name in ("cache-control", "access-control-allow-origin", "content-type"):
        assert headers.get(name) == ghost[name], name
    assert headers["content-version"] == ghost["content-version"]
    again, _, body = _get(url, {"If-None-Match": headers["etag"]})
    assert (again, body) == (304, b"")


def test_no_key_is_ghosts_no_permission(site: Site) -> None:
    status, _, body = _get(f"{site.base}/ghost/api/content/posts/")
    ghost = reference("api_error_no_key.json")
    assert status == 403
    assert differences(json.loads(body), ghost) == []


def test_the_keys_stay_out_of_the_servers_log(results: Results, site: Site) -> None:
    assert results  # every call has been made
    log = site.log.read_text(errors="replace")
    assert "/ghost/api/content/posts/" in log  # the access log did write lines
    assert site.content_key not in log
    assert site.admin_key.split(":")[1] not in log
