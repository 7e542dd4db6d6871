"""Ghost's staff roles and what each may do.

- owner: everything, and the only one who can hand ownership over;
- administrator: everything but transferring ownership;
- editor: every post, page and tag; invites authors and contributors;
- author: creates, edits and publishes their own posts; creates tags;
- contributor: creates and edits their own drafts only: cannot publish, cannot touch a post
  once it is published (so cannot set or upload its feature image either).

Comment moderation follows posts: editors and above moderate every comment, an author the
comments under their own posts (given a post, ``comments.moderate`` is an own-post permission;
comments on another site's page belong to no one's post, so only editors and above).

Analytics follows posts too: editors and above see the whole site's numbers
(``analytics.view``, the dashboard) and every post's; an author sees the numbers of their own
posts only, on each post's editor page (``analytics.post`` is an own-post permission); a
contributor, whose posts are never published, sees none.

Permissions are plain strings (listed in ``PERMISSIONS``). Some depend on a post: pass one
(anything with ``.status``, ``.authors`` (each with ``.id``) and optionally ``.type``) to
decide "own post" and "still a draft". Without a post the answer is whether the role may do
it to some post (an author may publish: their own).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

ROLES = ("owner", "administrator", "editor", "author", "contributor")
"""Ghost's staff roles, most powerful first."""

PERMISSIONS = (
    "posts.create",
    "posts.edit",
    "posts.publish",
    "posts.delete",
    "pages.manage",
    "tags.manage",
    "tags.create",
    "media.upload",
    "settings.manage",
    "staff.view",
    "staff.invite",
    "staff.manage",
    "redirects.manage",
    "owner.transfer",
    "comments.moderate",
    "analytics.view",
    "analytics.post",
)

_EDITOR = {
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
}
_ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "owner": frozenset(PERMISSIONS),
    "administrator": frozenset(PERMISSIONS) - {"owner.transfer"},
    "editor": frozenset(_EDITOR),
    "author": frozenset(
        {"posts.create", "posts.edit", "posts.publish", "posts.delete", "tags.create"}
        | {"media.upload", "staff.view", "comments.moderate", "analytics.post"}
    ),
    "contributor": frozenset({"posts.create", "posts.edit", "posts.delete", "media.upload"}),
}
# Roles whose post permissions reach only their own posts.
_OWN_POSTS_ONLY = frozenset({"author", "contributor"})
# Permissions that, given a post, a contributor has on their own drafts only.
_DRAFT_ONLY = frozenset({"posts.edit", "posts.delete", "media.upload"})
_POST_PERMISSIONS = frozenset(
    {"posts.edit", "posts.publish", "posts.delete", "media.upload", "comments.moderate"}
    | {"analytics.post"}
)

_INVITABLE: dict[str, tuple[str, ...]] = {
    "owner": ("administrator", "editor", "author", "contributor"),
    "administrator": ("administrator", "editor", "author", "contributor"),
    "editor": ("author", "contributor"),
}

_DESCRIPTIONS = {
    "posts.create": "create posts",
    "posts.edit": "edit this post",
    "posts.publish": "publish this post",
    "posts.delete": "delete this post",
    "pages.manage": "manage pages",
    "tags.manage": "manage tags",
    "tags.create": "create tags",
    "media.upload": "upload images here",
    "settings.manage": "change the site's settings",
    "staff.view": "see the staff list",
    "staff.invite": "invite staff",
    "staff.manage": "manage staff",
    "redirects.manage": "manage redirects",
    "owner.transfer": "transfer ownership of the site",
    "comments.moderate": "moderate these comments",
    "analytics.view": "see the site's analytics",
    "analytics.post": "see this post's analytics",
}


class Actor(Protocol):
    """Who acts: their user id and role (``Staff`` is one)."""

    @property
    def user_id(self) -> str:
        """The actor's user id."""
        ...

    @property
    def role(self) -> str:
        """The actor's role, one of ``ROLES``."""
        ...


class PermissionDenied(Exception):
    """An action the staff member's role does not allow; the message says which."""


def _author_ids(post: Any) -> Iterable[str]:
    return (str(author.id) for author in getattr(post, "authors", None) or ())


def can(staff: Actor, permission: str, *, post: Any = None) -> bool:
    """True when ``staff`` may do ``permission`` (to ``post``, when given)."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    granted = _ROLE_PERMISSIONS.get(staff.role, frozenset())
    if post is not None and permission in _POST_PERMISSIONS and getattr(post, "type", "") == "page":
        # A page is a post of type page: whoever manages pages may do anything to one.
        return "pages.manage" in granted
    if permission not in granted:
        return False
    if post is None or permission not in _POST_PERMISSIONS or staff.role not in _OWN_POSTS_ONLY:
        return True
    if staff.user_id not in set(_author_ids(post)):
        return False
    if staff.role == "contributor" and permission in _DRAFT_ONLY:
        return getattr(post, "status", "draft") == "draft"
    return True


def require(staff: Actor, permission: str, *, post: Any = None) -> None:
    """Raise PermissionDenied unless ``staff`` may do ``permission`` (to ``post``)."""
    if not can(staff, permission, post=post):
        article = "an" if staff.role[:1] in "aeiou" else "a"
        raise PermissionDenied(
            f"{article} {staff.role} cannot {_DESCRIPTIONS[permission]}"
            + (" (not their own, or no longer a draft)" if _own_rule(staff, permission) else "")
        )


def _own_rule(staff: Actor, permission: str) -> bool:
    # Refused for a post the role could act on were it their own (draft): say so.
    return staff.role in _OWN_POSTS_ONLY and permission in permissions_of(staff.role)


def invitable_roles(staff: Actor) -> list[str]:
    """The roles ``staff`` may invite someone as (empty when they may not invite)."""
    return list(_INVITABLE.get(staff.role, ()))


def permissions_of(role: str) -> frozenset[str]:
    """Every permission ``role`` has (on some post, for the post permissions)."""
    return _ROLE_PERMISSIONS.get(role, frozenset())
