"""The comments JSON API (``/api/comments``): read a thread, post, edit and delete one's own
comment, like, and count many posts' comments. HTTP only: the rules are the service's.

Errors are ``{"errors": [{"message", "field"}]}`` with the status that says what went wrong.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from inkwell.accounts import service as accounts
from inkwell.comments import listing, own, posting, spam
from inkwell.comments.api_input import (
    DELETE_FIELDS,
    EDIT_FIELDS,
    LIKE_FIELDS,
    POST_FIELDS,
    ApiError,
    bool_field,
    count_ids,
    int_param,
    json_object,
    one_param,
    text_field,
    thread_params,
)
from inkwell.comments.api_json import comment_json, error_response, page_json, posted_json
from inkwell.comments.commenters import request_address
from inkwell.comments.cors import add_cors, preflight
from inkwell.comments.settings import CommentSettings, load_cached
from inkwell.comments.types import Commenter, CommentInputError, Submission, TooManyComments
from inkwell.settings import Settings

PREFIX = "/api/comments"
router = APIRouter()
Handler = Callable[[Request, AsyncSession, CommentSettings], Awaitable[Response]]


async def _answer(request: Request, handler: Handler, *, write: bool = False) -> Response:
    """Run ``handler`` in a session; refusals become JSON errors; CORS on every answer."""
    database = request.app.state.database
    async with database.session(write=write) as session:
        settings = await load_cached(session)
        try:
            response = await handler(request, session, settings)
        except ApiError as exc:
            await session.rollback()
            response = error_response(exc.status, exc.message, exc.field)
        except TooManyComments as exc:
            await session.rollback()
            headers = {"Retry-After": str(exc.retry_after)}
            response = error_response(429, exc.message, exc.field, headers)
        except CommentInputError as exc:
            await session.rollback()
            response = error_response(exc.status, exc.message, exc.field)
    response.headers["Cache-Control"] = "no-store"
    return add_cors(response, request, settings)


def _app_settings(request: Request) -> Settings:
    found: Settings = request.app.state.settings
    return found


async def _commenter(session: AsyncSession, request: Request, data: dict[str, Any]) -> Commenter:
    """The signed-in reader (their account's name and email win), else a guest as typed."""
    reader = await accounts.current_reader(session, request)
    if reader is None:
        return Commenter(
            name=text_field(data, "name") or "",
            email=text_field(data, "email"),
            website=text_field(data, "website"),
        )
    staff = None
    if reader.email and reader.email_verified:
        staff = await accounts.staff_user_for_email(session, reader.email)
    return Commenter(
        name=reader.name,
        email=reader.email,
        website=reader.website or text_field(data, "website"),
        reader_id=reader.id,
        email_verified=reader.email_verified,
        user_id=staff,
    )


async def _reader_id(session: AsyncSession, request: Request) -> str | None:
    reader = await accounts.current_reader(session, request)
    return reader.id if reader is not None else None


def _edit_token(request: Request, data: dict[str, Any]) -> str | None:
    return request.headers.get("x-edit-token") or text_field(data, "edit_token")


async def _read_thread(
    request: Request, session: AsyncSession, settings: CommentSettings
) -> Response:
    query = request.query_params
    post_id, url = thread_params(query)
    page = await listing.list_thread(
        session,
        post_id=post_id,
        url=url,
        sort=one_param(query, "sort"),
        page=int_param(query, "page", 1),
        limit=int_param(query, "limit", 50),
        settings=settings,
        site_url=_app_settings(request).site_url,
    )
    extra = {
        "form_token": await spam.issue_form_token(session),
        "edit_window_minutes": settings.edit_window_minutes,
        "guests": settings.guests,
        "max_length": settings.max_length,
    }
    return JSONResponse(page_json(page, extra))


async def _post(request: Request, session: AsyncSession, settings: CommentSettings) -> Response:
    data = await json_object(request, POST_FIELDS)
    app = _app_settings(request)
    submission = Submission(
        body=text_field(data, "body") or "",
        commenter=await _commenter(session, request, data),
        post_id=text_field(data, "post_id") or None,
        url=text_field(data, "url") or None,
        parent_id=text_field(data, "parent_id") or None,
        notify_replies=bool_field(data, "notify_replies"),
        address=request_address(request),
        user_agent=request.headers.get("user-agent", "")[:500],
        form_token=text_field(data, "form_token") or None,
        honeypot=text_field(data, "honeypot") or "",
        referrer=request.headers.get("referer", "")[:500],
    )
    if submission.post_id and submission.url:
        raise ApiError(422, "Give post_id or url, not both.", "post_id")
    posted = await posting.post_comment(
        session,
        submission,
        settings=settings,
        site_url=app.site_url,
        fetch_allowed_hosts=app.fetch_allowed_hosts,
    )
    await session.commit()
    return JSONResponse(posted_json(posted), status_code=201)


async def _edit(request: Request, session: AsyncSession, settings: CommentSettings) -> Response:
    data = await json_object(request, EDIT_FIELDS)
    view = await own.edit_comment(
        session,
        request.path_params["comment_id"],
        text_field(data, "body") or "",
        edit_token=_edit_token(request, data),
        reader_id=await _reader_id(session, request),
        settings=settings,
    )
    await session.commit()
    return JSONResponse(comment_json(view))


async def _delete(request: Request, session: AsyncSession, settings: CommentSettings) -> Response:
    data = await json_object(request, DELETE_FIELDS, optional=True)
    await own.delete_own_comment(
        session,
        request.path_params["comment_id"],
        edit_token=_edit_token(request, data),
        reader_id=await _reader_id(session, request),
        settings=settings,
    )
    await session.commit()
    return Response(status_code=204)


async def _liker(session: AsyncSession, request: Request, data: dict[str, Any]) -> str:
    """Who likes: the signed-in reader, else the browser's own token, else its address."""
    reader_id = await _reader_id(session, request)
    if reader_id is not None:
        return f"reader:{reader_id}"
    token = text_field(data, "liker")
    if token:
        if len(token) > 200:
            raise ApiError(422, "The liker token is too long.", "liker")
        return f"browser:{token}"
    return f"address:{request_address(request)}"


def _like_handler(like: bool) -> Handler:
    async def handle(request: Request, session: AsyncSession, _: CommentSettings) -> Response:
        data = await json_object(request, LIKE_FIELDS, optional=True)
        liker = await _liker(session, request, data)
        comment_id = request.path_params["comment_id"]
        if like:
            likes = await own.like_comment(session, comment_id, liker)
        else:
            likes = await own.unlike_comment(session, comment_id, liker)
        await session.commit()
        return JSONResponse({"likes": likes})

    return handle


async def _counts(request: Request, session: AsyncSession, _: CommentSettings) -> Response:
    counts = await listing.comment_counts(session, count_ids(request.query_params))
    return JSONResponse({"counts": counts})


@router.get(PREFIX, include_in_schema=False)
async def read_thread(request: Request) -> Response:
    """One page of a thread: ``?post_id=ID`` or ``?url=ABSOLUTE_OR_SITE_PATH``."""
    return await _answer(request, _read_thread)


@router.post(PREFIX, include_in_schema=False)
async def post_comment(request: Request) -> Response:
    """Post a comment (JSON)."""
    return await _answer(request, _post, write=True)


@router.get(f"{PREFIX}/counts", include_in_schema=False)
async def counts(request: Request) -> Response:
    """How many approved comments each ``post_id`` has."""
    return await _answer(request, _counts)


@router.patch(PREFIX + "/{comment_id}", include_in_schema=False)
async def edit(request: Request) -> Response:
    """Edit one's own comment (edit token or reader session)."""
    return await _answer(request, _edit, write=True)


@router.delete(PREFIX + "/{comment_id}", include_in_schema=False)
async def delete(request: Request) -> Response:
    """Delete one's own comment (edit token or reader session)."""
    return await _answer(request, _delete, write=True)


@router.post(PREFIX + "/{comment_id}/like", include_in_schema=False)
async def like(request: Request) -> Response:
    """Like a comment (once per reader)."""
    return await _answer(request, _like_handler(True), write=True)


@router.delete(PREFIX + "/{comment_id}/like", include_in_schema=False)
async def unlike(request: Request) -> Response:
    """Take a like back."""
    return await _answer(request, _like_handler(False), write=True)


@router.options(PREFIX, include_in_schema=False)
@router.options(PREFIX + "/{rest:path}", include_in_schema=False)
async def cors_preflight(request: Request) -> Response:
    """The CORS preflight of any comments API path."""
    async with request.app.state.database.session() as session:
        settings = await load_cached(session)
    return preflight(request, settings)


def install(app: FastAPI, settings: Settings) -> None:
    """Mount the comments API."""
    app.include_router(router)
