"""The comment settings ``/admin/settings/comments/``: every setting of
``comments.CommentSettings`` on one form, validated and stored by the comments service, a
refused value shown again with the message next to its field.

The Akismet key is never sent back to the browser: the form shows its last four characters,
an empty key field keeps the stored key, and a checkbox removes it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.responses import Response

from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, see_other
from inkwell.comments import service as comments

router = APIRouter(route_class=AdminRoute)

PATH = "/admin/settings/comments/"
SWITCHES = (
    "enabled",
    "on_pages",
    "guests",
    "magic_link",
    "social_login",
    "gravatar",
    "notify_authors",
)
NUMBERS = (
    "auto_close_days",
    "edit_window_minutes",
    "max_length",
    "max_links",
    "min_submit_seconds",
    "per_address_per_hour",
    "per_identity_per_hour",
)
CHOICES = ("moderation", "default_sort")
LISTS = ("blocked_words", "allowed_origins")


def whole_number(text: str) -> int | str:
    """The whole number typed (a minus sign too: the service then says how low it may go),
    or the text itself (the service then names the field)."""
    cleaned = text.strip().replace(",", "").replace("_", "")
    digits = cleaned.removeprefix("-")
    return int(cleaned) if digits.isascii() and digits.isdigit() else text.strip()


def _lines(text: str) -> list[str]:
    """One entry a line (commas separate too), blank ones dropped."""
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


def wanted_settings(form: FormData, current: comments.CommentSettings) -> dict[str, Any]:
    """The settings the form asks for, in the shapes the comments service validates."""
    wanted: dict[str, Any] = {key: form.get(key) == "1" for key in SWITCHES}
    wanted |= {key: whole_number(str(form.get(key, ""))) for key in NUMBERS}
    wanted |= {key: str(form.get(key, "")) for key in CHOICES}
    wanted |= {key: _lines(str(form.get(key, ""))) for key in LISTS}
    wanted["akismet_url"] = str(form.get("akismet_url", "")).strip()
    key = str(form.get("akismet_key", "")).strip()
    if form.get("akismet_key_remove") == "1":
        wanted["akismet_key"] = ""
    elif key:
        wanted["akismet_key"] = key
    else:
        wanted["akismet_key"] = current.akismet_key
    return wanted


def masked(key: str) -> str:
    """What the page shows of a stored key: its last four characters at most."""
    if not key:
        return ""
    return "•" * 8 + (key[-4:] if len(key) >= 12 else "")


def _page(
    ctx: AdminContext,
    values: dict[str, Any],
    stored_key: str,
    errors: dict[str, str],
    status_code: int = 200,
) -> Response:
    shown = {k: v for k, v in values.items() if k != "akismet_key"}
    shown["blocked_words"] = "\n".join(values.get("blocked_words") or [])
    shown["allowed_origins"] = "\n".join(values.get("allowed_origins") or [])
    return ctx.page(
        "comment_settings.html",
        section="settings",
        title="Comment settings",
        status_code=status_code,
        values=shown,
        akismet_masked=masked(stored_key),
        errors=errors,
        moderation_options=[
            ("none", "Post at once"),
            ("first", "Hold a new commenter's first comment"),
            ("all", "Hold every comment"),
        ],
        sort_options=[("oldest", "Oldest first"), ("newest", "Newest first"), ("best", "Best")],
    )


@router.get(PATH, include_in_schema=False)
async def settings_form(ctx: AdminDep) -> Response:
    """The comment settings as stored."""
    ctx.require("settings.manage")
    current = await comments.read_settings(ctx.session)
    return _page(ctx, current.model_dump(mode="json"), current.akismet_key, {})


@router.post(PATH, include_in_schema=False)
async def save_settings(ctx: AdminDep) -> Response:
    """Store the comment settings; a refused value shows the form again, nothing stored."""
    ctx.require("settings.manage")
    current = await comments.read_settings(ctx.session)
    wanted = wanted_settings(await ctx.request.form(), current)
    try:
        await comments.update_settings(ctx.session, wanted)
    except comments.CommentSettingsError as exc:
        await ctx.session.rollback()
        message = str(exc).split(": ", 1)[-1]
        message = message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
        field = exc.field.split(".")[0]
        return _page(ctx, wanted, current.akismet_key, {field: message}, status_code=422)
    await ctx.session.commit()
    return see_other(PATH, done="settings")
