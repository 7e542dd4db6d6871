"""The links in comment emails: approve or delete a held comment, unsubscribe.

A GET only shows what the link would do, with a button: mail scanners and link previews open
every link in a message, and must not approve or delete anything by doing so. The POST acts.
The unsubscribe POST is RFC 8058's one-click: a mail client POSTs
``List-Unsubscribe=One-Click`` to the link and gets a 200 with no further step.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from inkwell.comments import mail_pages, moderation, recipients
from inkwell.comments.emails import mail_html
from inkwell.comments.mail_tokens import (
    ModerationGrant,
    TokenRefused,
    read_moderation,
    read_unsubscribe,
)
from inkwell.comments.models import Comment
from inkwell.core.deps import SessionDep

router = APIRouter(prefix="/comments", include_in_schema=False)

_VERB = {"approve": "Approve", "delete": "Delete"}


@router.get("/moderate/{token}")
async def moderation_page(request: Request, token: str, session: SessionDep) -> Response:
    """The held comment and a button to approve (or delete) it."""
    try:
        grant = await read_moderation(session, token)
    except TokenRefused as exc:
        return await _refused(request, session, exc)
    place = await recipients.comment_place(
        session, request.app.state.settings.site_url, grant.comment_id
    )
    if place is None:
        return await _gone(request, session)
    settled = await _settled(request, session, grant, place.comment)
    if settled is not None:
        return settled
    verb = _VERB[grant.action]
    return await mail_pages.render(
        request,
        session,
        "confirm.html",
        title=f"{verb} this comment?",
        message=(
            "Once approved, readers see it under the post."
            if grant.action == "approve"
            else "The comment is removed; replies to it, if any, stay."
        ),
        author=place.comment.author_name,
        place=place.title,
        comment_html=mail_html(place.comment.html),
        button=f"{verb} comment",
        danger=grant.action == "delete",
        action=f"/comments/moderate/{token}",
    )


@router.post("/moderate/{token}")
async def moderate(request: Request, token: str) -> Response:
    """Approve or delete the comment the link names."""
    async with request.app.state.database.session(write=True) as session:
        try:
            grant = await read_moderation(session, token)
        except TokenRefused as exc:
            return await _refused(request, session, exc)
        place = await recipients.comment_place(
            session, request.app.state.settings.site_url, grant.comment_id
        )
        if place is None:
            return await _gone(request, session)
        settled = await _settled(request, session, grant, place.comment)
        if settled is not None:
            return settled
        if grant.action == "approve":
            await moderation.approve(session, [grant.comment_id])
            return await mail_pages.notice(
                request,
                session,
                "Comment approved",
                f"Readers now see the comment by {place.comment.author_name}.",
                link=(place.link, "See it on the site"),
            )
        await moderation.remove(session, [grant.comment_id])
        return await mail_pages.notice(
            request,
            session,
            "Comment deleted",
            "The comment is deleted.",
            link=("/admin/comments", "Comments waiting for approval"),
        )


async def _settled(
    request: Request, session: AsyncSession, grant: ModerationGrant, comment: Comment
) -> Response | None:
    """A page saying there is nothing left to do, or None when the link may still act."""
    if comment.status == "deleted":
        return await _gone(request, session)
    if grant.action == "delete" or comment.status == "pending":
        return None
    message = {
        "approved": "This comment is already approved.",
        "spam": "This comment was marked as spam since: approve it from the admin if you wish.",
    }[comment.status]
    return await mail_pages.notice(
        request,
        session,
        "Nothing to do",
        message,
        link=("/admin/comments", "Open the comments in the admin"),
    )


async def _gone(request: Request, session: AsyncSession) -> Response:
    return await mail_pages.notice(
        request, session, "Comment deleted", "This comment was deleted.", status_code=404
    )


@router.get("/unsubscribe/{token}")
async def unsubscribe_page(request: Request, token: str, session: SessionDep) -> Response:
    """What the link does, with the button that does it."""
    try:
        email = await read_unsubscribe(session, token)
    except TokenRefused as exc:
        return await _refused(request, session, exc)
    who = mail_pages.masked(email)
    if await recipients.opted_out(session, email):
        return await _unsubscribed(request, session, token, who)
    return await mail_pages.render(
        request,
        session,
        "confirm.html",
        title="Unsubscribe from comment emails?",
        message=f"No more emails about comments will be sent to {who}.",
        button="Unsubscribe",
        action=f"/comments/unsubscribe/{token}",
    )


@router.post("/unsubscribe/{token}")
async def unsubscribe(request: Request, token: str) -> Response:
    """Stop every comment email to the link's address (RFC 8058 one-click, too)."""
    async with request.app.state.database.session(write=True) as session:
        try:
            email = await read_unsubscribe(session, token)
        except TokenRefused as exc:
            return await _refused(request, session, exc)
        await recipients.opt_out(session, email)
        return await _unsubscribed(request, session, token, mail_pages.masked(email))


@router.post("/unsubscribe/{token}/undo")
async def resubscribe(request: Request, token: str) -> Response:
    """Mail the link's address again (after an unsubscribe by mistake)."""
    async with request.app.state.database.session(write=True) as session:
        try:
            email = await read_unsubscribe(session, token)
        except TokenRefused as exc:
            return await _refused(request, session, exc)
        await recipients.opt_in(session, email)
        return await mail_pages.notice(
            request,
            session,
            "Subscribed again",
            f"Comment emails will be sent to {mail_pages.masked(email)} again.",
        )


async def _unsubscribed(request: Request, session: AsyncSession, token: str, who: str) -> Response:
    return await mail_pages.notice(
        request,
        session,
        "Unsubscribed",
        f"No more comment emails will be sent to {who}.",
        form=(f"/comments/unsubscribe/{token}/undo", "Subscribe again"),
    )


async def _refused(request: Request, session: AsyncSession, exc: TokenRefused) -> Response:
    return await mail_pages.notice(
        request,
        session,
        "Link expired" if exc.expired else "Link not valid",
        str(exc) + (" Open the comments in the admin instead." if exc.expired else ""),
        status_code=410 if exc.expired else 400,
        error=True,
    )
