"""The plain HTML comment form under each post, for readers without JavaScript.

``POST /comments/form`` (form-encoded) goes through the same rules as the JSON API
(``posting.post_comment``, with the site's address and the fetch settings the Akismet check
needs). A published comment answers 303 to the post at ``#comment-ID``; a held one gets a
page saying it waits for moderation; refused input gets a page naming what is wrong, with the
form filled in again so nothing typed is lost (and ``Retry-After`` when a rate limit refused).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import HTMLResponse, RedirectResponse, Response

from inkwell.comments import service
from inkwell.comments.widget import FORM_PATH, style_url
from inkwell.content import service as content

FIELDS = ("post_id", "parent_id", "body", "name", "email", "website", "form_token", "honeypot")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# A comment is at most 100,000 characters (the setting's ceiling); the other fields are short.
MAX_FORM_BYTES = 512 * 1024
NO_STORE = "no-store"

router = APIRouter()


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).resolve().parent / "templates" / "form"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _page(template: str, status_code: int, **values: Any) -> HTMLResponse:
    html = (
        _environment()
        .get_template(template)
        .render(style_url=style_url(), action=FORM_PATH, **values)
    )
    return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": NO_STORE})


def _plain(status_code: int, message: str) -> HTMLResponse:
    return HTMLResponse(message, status_code=status_code, headers={"Cache-Control": NO_STORE})


async def read_form(request: Request) -> dict[str, str] | Response:
    """The form's text fields, or the response refusing a request that is not a form."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in FORM_TYPES:
        return _plain(
            415, "The comment form must be sent as a form (application/x-www-form-urlencoded)."
        )
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        return _plain(413, "This comment is far too long.")
    form = await request.form(max_files=0, max_fields=20)
    values = {name: str(form.get(name) or "") for name in FIELDS}
    values["notify_replies"] = "1" if form.get("notify_replies") else ""
    return values


async def submission_of(
    request: Request, session: AsyncSession, values: dict[str, str]
) -> service.Submission:
    """What the form asks for, on behalf of the signed-in reader or a guest."""
    commenter = await service.commenter_for(
        session,
        request,
        name=values["name"],
        email=values["email"] or None,
        website=values["website"] or None,
    )
    return service.Submission(
        body=values["body"],
        commenter=commenter,
        post_id=values["post_id"] or None,
        parent_id=values["parent_id"] or None,
        notify_replies=bool(values["notify_replies"]),
        address=service.request_address(request),
        user_agent=request.headers.get("user-agent", "")[:500],
        form_token=values["form_token"] or None,
        honeypot=values["honeypot"],
        referrer=request.headers.get("referer", "")[:500],
    )


@router.post(FORM_PATH, include_in_schema=False)
async def post_from_form(request: Request) -> Response:
    """Post a comment from the no-JavaScript form."""
    values = await read_form(request)
    if isinstance(values, Response):
        return values
    database = request.app.state.database
    async with database.session() as reading:
        post = await content.get_post(reading, values["post_id"]) if values["post_id"] else None
        if post is None or post.status != "published":
            return _plain(404, "There is no such post to comment on.")
        site = await content.load_settings_cached(reading)
        back = content.path_of(post, site)
        title = post.title
    app = request.app.state.settings
    try:
        async with database.session(write=True) as session:
            posted = await service.post_comment(
                session,
                await submission_of(request, session, values),
                site_url=app.site_url,
                fetch_allowed_hosts=app.fetch_allowed_hosts,
            )
    except service.CommentInputError as error:
        return await _refused(request, error, values, back, title)
    if posted.status == "approved":
        return RedirectResponse(f"{back}#comment-{posted.comment.id}", status_code=303)
    return _page(
        "held.html",
        200,
        title="Your comment is waiting for moderation",
        comment_html=Markup(posted.comment.html),  # noqa: S704 - sanitised by comment_text on save
        back_url=f"{back}#comments",
        post_title=title,
    )


async def _refused(
    request: Request,
    error: service.CommentInputError,
    values: dict[str, str],
    back: str,
    title: str,
) -> Response:
    database = request.app.state.database
    async with database.session(write=True) as session:
        token = await service.issue_form_token(session)
        reader = await service.commenter_for(session, request, name="", email=None, website=None)
    page = _page(
        "error.html",
        error.status,
        title="Your comment was not posted",
        message=error.message,
        field=error.field,
        values=values,
        form_token=token,
        guest=reader.reader_id is None,
        back_url=f"{back}#comments",
        post_title=title,
    )
    if isinstance(error, service.TooManyComments):
        page.headers["Retry-After"] = str(error.retry_after)
    return page


def install(app: FastAPI) -> None:
    """Accept the no-JavaScript comment form."""
    app.include_router(router)
