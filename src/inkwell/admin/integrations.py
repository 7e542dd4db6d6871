"""Integrations ``/admin/integrations/``: the API keys of scripts and apps, and their webhooks.

Owner and administrators only (``settings.manage``): a key reads or writes everything the APIs
serve. Each integration's page shows both keys (with copy buttons), renames it, regenerates
either key, deletes it, and lists its webhooks with the outcome of their last delivery.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, error_response, see_other
from inkwell.ghost_api import service as ghost

router = APIRouter(route_class=AdminRoute)

PERMISSION = "settings.manage"
BASE = "/admin/integrations/"
_WEBHOOK_FIELDS = ("event", "target_url", "name", "secret")


def _sentence(exc: Exception) -> str:
    text = str(exc).strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "”")) else ".")


def _gone(ctx: AdminContext) -> Response:
    return error_response(ctx.request, 404, "That integration does not exist (any more).")


async def _list_page(
    ctx: AdminContext,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return ctx.page(
        "integrations.html",
        section="integrations",
        title="Integrations",
        status_code=status_code,
        integrations=await ghost.list_integrations(ctx.session),
        errors=errors or {},
        values=values or {"name": "", "description": ""},
    )


async def _detail_page(
    ctx: AdminContext,
    found: ghost.IntegrationKeys,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    hook_values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    integration = found.integration
    return ctx.page(
        "integration.html",
        section="integrations",
        title=integration.name,
        status_code=status_code,
        found=found,
        api_url=ctx.settings.site_url,
        webhooks=await ghost.list_webhooks(ctx.session, integration.id),
        events=ghost.WEBHOOK_EVENTS,
        errors=errors or {},
        values=values or {"name": integration.name, "description": integration.description or ""},
        hook_values=hook_values or dict.fromkeys(_WEBHOOK_FIELDS, ""),
    )


async def _find(ctx: AdminContext, integration_id: str) -> ghost.IntegrationKeys | None:
    try:
        found = await ghost.find_integration(ctx.session, integration_id)
    except ghost.IntegrationError:
        return None
    # Only by id: a name in the address would make two pages of one integration.
    return found if found.integration.id == integration_id else None


@router.get(BASE, include_in_schema=False)
async def integrations_list(ctx: AdminDep) -> Response:
    """Every integration, and the form to add one."""
    ctx.require(PERMISSION)
    return await _list_page(ctx)


@router.post(BASE, include_in_schema=False)
async def create(ctx: AdminDep) -> Response:
    """A new integration; its page then shows its keys."""
    ctx.require(PERMISSION)
    form = await ctx.request.form()
    values = {key: str(form.get(key, "")) for key in ("name", "description")}
    try:
        made = await ghost.create_integration(
            ctx.session, values["name"], values["description"] or None
        )
    except ghost.IntegrationError as exc:
        await ctx.session.rollback()
        field = "integration-description" if "description" in str(exc) else "integration-name"
        return await _list_page(ctx, errors={field: _sentence(exc)}, values=values, status_code=422)
    await ctx.session.commit()
    return see_other(f"{BASE}{made.integration.id}/", done="integration-created")


@router.get(BASE + "{integration_id}/", include_in_schema=False)
async def detail(ctx: AdminDep, integration_id: str) -> Response:
    """One integration: its keys, its webhooks, and what can be done to them."""
    ctx.require(PERMISSION)
    found = await _find(ctx, integration_id)
    if found is None:
        return _gone(ctx)
    return await _detail_page(ctx, found)


@router.post(BASE + "{integration_id}/", include_in_schema=False)
async def rename(ctx: AdminDep, integration_id: str) -> Response:
    """Rename the integration (and change its description); its keys stay."""
    ctx.require(PERMISSION)
    found = await _find(ctx, integration_id)
    if found is None:
        return _gone(ctx)
    form = await ctx.request.form()
    values = {key: str(form.get(key, "")) for key in ("name", "description")}
    try:
        await ghost.rename_integration(
            ctx.session, integration_id, values["name"], values["description"]
        )
    except ghost.IntegrationError as exc:
        await ctx.session.rollback()
        found = await ghost.find_integration(ctx.session, integration_id)
        field = "integration-description" if "description" in str(exc) else "integration-name"
        errors = {field: _sentence(exc)}
        return await _detail_page(ctx, found, errors=errors, values=values, status_code=422)
    await ctx.session.commit()
    return see_other(f"{BASE}{integration_id}/", done="saved")


@router.post(BASE + "{integration_id}/regenerate", include_in_schema=False)
async def regenerate(ctx: AdminDep, integration_id: str) -> Response:
    """A new Content or Admin API key: whatever used the old one must be given the new one."""
    ctx.require(PERMISSION)
    if await _find(ctx, integration_id) is None:
        return _gone(ctx)
    kind = str((await ctx.request.form()).get("kind", ""))
    if kind not in ("content", "admin"):
        return error_response(ctx.request, 400, "Say which key to make anew: content or admin.")
    await ghost.regenerate_key(
        ctx.session, integration_id, "content" if kind == "content" else "admin"
    )
    await ctx.session.commit()
    return see_other(f"{BASE}{integration_id}/", done=f"{kind}-key-regenerated")


@router.post(BASE + "{integration_id}/delete", include_in_schema=False)
async def delete(ctx: AdminDep, integration_id: str) -> Response:
    """Delete the integration with its keys and webhooks."""
    ctx.require(PERMISSION)
    if await _find(ctx, integration_id) is None:
        return see_other(BASE)  # already gone: what was asked is true
    await ghost.delete_integration(ctx.session, integration_id)
    await ctx.session.commit()
    return see_other(BASE, done="deleted")


@router.post(BASE + "{integration_id}/webhooks/", include_in_schema=False)
async def add_webhook(ctx: AdminDep, integration_id: str) -> Response:
    """A new webhook of the integration: an event and the URL told about it."""
    ctx.require(PERMISSION)
    found = await _find(ctx, integration_id)
    if found is None:
        return _gone(ctx)
    form = await ctx.request.form()
    hook_values = {key: str(form.get(key, "")).strip() for key in _WEBHOOK_FIELDS}
    try:
        await ghost.add_webhook(
            ctx.session,
            integration_id,
            event=hook_values["event"],
            target_url=hook_values["target_url"],
            name=hook_values["name"] or None,
            secret=hook_values["secret"] or None,
        )
    except ghost.WebhookInputError as exc:
        await ctx.session.rollback()
        found = await ghost.find_integration(ctx.session, integration_id)
        field = exc.field or "form"
        field = f"webhook-{field.replace('_', '-')}" if field in _WEBHOOK_FIELDS else "form"
        return await _detail_page(
            ctx, found, errors={field: _sentence(exc)}, hook_values=hook_values, status_code=422
        )
    await ctx.session.commit()
    return see_other(f"{BASE}{integration_id}/", done="webhook-added")


@router.post(BASE + "{integration_id}/webhooks/{webhook_id}/delete", include_in_schema=False)
async def delete_webhook(ctx: AdminDep, integration_id: str, webhook_id: str) -> Response:
    """Delete one of the integration's webhooks."""
    ctx.require(PERMISSION)
    hooks = await ghost.list_webhooks(ctx.session, integration_id)
    if any(hook.id == webhook_id for hook in hooks):
        await ghost.delete_webhook(ctx.session, webhook_id)
        await ctx.session.commit()
        return see_other(f"{BASE}{integration_id}/", done="webhook-deleted")
    if await _find(ctx, integration_id) is None:
        return _gone(ctx)
    return see_other(f"{BASE}{integration_id}/")  # deleted already
