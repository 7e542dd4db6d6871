"""``/ghost/api/admin/users/``: browse and read (by id, slug, email, or ``me``).

Users are the site's people; each staff member's role and status come from accounts (an
author without an account, such as one imported, is ``inactive`` and has no role).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from inkwell.accounts import service as accounts
from inkwell.content import service as content
from inkwell.content.service import User
from inkwell.ghost_api.admin_api import common
from inkwell.ghost_api.admin_api.query import ReadQuery, read_query
from inkwell.ghost_api.admin_writes import not_found
from inkwell.ghost_api.auth import AdminCallerDep
from inkwell.ghost_api.serializers import SerializeContext, only_fields, pagination, user_json

router = APIRouter(prefix="/users")
INCLUDES = frozenset({"count.posts", "roles", "permissions"})
DEFAULT_INCLUDE = ("roles",)


def _query(request: Request, *, browsing: bool) -> ReadQuery:
    return read_query(
        request.query_params,
        "users",
        browsing=browsing,
        includes=INCLUDES,
        default_include=DEFAULT_INCLUDE,
    )


async def _shaped(
    session: AsyncSession, request: Request, users: list[User], query: ReadQuery
) -> list[dict[str, Any]]:
    site = await content.load_settings_cached(session)
    counts: dict[str, int] = {}
    if "count.posts" in query.include:
        counts = await content.published_post_counts(session, "authors", [u.id for u in users])
    ctx = SerializeContext(
        common.settings_of(request).site_url,
        site,
        admin=True,
        include=query.include,
        post_counts=counts,
    )
    staff = {member.user_id: member for member in await accounts.list_staff(session)}
    shaped = []
    for user in users:
        member = staff.get(user.id)
        status = "active" if member is not None and not member.disabled else "inactive"
        shaped.append(
            only_fields(
                user_json(
                    user,
                    ctx,
                    status=status,
                    role=None if member is None else member.role,
                    last_seen=None if member is None else member.last_signin_at,
                ),
                query.fields,
            )
        )
    return shaped


@router.get("/")
async def browse_users(request: Request, caller: AdminCallerDep) -> Response:
    """Every user, a page at a time."""
    query = _query(request, browsing=True)
    async with common.database(request).session() as session:
        try:
            found = await content.browse_authors(
                session, where=query.where, order=query.order, page=query.page, limit=query.limit
            )
        except content.FilterError as exc:
            raise common.filter_refused(exc) from None
        shaped = await _shaped(session, request, found.items, query)
    meta = {"pagination": pagination(found.page, found.limit, found.total)}
    return common.answer({"users": shaped, "meta": meta})


async def _read(request: Request, user: User | None, session: AsyncSession) -> Response:
    if user is None:
        raise not_found("user")
    shaped = await _shaped(session, request, [user], _query(request, browsing=False))
    return common.answer({"users": shaped})


@router.get("/me/")
async def read_me(request: Request, caller: AdminCallerDep) -> Response:
    """The signed-in staff member (an integration is nobody: 404)."""
    async with common.database(request).session() as session:
        user = None
        if caller.staff is not None:
            user = await content.read_author(session, id=caller.staff.user_id)
        return await _read(request, user, session)


@router.get("/slug/{slug}/")
async def read_user_by_slug(request: Request, caller: AdminCallerDep, slug: str) -> Response:
    """One user by slug."""
    async with common.database(request).session() as session:
        return await _read(request, await content.read_author(session, slug=slug), session)


@router.get("/email/{email}/")
async def read_user_by_email(request: Request, caller: AdminCallerDep, email: str) -> Response:
    """One user by email address."""
    async with common.database(request).session() as session:
        user = await content.find_author_by(session, email=email)
        return await _read(request, user, session)


@router.get("/{user_id}/")
async def read_user(request: Request, caller: AdminCallerDep, user_id: str) -> Response:
    """One user by id."""
    async with common.database(request).session() as session:
        return await _read(request, await content.read_author(session, id=user_id), session)
