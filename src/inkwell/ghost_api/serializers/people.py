"""Authors (Content API) and users (Admin API) as Ghost shapes them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from inkwell.content.service import SOCIAL_ACCOUNTS, User
from inkwell.ghost_api.serializers.context import SerializeContext

_SOCIAL = SOCIAL_ACCOUNTS


def _profile(user: User, ctx: SerializeContext) -> dict[str, Any]:
    return {
        "profile_image": ctx.absolute(user.profile_image),
        "cover_image": ctx.absolute(user.cover_image),
        "bio": user.bio,
        "website": user.website,
        "location": user.location,
        **{name: getattr(user, name) for name in _SOCIAL},
    }


def author_json(user: User, ctx: SerializeContext) -> dict[str, Any]:
    """An author's public profile, never their email; ``count.posts`` when included."""
    shaped: dict[str, Any] = {"id": user.id, "name": user.name, "slug": user.slug}
    shaped.update(_profile(user, ctx))
    shaped["meta_title"] = user.meta_title
    shaped["meta_description"] = user.meta_description
    if "count.posts" in ctx.include:
        shaped["count"] = {"posts": ctx.post_counts.get(user.id, 0)}
    shaped["url"] = ctx.base + f"author/{user.slug}/"
    return shaped


def user_json(
    user: User,
    ctx: SerializeContext,
    *,
    status: str = "active",
    role: str | None = None,
    last_seen: datetime | None = None,
) -> dict[str, Any]:
    """A staff user as the Admin API shows them: the profile plus email, status and, when
    ``ctx.include`` has ``roles``, their role (``role`` is Ghost's name: Administrator...).

    ``status`` is Ghost's (``active``, ``inactive`` for a disabled account, ``locked``).
    """
    shaped: dict[str, Any] = {
        "id": user.id,
        "name": user.name,
        "slug": user.slug,
        "email": user.email,
    }
    shaped.update(_profile(user, ctx))
    shaped.update(
        {
            "accessibility": None,
            "status": status,
            "meta_title": user.meta_title,
            "meta_description": user.meta_description,
            "tour": None,
            "last_seen": ctx.date(last_seen),
            "comment_notifications": True,
            "free_member_signup_notification": True,
            "paid_subscription_started_notification": True,
            "paid_subscription_canceled_notification": False,
            "mention_notifications": True,
            "recommendation_notifications": True,
            "milestone_notifications": True,
            "donation_notifications": True,
            "created_at": ctx.date(user.created_at),
            "updated_at": ctx.date(user.updated_at),
        }
    )
    if "roles" in ctx.include:
        shaped["roles"] = [] if role is None else [_role(role)]
    if "count.posts" in ctx.include:
        shaped["count"] = {"posts": ctx.post_counts.get(user.id, 0)}
    shaped["url"] = ctx.base + f"author/{user.slug}/"
    return shaped


# Ghost's role names and descriptions, by Inkwell's role (the same four roles).
_ROLE_DESCRIPTIONS = {
    "Owner": "Site Owner",
    "Administrator": "Administrators",
    "Editor": "Editors",
    "Author": "Authors",
    "Contributor": "Contributors",
}


def _role(role: str) -> dict[str, Any]:
    name = role.replace("_", " ").title()
    return {"id": name.lower(), "name": name, "description": _ROLE_DESCRIPTIONS.get(name, name)}
