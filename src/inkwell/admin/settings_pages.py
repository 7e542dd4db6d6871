"""The site settings ``/admin/settings/``: one form, validated and stored by the content service
(the same rules as ``inkwell settings set``), shown again with the message next to the field
when a value is refused."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from fastapi import APIRouter
from pygments.styles import get_all_styles
from starlette.datastructures import FormData
from starlette.responses import Response

from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, see_other
from inkwell.content import service as content

router = APIRouter(route_class=AdminRoute)

TEXT_KEYS = ("title", "description", "logo", "icon", "accent_color", "permalink", "timezone")
OPTIONAL_KEYS = frozenset({"logo", "icon"})
EMPTY_NAV_ROWS = 2  # blank rows offered without JavaScript, to add links


def _navigation(form: FormData) -> list[dict[str, str]]:
    """The navigation rows posted, in order; a row with both fields empty is dropped."""
    labels = [str(v) for v in form.getlist("nav_label")]
    urls = [str(v) for v in form.getlist("nav_url")]
    rows = []
    for label, url in zip(labels, urls, strict=False):
        if label.strip() or url.strip():
            rows.append({"label": label.strip(), "url": url.strip()})
    return rows


def wanted_settings(form: FormData) -> dict[str, Any]:
    """The settings the form asks for, in the shapes the content service validates."""
    wanted: dict[str, Any] = {}
    for key in TEXT_KEYS:
        value = str(form.get(key, "")).strip()
        wanted[key] = (value or None) if key in OPTIONAL_KEYS else value
    per_page = str(form.get("posts_per_page", "")).strip()
    wanted["posts_per_page"] = int(per_page) if per_page.isdigit() else per_page
    wanted["outbound_link_tagging"] = form.get("outbound_link_tagging") == "1"
    wanted["code_theme_light"] = str(form.get("code_theme_light", ""))
    wanted["code_theme_dark"] = str(form.get("code_theme_dark", ""))
    wanted["navigation"] = _navigation(form)
    return wanted


def field_of(message: str) -> str:
    """The form field a content-service refusal ("setting KEY: why") names."""
    key = message.removeprefix("setting ").split(":", 1)[0].strip()
    return "navigation" if key.startswith("navigation") else key.split(".")[0]


def _page(
    ctx: AdminContext,
    values: dict[str, Any],
    errors: dict[str, str],
    *,
    status_code: int = 200,
) -> Response:
    return ctx.page(
        "settings.html",
        section="settings",
        title="Settings",
        status_code=status_code,
        values=values,
        errors=errors,
        navigation=values.get("navigation") or [],
        empty_rows=EMPTY_NAV_ROWS,
        timezones=sorted(available_timezones()),
        code_styles=sorted(get_all_styles()),
        theme=ctx.settings.theme,
    )


@router.get("/admin/settings/", include_in_schema=False)
async def settings_form(ctx: AdminDep) -> Response:
    """The settings as stored."""
    ctx.require("settings.manage")
    return _page(ctx, ctx.site.model_dump(mode="json"), {})


@router.post("/admin/settings/", include_in_schema=False)
async def save_settings(ctx: AdminDep) -> Response:
    """Store the settings; a refused value shows the form again, with nothing stored."""
    ctx.require("settings.manage")
    wanted = wanted_settings(await ctx.request.form())
    try:
        await content.update_settings(ctx.session, wanted, site_url=ctx.settings.site_url)
    except content.SettingsInputError as exc:
        await ctx.session.rollback()
        message = str(exc)
        return _page(ctx, wanted, {field_of(message): message}, status_code=422)
    await ctx.session.commit()
    return see_other("/admin/settings/", done="settings")
