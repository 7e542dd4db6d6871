"""Who is writing a comment, as the HTTP layer (JSON API, plain form) tells the rules."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from inkwell.accounts import service as accounts
from inkwell.comments.types import Commenter
from inkwell.core.client_address import TrustedProxies, client_address


async def commenter_for(
    session: AsyncSession,
    request: Request,
    *,
    name: str,
    email: str | None,
    website: str | None,
) -> Commenter:
    """The signed-in reader of ``request`` (their account's name and email win over what was
    typed), or a guest with what they typed. A reader whose verified email is a staff
    member's writes as that staff member (the "staff" badge)."""
    reader = await accounts.current_reader(session, request)
    if reader is None:
        return Commenter(name=name.strip(), email=email, website=website)
    user_id = None
    if reader.email_verified:
        user_id = await accounts.staff_user_for_email(session, reader.email)
    return Commenter(
        name=reader.name,
        email=reader.email,
        website=reader.website or website,
        reader_id=reader.id,
        email_verified=reader.email_verified,
        user_id=user_id,
    )


def request_address(request: Request) -> str:
    """The client's address under ``INKWELL_TRUSTED_PROXIES`` (only its salted hash is kept)."""
    # Read from the request itself: the admin guard's reading is made only under /admin, and
    # elsewhere it is empty (so no per-address limit or block would ever apply).
    trusted = TrustedProxies.parse(request.app.state.settings.trusted_proxies)
    return client_address(request, trusted)
