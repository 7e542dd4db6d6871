"""The ``/admin/`` guard: a pure ASGI middleware that every other path passes at once.

For a request under ``/admin`` it (1) resolves the session cookie into the signed-in staff
member (writing ``last_seen_at`` now and then), (2) refuses a POST/PUT/PATCH/DELETE that comes
from another site (``Origin``, ``Sec-Fetch-Site``) or lacks the right CSRF token (header
``X-CSRF-Token`` or form field ``csrf_token``) with a 403 before the application sees it, so
nothing changes, and (3) adds the security headers to every response, 404s included.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers
from starlette.requests import Request, cookie_parser
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inkwell.accounts import sessions
from inkwell.accounts.web import (
    CSRF_FIELD,
    PRESESSION_COOKIE,
    SCOPE_KEY,
    SESSION_COOKIE,
    AdminContext,
)
from inkwell.core.client_address import TrustedProxies, client_address

logger = logging.getLogger("inkwell.accounts")

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
        b"object-src 'none'",
    ),
    (b"referrer-policy", b"same-origin"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]
_PLAIN_TEXT = [(b"content-type", b"text/plain; charset=utf-8")]
_REPLACED = {name for name, _ in SECURITY_HEADERS}
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Paths whose forms may be sent with the pre-session token although a session exists (a form
# opened before signing in, in another tab).
_ANONYMOUS_FORMS = ("/admin/signin", "/admin/reset", "/admin/invite/")
_STATIC = ("/admin/static/", "/admin/assets/")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CROSS_SITE = "Cross-site requests to the admin are refused."
STALE_FORM = (
    "This form has expired or did not come from this site (its security token is missing or "
    "wrong). Reload the page and try again."
)


# A form without the token header is read whole to find its ``csrf_token`` field; scripts (the
# editor's uploads) send the header and stream past.
MAX_FORM_BYTES = 64 * 1024 * 1024


class _TooLarge(Exception):
    pass


def is_admin_path(path: str) -> bool:
    """True for ``/admin`` and everything under ``/admin/``."""
    return path == "/admin" or path.startswith("/admin/")


class AdminGuard:
    """Sessions, CSRF and security headers for ``/admin``; other paths pass untouched."""

    def __init__(self, app: ASGIApp, *, trusted_proxies: str = "", site_url: str = "") -> None:
        self.app = app
        self.trusted = TrustedProxies.parse(trusted_proxies)
        site = urlsplit(site_url)
        self.site_origin = f"{site.scheme}://{site.netloc}".lower() if site.netloc else ""
        self.secure = site.scheme == "https"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_admin_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        cookies = cookie_parser(headers.get("cookie", ""))
        context = AdminContext(
            client_address=client_address(scope, self.trusted), secure_cookies=self.secure
        )
        presession = cookies.get(PRESESSION_COOKIE, "")
        if 20 <= len(presession) <= 100:
            context.presession = presession
        scope[SCOPE_KEY] = context
        started = False
        with_headers = self._with_headers(send, context)

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await with_headers(message)

        try:
            await self._guard(scope, receive, tracked, headers, cookies, context)
        except Exception:
            # Answered here rather than by Starlette's error middleware (outside this one, and
            # behind the response cache, which would drop the half-made answer): with the
            # admin's headers, and no detail of the error, which goes to the log.
            logger.exception("error in %s %s", scope["method"], scope["path"])
            if started:
                raise
            await tracked({"type": "http.response.start", "status": 500, "headers": _PLAIN_TEXT})
            await tracked({"type": "http.response.body", "body": b"Something went wrong."})

    async def _guard(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        headers: Headers,
        cookies: dict[str, str],
        context: AdminContext,
    ) -> None:
        method = scope["method"]
        token = cookies.get(SESSION_COOKIE)
        if token and not (method in _SAFE_METHODS and scope["path"].startswith(_STATIC)):
            context.current = await self._resolve(scope, token)
        if method in _SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        if self._cross_site(headers):
            await _refuse(scope, receive, send, CROSS_SITE)
            return
        expected = self._expected_tokens(scope["path"], context)
        if not expected:  # no session and no pre-session cookie: no token can be right
            await _refuse(scope, receive, send, STALE_FORM)
            return
        try:
            sent, receive = await _sent_token(scope, receive, headers)
        except _TooLarge:
            response = JSONResponse({"error": "The request is too large."}, status_code=413)
            await response(scope, receive, send)
            return
        if not any(hmac.compare_digest(sent.encode(), want.encode()) for want in expected):
            await _refuse(scope, receive, send, STALE_FORM)
            return
        await self.app(scope, receive, send)

    async def _resolve(self, scope: Scope, token: str) -> sessions.Current | None:
        database = scope["app"].state.database
        async with database.session() as session:
            current = await sessions.lookup(session, token)
        if current is not None and sessions.needs_touch(current):
            async with database.session(write=True) as session:
                await sessions.touch(session, current.staff.session_id)
        return current

    def _cross_site(self, headers: Headers) -> bool:
        if headers.get("sec-fetch-site", "").lower() == "cross-site":
            return True
        origin = headers.get("origin")
        if origin is None:
            return False
        origin = origin.strip().lower()
        if origin == self.site_origin:
            return False
        host = headers.get("host", "").lower()
        return not host or origin not in (f"http://{host}", f"https://{host}")

    def _expected_tokens(self, path: str, context: AdminContext) -> list[str]:
        # Signed in: the session's token. The pre-session token (the sign-in form's) only
        # without a session, or for the forms one fills before signing in.
        expected: list[str] = []
        if context.current is not None:
            expected.append(context.current.csrf_token)
        if context.presession and (context.current is None or path.startswith(_ANONYMOUS_FORMS)):
            expected.append(context.presession)
        return expected

    def _with_headers(self, send: Send, context: AdminContext) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _REPLACED]
                kept += SECURITY_HEADERS
                if context.new_presession:
                    kept.append((b"set-cookie", self._presession_cookie(context.new_presession)))
                message = {**message, "headers": kept}
            await send(message)

        return send_with_headers

    def _presession_cookie(self, value: str) -> bytes:
        cookie: SimpleCookie = SimpleCookie()
        cookie[PRESESSION_COOKIE] = value
        morsel = cookie[PRESESSION_COOKIE]
        morsel["path"] = "/admin"
        morsel["httponly"] = True
        morsel["samesite"] = "Lax"
        if self.secure:
            morsel["secure"] = True
        return morsel.OutputString().encode("latin-1")


async def _sent_token(scope: Scope, receive: Receive, headers: Headers) -> tuple[str, Receive]:
    """The token the request sent (header first, else the form field), and a ``receive``
    that replays the body for the application when it had to be read."""
    sent = headers.get("x-csrf-token", "")
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if sent or content_type not in _FORM_TYPES:
        return sent, receive
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        size += len(message.get("body", b""))
        if size > MAX_FORM_BYTES:
            raise _TooLarge
        if message["type"] != "http.request" or not message.get("more_body", False):
            break
    replay = _replaying(messages, receive)
    if content_type == "application/x-www-form-urlencoded":
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")
        values = parse_qs(body.decode("latin-1"), max_num_fields=1000).get(CSRF_FIELD, [""])
        return values[0], replay
    request = Request(scope, _replaying(messages, receive))
    try:
        form = await request.form()
    except Exception:  # noqa: BLE001 - a malformed body has no token; the app reports the rest
        return "", replay
    value = form.get(CSRF_FIELD)
    await form.close()
    return (value if isinstance(value, str) else ""), replay


def _replaying(messages: list[Message], receive: Receive) -> Callable[[], Awaitable[Message]]:
    queue = list(messages)

    async def replay() -> Message:
        if queue:
            return queue.pop(0)
        return await receive()

    return replay


async def _refuse(scope: Scope, receive: Receive, send: Send, message: str) -> None:
    request = Request(scope, receive)
    accept = request.headers.get("accept", "")
    response: Response
    if "text/html" in accept and "x-csrf-token" not in request.headers:
        from inkwell.accounts import pages

        response = pages.message_page(request, "Request refused", message, status_code=403)
    else:
        response = JSONResponse({"error": message}, status_code=403)
    await response(scope, receive, send)
