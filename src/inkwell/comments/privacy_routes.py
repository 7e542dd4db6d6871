"""The commenter's privacy pages: ask for the emailed link, then download or delete what one
address wrote. Each emailed link's GET only shows what the button would do (mail scanners open
links); the POST acts."""

from __future__ import annotations

import json

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from inkwell.comments import mail_pages, privacy, privacy_links
from inkwell.comments.mail_tokens import PrivacyAction, PrivacyGrant, TokenRefused, read_privacy
from inkwell.core.client_address import TrustedProxies, client_address
from inkwell.core.deps import SessionDep

router = APIRouter(prefix="/comments/privacy", include_in_schema=False)


@router.get("")
async def request_page(request: Request, session: SessionDep) -> Response:
    """The form asking for the address to send the links to."""
    return await _form(request, session)


@router.post("")
async def request_links(request: Request, email: str = Form("")) -> Response:
    """Queue the email with the links; the same answer whether the address is known."""
    settings = request.app.state.settings
    client = client_address(request, TrustedProxies.parse(settings.trusted_proxies))
    async with request.app.state.database.session(write=True) as session:
        try:
            sent_to = await privacy_links.request_links(session, email, client)
        except privacy_links.PrivacyRequestError as exc:
            answer = await _form(request, session, str(exc), email, exc.status)
            if exc.retry_after:
                answer.headers["Retry-After"] = str(exc.retry_after)
            return answer
        return await mail_pages.notice(
            request,
            session,
            "Check your email",
            f"If comments were written here with {sent_to}, an email with a link to download "
            "or delete them is on its way. The link works for one day.",
        )


async def _form(
    request: Request, session: SessionDep, error: str = "", email: str = "", status: int = 200
) -> Response:
    return await mail_pages.render(
        request,
        session,
        "privacy_form.html",
        title="Your comments",
        status_code=status,
        error=error,
        email=email.strip()[:191],
    )


@router.get("/{action}/{token}")
async def confirm_page(request: Request, action: str, token: str, session: SessionDep) -> Response:
    """What the link would do, with the button that does it."""
    if action not in ("export", "delete"):
        return await mail_pages.notice(
            request, session, "Not found", "There is no such page.", status_code=404, error=True
        )
    wanted: PrivacyAction = "export" if action == "export" else "delete"
    try:
        grant = await read_privacy(session, token, wanted)
    except TokenRefused as exc:
        return await _refused(request, session, exc)
    count = len(await privacy.comments_of(session, grant.email))
    who = mail_pages.masked(grant.email)
    if count == 0:
        return await mail_pages.notice(
            request, session, "No comments", f"No comment here was written with {who}."
        )
    written = f"{count} comment{'s' if count != 1 else ''} written with {who}"
    if action == "export":
        message, button = f"Download the {written}, as a JSON file.", "Download my comments"
    else:
        message = (
            f"Delete the {written}? Your name, email and website are removed from each and its "
            "text is deleted; replies by others stay. This cannot be undone."
        )
        button = "Delete my comments"
    return await mail_pages.render(
        request,
        session,
        "confirm.html",
        title="Your comments",
        message=message,
        button=button,
        danger=action == "delete",
        action=f"/comments/privacy/{action}/{token}",
    )


@router.post("/export/{token}")
async def download(request: Request, token: str, session: SessionDep) -> Response:
    """Everything the address wrote, as a JSON attachment."""
    try:
        grant = await read_privacy(session, token, "export")
    except TokenRefused as exc:
        return await _refused(request, session, exc)
    body = json.dumps(await privacy.export(session, grant.email), ensure_ascii=False, indent=2)
    headers = dict(mail_pages.SECURITY_HEADERS)
    headers["Content-Disposition"] = 'attachment; filename="my-comments.json"'
    return Response(body, media_type="application/json", headers=headers)


@router.post("/delete/{token}")
async def delete(request: Request, token: str) -> Response:
    """Anonymise and empty every comment the address wrote."""
    async with request.app.state.database.session(write=True) as session:
        try:
            grant: PrivacyGrant = await read_privacy(session, token, "delete")
        except TokenRefused as exc:
            return await _refused(request, session, exc)
        count = await privacy.forget_email(session, grant.email)
        return await mail_pages.notice(
            request,
            session,
            "Comments deleted",
            f"{count} comment{'s' if count != 1 else ''} written with "
            f"{mail_pages.masked(grant.email)} {'were' if count != 1 else 'was'} deleted.",
        )


async def _refused(request: Request, session: SessionDep, exc: TokenRefused) -> Response:
    return await mail_pages.notice(
        request,
        session,
        "Link expired" if exc.expired else "Link not valid",
        f"{exc} Ask for a new link below.",
        status_code=410 if exc.expired else 400,
        error=True,
        link=("/comments/privacy", "Ask for a new link"),
    )
