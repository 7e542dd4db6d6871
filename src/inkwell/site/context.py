"""What every public request needs: settings, the theme, site settings and a session.

``SiteDep`` gives a route all of it at once; templates get ``base_context`` plus their own keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics import service as analytics
from inkwell.content.service import SiteSettings, load_settings_cached
from inkwell.core.deps import SessionDep
from inkwell.settings import Settings, SettingsDep
from inkwell.site import seo
from inkwell.site.assets import code_css_url
from inkwell.site.theme import Theme
from inkwell.site.views import SiteView, site_view


@dataclass(frozen=True)
class SiteContext:
    """One public request's view of the world."""

    request: Request
    session: AsyncSession
    settings: Settings
    theme: Theme
    site: SiteSettings
    tracking: analytics.Tracking | None = None
    """The analytics beacon's tag and pixel (None when pages carry none)."""

    @property
    def site_url(self) -> str:
        """The public root URL, without a trailing slash."""
        return self.settings.site_url

    def url(self, path: str) -> str:
        """The absolute URL of ``path``."""
        return self.site_url + path

    def site_view(self, current_url: str | None = None) -> SiteView:
        """The site as templates see it, with ``current_url`` marked in the menus."""
        return site_view(self.site, self.site_url, current_url)


def theme_of(request: Request) -> Theme:
    """The theme loaded at app creation."""
    theme: Theme = request.app.state.theme
    return theme


async def _site_context(
    request: Request, session: SessionDep, settings: SettingsDep
) -> SiteContext:
    # Kept so that the error guard can roll it back when the page fails.
    request.state.site_session = session
    site = await load_settings_cached(session)
    tracking = await analytics.tracking(session, settings.site_url)
    return SiteContext(request, session, settings, theme_of(request), site, tracking)


async def make_context(request: Request, session: AsyncSession) -> SiteContext:
    """A SiteContext outside dependency injection (the fallback resolver uses it)."""
    settings: Settings = request.app.state.settings
    site = await load_settings_cached(session)
    tracking = await analytics.tracking(session, settings.site_url)
    return SiteContext(request, session, settings, theme_of(request), site, tracking)


SiteDep = Annotated[SiteContext, Depends(_site_context)]


def base_context(
    ctx: SiteContext, meta: seo.Meta, *, current_url: str, body_class: str
) -> dict[str, Any]:
    """Keys every template gets (see the theme contract in the package docstring)."""
    return {
        "site": ctx.site_view(current_url),
        "meta": meta,
        "body_class": body_class,
        "generator": seo.GENERATOR,
        "code_css_url": code_css_url(ctx.site),
        "rss_url": ctx.url("/rss/"),
        "tracking": ctx.tracking,
        "tracking_pixel": ctx.tracking.pixel_url(current_url) if ctx.tracking else None,
    }
