"""What every admin route needs at once: the request, a session, the signed-in staff member, the
process settings and the site settings (``AdminDep``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import HTMLResponse

from inkwell.accounts.service import Staff, can, require
from inkwell.accounts.web import StaffDep
from inkwell.admin import comments_access, web
from inkwell.content import service as content
from inkwell.core.deps import SessionDep
from inkwell.settings import Settings, SettingsDep


@dataclass(frozen=True)
class SomeoneElsesDraft:
    """A draft with no author: asking whether staff may edit it asks "may they edit any post"."""

    status: str = "draft"
    authors: tuple[Any, ...] = ()
    feature_image: str | None = None


SOMEONE_ELSES_DRAFT = SomeoneElsesDraft()


@dataclass(frozen=True)
class AdminContext:
    """One admin request's view of the world."""

    request: Request
    session: AsyncSession
    staff: Staff
    settings: Settings
    site: content.SiteSettings
    pending_comments: int = 0
    """Comments waiting for this staff member's moderation (shown in the navigation)."""

    @property
    def timezone(self) -> str:
        """The site's time zone, in which dates are shown and typed."""
        return self.site.timezone

    def can(self, permission: str, *, post: Any = None) -> bool:
        """Whether the signed-in staff member holds ``permission`` (for ``post``)."""
        return can(self.staff, permission, post=post)

    def require(self, permission: str, *, post: Any = None) -> None:
        """Raise PermissionDenied (a 403 page) unless ``permission`` is held."""
        require(self.staff, permission, post=post)

    @property
    def sees_all_posts(self) -> bool:
        """Editors and above see everyone's posts; authors and contributors their own."""
        return self.can("posts.edit", post=SOMEONE_ELSES_DRAFT)

    def render_options(self) -> Any:
        """How this site renders Markdown (the same options the site uses)."""
        return content.render_options(self.site, self.settings.site_url)

    def page(
        self, template: str, *, section: str, title: str, status_code: int = 200, **context: Any
    ) -> HTMLResponse:
        """An admin page (see ``web.page``), with the site settings in its context."""
        return web.page(
            self.request,
            self.staff,
            template,
            section=section,
            title=title,
            status_code=status_code,
            site=self.site,
            timezone=self.timezone,
            nav_counts={"comments": self.pending_comments},
            **context,
        )


async def _admin_context(
    request: Request, session: SessionDep, staff: StaffDep, settings: SettingsDep
) -> AdminContext:
    site = await content.load_settings(session)
    pending = await comments_access.pending_count(session, staff)
    return AdminContext(request, session, staff, settings, site, pending)


AdminDep = Annotated[AdminContext, Depends(_admin_context)]
