"""Ghost's roles: what each may do, to their own posts and to others', drafts and published."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from inkwell.accounts import service
from inkwell.accounts.service import PermissionDenied, Staff, can, invitable_roles, require


@dataclass
class Author:
    id: str


@dataclass
class FakePost:
    """Anything with .status, .authors[*].id and .feature_image is a post to the rules."""

    status: str = "draft"
    authors: list[Author] = field(default_factory=lambda: [Author("me")])
    feature_image: str | None = None
    type: str = "post"


def staff(role: str, user_id: str = "me") -> Staff:
    return Staff(user_id, "Name", "n@example.com", "name", role, "session")


ALL = set(service.PERMISSIONS)
EXPECTED = {
    "owner": ALL,
    "administrator": ALL - {"owner.transfer"},
    "editor": {
        "posts.create",
        "posts.edit",
        "posts.publish",
        "posts.delete",
        "pages.manage",
        "tags.manage",
        "tags.create",
        "media.upload",
        "staff.view",
        "staff.invite",
        "comments.moderate",
        "analytics.view",
        "analytics.post",
    },
    "author": {
        "posts.create",
        "posts.edit",
        "posts.publish",
        "posts.delete",
        "tags.create",
        "media.upload",
        "staff.view",
        "comments.moderate",
        "analytics.post",
    },
    "contributor": {"posts.create", "posts.edit", "posts.delete", "media.upload"},
}


@pytest.mark.parametrize("role", service.ROLES)
def test_each_role_has_ghosts_permissions(role: str) -> None:
    granted = {p for p in service.PERMISSIONS if can(staff(role), p)}
    assert granted == EXPECTED[role]


@pytest.mark.parametrize("role", ["owner", "administrator", "editor"])
def test_editors_and_above_act_on_anyones_posts(role: str) -> None:
    someone_elses = FakePost(status="published", authors=[Author("other")])
    for permission in ("posts.edit", "posts.publish", "posts.delete", "media.upload"):
        assert can(staff(role), permission, post=someone_elses)


def test_an_author_publishes_their_own_posts_only() -> None:
    assert can(staff("author"), "posts.publish", post=FakePost())
    assert can(staff("author"), "posts.edit", post=FakePost(status="published"))
    assert not can(staff("author"), "posts.publish", post=FakePost(authors=[Author("other")]))
    assert not can(staff("author"), "posts.edit", post=FakePost(authors=[Author("other")]))


def test_a_coauthor_counts_as_an_author_of_the_post() -> None:
    post = FakePost(authors=[Author("other"), Author("me")])
    assert can(staff("author"), "posts.edit", post=post)


def test_a_contributor_edits_their_own_drafts() -> None:
    assert can(staff("contributor"), "posts.edit", post=FakePost())
    assert can(staff("contributor"), "posts.delete", post=FakePost())


def test_a_contributor_cannot_publish_even_their_own_draft() -> None:
    assert not can(staff("contributor"), "posts.publish", post=FakePost())
    assert not can(staff("contributor"), "posts.publish")


@pytest.mark.parametrize("status", ["published", "scheduled"])
def test_a_contributor_cannot_edit_once_published(status: str) -> None:
    assert not can(staff("contributor"), "posts.edit", post=FakePost(status=status))


def test_a_contributor_cannot_upload_a_feature_image_to_a_published_post() -> None:
    published = FakePost(status="published", feature_image="/content/images/a.png")
    assert not can(staff("contributor"), "media.upload", post=published)
    assert can(staff("contributor"), "media.upload", post=FakePost())


def test_a_contributor_cannot_touch_someone_elses_draft() -> None:
    assert not can(staff("contributor"), "posts.edit", post=FakePost(authors=[Author("x")]))


def test_pages_need_pages_manage_whoever_wrote_them() -> None:
    own_page = FakePost(type="page")
    assert not can(staff("author"), "posts.edit", post=own_page)
    assert can(staff("editor"), "posts.publish", post=FakePost(type="page", authors=[]))


def test_require_names_what_is_not_allowed() -> None:
    with pytest.raises(PermissionDenied, match="a contributor cannot publish this post"):
        require(staff("contributor"), "posts.publish", post=FakePost())
    with pytest.raises(PermissionDenied, match="an author cannot change the site's settings"):
        require(staff("author"), "settings.manage")


def test_require_explains_the_own_post_rule() -> None:
    with pytest.raises(PermissionDenied, match="not their own, or no longer a draft"):
        require(staff("contributor"), "posts.edit", post=FakePost(status="published"))


def test_require_lets_an_allowed_action_through() -> None:
    assert require(staff("editor"), "tags.manage") is None


def test_an_unknown_permission_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown permission"):
        can(staff("owner"), "posts.fly")


@pytest.mark.parametrize(
    ("role", "roles"),
    [
        ("owner", ["administrator", "editor", "author", "contributor"]),
        ("administrator", ["administrator", "editor", "author", "contributor"]),
        ("editor", ["author", "contributor"]),
        ("author", []),
        ("contributor", []),
    ],
)
def test_who_may_invite_whom(role: str, roles: list[str]) -> None:
    assert invitable_roles(staff(role)) == roles


def test_an_author_moderates_the_comments_of_their_own_posts_only() -> None:
    assert can(staff("author"), "comments.moderate", post=FakePost(status="published"))
    theirs = FakePost(status="published", authors=[Author("other")])
    assert not can(staff("author"), "comments.moderate", post=theirs)
    assert can(staff("editor"), "comments.moderate", post=theirs)
    assert not can(staff("contributor"), "comments.moderate")


def test_an_author_sees_the_analytics_of_their_own_posts_only() -> None:
    assert can(staff("author"), "analytics.post", post=FakePost(status="published"))
    theirs = FakePost(status="published", authors=[Author("other")])
    assert not can(staff("author"), "analytics.post", post=theirs)
    assert can(staff("editor"), "analytics.post", post=theirs)
    assert not can(staff("contributor"), "analytics.post", post=FakePost(status="published"))


@pytest.mark.parametrize("role", service.ROLES)
def test_the_whole_sites_analytics_are_for_editors_and_above(role: str) -> None:
    assert can(staff(role), "analytics.view") == (role in ("owner", "administrator", "editor"))
