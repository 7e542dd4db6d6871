"""The privacy policy page, kept in step with the settings until the owner takes it over.

The policy is the page at the slug ``AnalyticsSettings.privacy_slug`` (``/privacy/``):

- No page there: Inkwell writes one (published, by the owner) from the current settings and
  links it from the footer (the site's secondary navigation) unless a link is there already.
- The page Inkwell wrote, unedited: rewritten whenever the text the settings give changes.
- The page Inkwell wrote, edited by hand (its text is not the one generated): never
  rewritten again; the admin says when the settings have changed since. Deleting the page
  is how an owner asks for a fresh one (written at the next refresh).
- Any other page at the slug (imported, the old demo page, written by hand): never touched.
- The slug setting changes: the page Inkwell wrote (edited or not) moves to the new slug if
  it is free, and its old address redirects there; footer links follow. If the new slug is
  taken, the page there is the policy (hand-written) and the old page stays where it was.

What was generated is remembered in the analytics settings row ``_privacy_page`` (a digest,
not the text): the page id, the digest of the text written, the facts it was written from,
whether a hand edit was seen, and whether the footer link was added (an owner who removes
it is not overruled).

Refreshes run at every start and after each settings change that feeds the text (see
``privacy_triggers``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service as accounts
from inkwell.analytics import settings as analytics_settings
from inkwell.analytics.models import AnalyticsSetting
from inkwell.analytics.privacy_policy import (
    TITLE,
    PolicyFacts,
    changed_facts,
    digest,
    policy_markdown,
)
from inkwell.comments import service as comments
from inkwell.content import service as content
from inkwell.settings import Settings

if TYPE_CHECKING:
    from inkwell.render import RenderOptions

log = logging.getLogger(__name__)

_ROW = "_privacy_page"
LINK_LABEL = "Privacy"

Kind = Literal["generated", "edited", "hand_written", "missing"]


@dataclass(frozen=True)
class Tracked:
    """What Inkwell remembers of the page it wrote (stored as JSON in ``_privacy_page``)."""

    post_id: str | None = None
    digest: str = ""
    facts: dict[str, Any] = field(default_factory=dict)
    edited: bool = False
    linked: bool = False


@dataclass(frozen=True)
class PolicyStatus:
    """The policy page as the admin describes it."""

    kind: Kind
    """generated: Inkwell's text, kept up to date; edited: Inkwell's page, edited by hand;
    hand_written: a page Inkwell did not write; missing: no page at the slug."""
    path: str
    post_id: str | None
    text_now: str
    """The text the settings give now."""
    outdated: bool
    """The page's text is not what the settings say now (for edited and hand-written pages:
    the settings changed since, or the text never followed them)."""
    changed: tuple[str, ...] = ()
    """For an edited page: what changed since Inkwell last wrote it (labels)."""


async def gather_facts(session: AsyncSession, settings: Settings) -> PolicyFacts:
    """What the policy depends on, read from every setting that feeds it."""
    stats = await analytics_settings.load(session)
    said = await comments.read_settings(session)
    site = await content.load_settings(session)
    owner = await accounts.get_owner(session)
    providers = accounts.reader_providers(settings) if said.social_login else []
    return PolicyFacts(
        site_title=site.title,
        collection=stats.collection,
        honour_dnt=stats.honour_dnt,
        outbound_links=stats.outbound_links,
        custom_events=stats.custom_events,
        retention_days=stats.retention_days,
        # The collector looks countries up exactly when this is set.
        geoip=settings.geoip_db is not None,
        comments_enabled=said.enabled,
        guests=said.guests,
        magic_link=said.magic_link,
        social_providers=tuple(p.name for p in providers),
        gravatar=said.gravatar,
        akismet=bool(said.akismet_key.strip()),
        contact_email=owner.email if owner is not None else None,
    )


async def policy_status(session: AsyncSession, settings: Settings) -> PolicyStatus:
    """Which page is the policy and whether its text still matches the settings."""
    facts = await gather_facts(session, settings)
    text = policy_markdown(facts)
    slug = (await analytics_settings.load(session)).privacy_slug
    tracked = await _tracked_now(session)
    page = await _page_at(session, slug)
    path = f"/{slug}/"
    if page is None:
        return PolicyStatus("missing", path, None, text, outdated=True)
    source = await _source(session, page.id)
    if page.id != tracked.post_id:
        outdated = digest(source) != digest(text)
        return PolicyStatus("hand_written", path, page.id, text, outdated)
    if tracked.edited or digest(source) != tracked.digest:
        changed = tuple(changed_facts(tracked.facts, facts))
        outdated = digest(text) != tracked.digest
        return PolicyStatus("edited", path, page.id, text, outdated, changed)
    return PolicyStatus("generated", path, page.id, text, digest(source) != digest(text))


async def refresh(
    session: AsyncSession, settings: Settings, *, only_if_started: bool = False
) -> str | None:
    """Bring the policy page in step with the settings, as the module docstring says.

    In the caller's transaction; a line for the operator when something was written. With
    ``only_if_started``, nothing happens on a site whose start-up step never ran (a test's
    database, a database being set up): the settings jobs leave it alone.
    """
    row = await session.get(AnalyticsSetting, _ROW)
    if only_if_started and row is None:
        return None
    facts = await gather_facts(session, settings)
    text = policy_markdown(facts)
    slug = (await analytics_settings.load(session)).privacy_slug
    tracked = _tracked(row)
    ours = await content.get_post(session, tracked.post_id) if tracked.post_id else None
    page = await _page_at(session, slug)
    if ours is not None and (page is None or page.id == ours.id):
        return await _keep_up(session, settings, ours, tracked, facts, text, slug)
    if page is not None:
        # Not written by Inkwell (or the slug moved onto another page): the owner's policy.
        if page.type == content.PostType.PAGE:
            await _remember(
                session, replace(tracked, linked=await _link(session, settings, page, tracked))
            )
        return None
    created = await content.save_post(
        session,
        content.PostInput(
            type=content.PostType.PAGE,
            title=TITLE,
            slug=slug,
            status=content.PostStatus.PUBLISHED,
            source=text,
        ),
        await _options(session, settings),
        default_author_id=await accounts.owner_id(session),
    )
    post = created.post
    mine = Tracked(post.id, digest(text), facts.as_json(), edited=False, linked=tracked.linked)
    await _remember(session, replace(mine, linked=await _link(session, settings, post, mine)))
    return f"Wrote the privacy policy at /{post.slug}/ from the current settings."


async def _keep_up(
    session: AsyncSession,
    settings: Settings,
    post: content.Post,
    tracked: Tracked,
    facts: PolicyFacts,
    text: str,
    slug: str,
) -> str | None:
    """Rewrite (unless edited) and move (when the slug changed) the page Inkwell wrote."""
    source = await _source(session, post.id)
    edited = tracked.edited or digest(source) != tracked.digest
    old_path = f"/{post.slug}/"
    update: dict[str, Any] = {}
    if not edited and digest(source) != digest(text):
        update["source"] = text
    if post.slug != slug:
        update |= {"slug": slug, "redirect_from": [old_path]}
    now = tracked if edited else replace(tracked, digest=digest(text), facts=facts.as_json())
    now = replace(now, edited=edited)
    if update:
        data = (await content.post_input_of(session, post)).model_copy(update=update)
        await content.save_post(session, data, await _options(session, settings))
    if "slug" in update:
        await _move_links(session, settings, old_path, f"/{slug}/")
    if now != tracked:
        await _remember(session, now)
    if "source" in update:
        return f"Rewrote the privacy policy at /{slug}/: the settings it describes changed."
    return f"Moved the privacy policy to /{slug}/." if "slug" in update else None


async def _page_at(session: AsyncSession, slug: str) -> content.Post | None:
    found = await content.find_posts(
        session,
        content.PostFilter(
            type=None, statuses=frozenset(content.PostStatus), slugs=(slug,), limit=1
        ),
    )
    return found.posts[0] if found.posts else None


async def _source(session: AsyncSession, post_id: str) -> str:
    return (await content.post_sources(session, [post_id])).get(post_id, ("", ""))[1]


async def _options(session: AsyncSession, settings: Settings) -> RenderOptions:
    return content.render_options(await content.load_settings(session), settings.site_url)


async def _tracked_now(session: AsyncSession) -> Tracked:
    return _tracked(await session.get(AnalyticsSetting, _ROW))


def _tracked(row: AnalyticsSetting | None) -> Tracked:
    value = row.value if row is not None and isinstance(row.value, dict) else {}
    known = {key: value[key] for key in Tracked.__dataclass_fields__ if key in value}
    return Tracked(**known)


async def _remember(session: AsyncSession, tracked: Tracked) -> None:
    value = {
        "post_id": tracked.post_id,
        "digest": tracked.digest,
        "facts": tracked.facts,
        "edited": tracked.edited,
        "linked": tracked.linked,
    }
    await session.merge(AnalyticsSetting(key=_ROW, value=value))
    await session.flush()


async def _link(
    session: AsyncSession, settings: Settings, page: content.Post, tracked: Tracked
) -> bool:
    """Add a footer link to ``page`` once (not again if the owner removed it); True."""
    if tracked.linked:
        return True
    site = await content.load_settings(session)
    path = f"/{page.slug}/"
    menus = [*site.navigation, *site.secondary_navigation]
    if not any(_same_path(item.url, path, settings.site_url) for item in menus):
        footer = [item.model_dump() for item in site.secondary_navigation]
        footer.append({"label": LINK_LABEL, "url": path})
        await content.update_settings(
            session, {"secondary_navigation": footer}, site_url=settings.site_url
        )
    return True


async def _move_links(session: AsyncSession, settings: Settings, old: str, new: str) -> None:
    """Point the menu links that led to the policy's old address at its new one."""
    site = await content.load_settings(session)
    wanted: dict[str, Any] = {}
    for key in ("navigation", "secondary_navigation"):
        items = [item.model_dump() for item in getattr(site, key)]
        moved = [
            {**item, "url": new} if _same_path(item["url"], old, settings.site_url) else item
            for item in items
        ]
        if moved != items:
            wanted[key] = moved
    if wanted:
        await content.update_settings(session, wanted, site_url=settings.site_url)


def _same_path(url: str, path: str, site_url: str) -> bool:
    url = url.removeprefix(site_url.rstrip("/"))
    return url.rstrip("/") == path.rstrip("/")
