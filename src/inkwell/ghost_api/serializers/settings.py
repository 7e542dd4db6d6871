"""The site's public settings as the Content API's ``/settings/`` answers them.

Keys Inkwell has come from the site settings; the members, portal and newsletter keys are
what Ghost answers for a site without members (Inkwell has none), so clients reading them
see a plain public blog.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

from inkwell.ghost_api.serializers.context import GHOST_VERSION, SerializeContext

_NO_SOCIAL = ("threads", "bluesky", "mastodon", "tiktok", "youtube", "instagram", "linkedin")
_NO_META = (
    "meta_title",
    "meta_description",
    "og_image",
    "og_title",
    "og_description",
    "twitter_image",
    "twitter_title",
    "twitter_description",
)


def settings_json(ctx: SerializeContext) -> dict[str, Any]:
    """The ``settings`` object, keys in Ghost's order, URLs absolute.

    ``site_uuid`` is derived from the site's URL: stable for a site, distinct between sites.
    """
    site = ctx.site
    site_uuid = str(uuid.uuid5(uuid.NAMESPACE_URL, ctx.base))
    host = urlsplit(ctx.base).hostname or "localhost"
    shaped: dict[str, Any] = {
        "title": site.title,
        "description": site.description,
        "logo": ctx.absolute(site.logo),
        "icon": ctx.absolute(site.icon),
        "accent_color": site.accent_color.upper(),
        "cover_image": ctx.absolute(site.cover_image),
        "facebook": site.facebook,
        "twitter": site.twitter,
        **dict.fromkeys(_NO_SOCIAL),
        "locale": site.locale,
        "timezone": site.timezone,
        "codeinjection_head": None,
        "codeinjection_foot": None,
        "navigation": [item.model_dump() for item in site.navigation],
        "secondary_navigation": [item.model_dump() for item in site.secondary_navigation],
        **dict.fromkeys(_NO_META),
        "members_support_address": "noreply",
        "members_enabled": False,
        "donations_enabled": False,
        "allow_self_signup": False,
        "members_invite_only": False,
        "members_signup_access": "none",
        "paid_members_enabled": False,
        "firstpromoter_account": None,
        "portal_button_style": "icon-and-text",
        "portal_button_signup_text": "Subscribe",
        "portal_button_icon": None,
        "portal_signup_terms_html": None,
        "portal_signup_checkbox_required": False,
        "portal_signup_gift_promotion": False,
        "portal_account_gift_promotion": False,
        "portal_plans": ["free"],
        "portal_default_plan": "yearly",
        "portal_name": True,
        "portal_button": False,
        "comments_enabled": "off",
        "recommendations_enabled": False,
        "outbound_link_tagging": site.outbound_link_tagging,
        "default_email_address": f"noreply@{host}",
        "support_email_address": f"noreply@{host}",
        "editor_default_email_recipients": "disabled",
        "labs": {"automationAnalytics": False, "tagDetailsReact": False, "members": False},
        "transistor_portal_enabled": False,
        "transistor_portal_heading": "Podcasts",
        "transistor_portal_description": "Access your private podcast feed",
        "transistor_portal_button_text": "View",
        "transistor_portal_url_template": "https://partner.transistor.fm/ghost/{memberUuid}",
        "site_uuid": site_uuid,
        "lang": site.locale,
        "url": ctx.base,
        "version": GHOST_VERSION,
    }
    return shaped
