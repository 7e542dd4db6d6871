"""The analytics settings ``/admin/settings/analytics/``: every setting of
``analytics.AnalyticsSettings`` on one form, validated and stored by the analytics service (a
refused value is shown again with the message next to its field, nothing stored), and the
Stats API keys: listed, made (the key shown once, on the answer to the form that made it, never
again and never in an address) and revoked.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.responses import Response

from inkwell.admin.comment_settings import whole_number
from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, see_other
from inkwell.analytics import service as analytics

router = APIRouter(route_class=AdminRoute)

PATH = "/admin/settings/analytics/"
KEYS = PATH + "keys"
SWITCHES = ("outbound_links", "custom_events", "honour_dnt", "exclude_staff")
TEXTS = ("collection", "script_path", "event_path", "pixel_path", "privacy_slug")
NUMBERS = ("retention_days",)
PATHS = ("script_path", "event_path", "pixel_path")
COLLECTION_OPTIONS = (
    ("script", "By the script (and an image where no script runs)"),
    ("server", "On the server, from the page requests (no script)"),
    ("off", "Off: nothing is counted"),
)


def wanted_settings(form: FormData) -> dict[str, Any]:
    """The settings the form asks for, in the shapes the analytics service validates."""
    wanted: dict[str, Any] = {key: form.get(key) == "1" for key in SWITCHES}
    wanted |= {key: str(form.get(key, "")).strip() for key in TEXTS}
    wanted |= {key: whole_number(str(form.get(key, ""))) for key in NUMBERS}
    return wanted


def refused_field(field: str, wanted: dict[str, Any]) -> str:
    """The form field a refusal belongs to. The paths' "must differ" rule names no field:
    it is put on the first path that repeats an earlier one."""
    name = field.split(".")[0]
    if name in wanted:
        return name
    seen: set[Any] = set()
    for path in PATHS:
        if wanted.get(path) in seen:
            return path
        seen.add(wanted.get(path))
    return "form"


def site_id(site_url: str) -> str:
    """The ``site_id`` (and events' ``domain``) the Stats API expects: the site's host name."""
    return urlsplit(site_url).hostname or ""


async def _page(
    ctx: AdminContext,
    values: dict[str, Any],
    errors: dict[str, str],
    *,
    status_code: int = 200,
    new_key: tuple[str, str] | None = None,
    key_name: str = "",
) -> Response:
    response = ctx.page(
        "analytics_settings.html",
        section="settings",
        title="Analytics settings",
        status_code=status_code,
        values=values,
        errors=errors,
        collection_options=COLLECTION_OPTIONS,
        keys=await analytics.list_keys(ctx.session),
        new_key=new_key,
        key_name=key_name,
        site_url=ctx.settings.site_url.rstrip("/"),
        site_id=site_id(ctx.settings.site_url),
    )
    if new_key is not None:
        # The only time the key is ever shown: no cache anywhere may keep this page.
        response.headers["Cache-Control"] = "no-store"
    return response


async def _current(ctx: AdminContext) -> dict[str, Any]:
    return (await analytics.read_settings(ctx.session)).model_dump(mode="json")


def _sentence(message: str) -> str:
    message = message[:1].upper() + message[1:]
    return message if message.endswith(".") else message + "."


@router.get(PATH, include_in_schema=False)
async def settings_form(ctx: AdminDep) -> Response:
    """The analytics settings as stored, and the Stats API keys."""
    ctx.require("settings.manage")
    return await _page(ctx, await _current(ctx), {})


@router.post(PATH, include_in_schema=False)
async def save_settings(ctx: AdminDep) -> Response:
    """Store the analytics settings; a refused value shows the form again, nothing stored."""
    ctx.require("settings.manage")
    wanted = wanted_settings(await ctx.request.form())
    try:
        await analytics.update_settings(ctx.session, wanted)
    except analytics.AnalyticsSettingsError as exc:
        await ctx.session.rollback()
        message = _sentence(str(exc).split(": ", 1)[-1])
        errors = {refused_field(exc.field, wanted): message}
        return await _page(ctx, wanted, errors, status_code=422)
    await ctx.session.commit()
    return see_other(PATH, done="settings")


@router.post(KEYS, include_in_schema=False)
async def create_key(ctx: AdminDep) -> Response:
    """Make a Stats API key and show it, once; a refused name is shown with why."""
    ctx.require("settings.manage")
    name = str((await ctx.request.form()).get("name", ""))
    try:
        row, key = await analytics.create_key(ctx.session, name)
    except analytics.StatsKeyError as exc:
        await ctx.session.rollback()
        errors = {"key_name": _sentence(str(exc))}
        return await _page(ctx, await _current(ctx), errors, status_code=422, key_name=name)
    await ctx.session.commit()
    return await _page(ctx, await _current(ctx), {}, status_code=201, new_key=(row.name, key))


@router.post(KEYS + "/revoke", include_in_schema=False)
async def revoke_key(ctx: AdminDep) -> Response:
    """Delete a Stats API key: it stops working at once."""
    ctx.require("settings.manage")
    name = str((await ctx.request.form()).get("name", ""))
    try:
        await analytics.delete_key(ctx.session, name)
    except analytics.StatsKeyError as exc:
        await ctx.session.rollback()
        errors = {"form": _sentence(str(exc))}
        return await _page(ctx, await _current(ctx), errors, status_code=404)
    await ctx.session.commit()
    return see_other(PATH, done="stats-key-revoked")
