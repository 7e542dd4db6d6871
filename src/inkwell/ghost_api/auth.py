"""Who calls the Ghost APIs: FastAPI dependencies that authenticate as Ghost does.

- ``ContentKeyDep``: the Content API key in ``?key=``. None → 403 ``NoPermissionError``
  ("Authorization failed"); two → 400; unknown → 401 ``UNKNOWN_CONTENT_API_KEY``; an Admin
  secret → 401 ``INVALID_API_KEY_TYPE``.
- ``AdminCallerDep``: ``Authorization: Ghost <jwt>``, an HS256 token signed with the Admin API
  key's hex-decoded secret, ``kid`` naming the key, ``aud`` ``/admin/`` (or the versioned
  ``/v2|v3|v4|canary/admin/`` for a versioned URL), at most five minutes old, no clock
  tolerance; or, without that header, the admin's session cookie from a request whose
  ``Origin`` (else ``Referer``) is the site's own.

Messages and codes are Ghost's (``ghost/core/.../auth/api-key/*.js``), the JWT messages those of
the ``jsonwebtoken`` package Ghost uses, so a client that reads them sees what Ghost says. No
error carries the key, the secret or the token.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

import jwt
from fastapi import Depends, Request

from inkwell.accounts import service as accounts
from inkwell.accounts import web as accounts_web
from inkwell.core.deps import SessionDep
from inkwell.ghost_api import integrations
from inkwell.ghost_api.errors import BadRequestError, NoPermissionError, UnauthorizedError

MAX_AGE_SECONDS = 5 * 60
AUTH_FAILED = "Authorization failed"
NO_CONTENT_CALLER = (
    "Unable to determine the authenticated member or integration. Check the supplied Content "
    "API Key and ensure cookies are being passed through if member auth is failing."
)
NO_ADMIN_CALLER = (
    "Unable to determine the authenticated user or integration. Check that cookies are being "
    "passed through if using session authentication."
)
NOT_PERMITTED = "You do not have permission to perform this action"
_LEGACY_VERSION = re.compile(r"^/ghost/api/(v2|v3|v4|canary)/admin(?:/|$)")

# What an integration's Admin API key may do: Ghost's "Admin Integration" role, content work
# without the site's settings, staff management or ownership.
INTEGRATION_PERMISSIONS = frozenset(
    {
        "posts.create",
        "posts.edit",
        "posts.publish",
        "posts.delete",
        "pages.manage",
        "tags.manage",
        "tags.create",
        "media.upload",
        "staff.view",
    }
)


@dataclass(frozen=True)
class ApiCaller:
    """Who is calling: an integration (by one of its keys) or a signed-in staff member."""

    integration_id: str | None
    staff: accounts.Staff | None
    api_key_id: str | None = None

    @property
    def cache_tag(self) -> str | None:
        """The tag of answers cached for this caller's key (``api-key:<id>``), if any."""
        return integrations.cache_tag(self.api_key_id) if self.api_key_id else None

    def may(self, permission: str, *, post: Any = None) -> bool:
        """True when the caller may do ``permission`` (one of ``accounts.service.PERMISSIONS``)."""
        if self.staff is not None:
            return accounts.can(self.staff, permission, post=post)
        if permission not in accounts.PERMISSIONS:
            raise ValueError(f"unknown permission {permission!r}")
        return self.integration_id is not None and permission in INTEGRATION_PERMISSIONS

    def require(self, permission: str, *, post: Any = None) -> None:
        """Raise Ghost's 403 ``NoPermissionError`` unless the caller may do ``permission``."""
        if not self.may(permission, post=post):
            raise NoPermissionError(NOT_PERMITTED)


async def content_caller(request: Request, session: SessionDep) -> ApiCaller:
    """The integration whose Content API key the request's ``?key=`` holds."""
    sent = request.query_params.getlist("key")
    if len(sent) > 1:
        raise BadRequestError("Invalid Request", code="INVALID_REQUEST")
    if not sent or not sent[0]:
        raise NoPermissionError(AUTH_FAILED, context=NO_CONTENT_CALLER)
    key = await integrations.api_key_by_secret(session, sent[0])
    if key is None:
        raise UnauthorizedError("Unknown Content API Key", code="UNKNOWN_CONTENT_API_KEY")
    if key.type != "content":
        raise UnauthorizedError("Invalid API Key type", code="INVALID_API_KEY_TYPE")
    return ApiCaller(integration_id=key.integration_id, staff=None, api_key_id=key.id)


async def admin_caller(request: Request, session: SessionDep) -> ApiCaller:
    """The integration whose Admin API token the request carries, else the signed-in staff."""
    header = request.headers.get("authorization")
    if header:
        return await _token_caller(session, request.url.path, header)
    if accounts_web.SESSION_COOKIE in request.cookies:
        _check_origin(request)
        staff = await accounts_web.session_staff(request)
        if staff is not None:
            return ApiCaller(integration_id=None, staff=staff)
    raise NoPermissionError(AUTH_FAILED, context=NO_ADMIN_CALLER)


ContentKeyDep = Annotated[ApiCaller, Depends(content_caller)]
"""The Content API's caller (an integration), for a route under ``/ghost/api/content/``."""

AdminCallerDep = Annotated[ApiCaller, Depends(admin_caller)]
"""The Admin API's caller (an integration or a staff member), for ``/ghost/api/admin/``."""


def _invalid(message: str) -> UnauthorizedError:
    return UnauthorizedError(f"Invalid token: {message}", code="INVALID_JWT")


async def _token_caller(session: SessionDep, path: str, header: str) -> ApiCaller:
    scheme, _, rest = header.partition(" ")
    token = rest.split(" ", 1)[0]
    if scheme.lower() != "ghost" or not token:
        raise UnauthorizedError(
            'Authorization header format is "Authorization: Ghost [token]"',
            code="INVALID_AUTH_HEADER",
        )
    try:
        key_id = jwt.get_unverified_header(token).get("kid")
    except jwt.InvalidTokenError:
        raise BadRequestError("Invalid token", code="INVALID_JWT") from None
    if not key_id:
        raise BadRequestError("Admin API kid missing.", code="MISSING_ADMIN_API_KID")
    key = await integrations.api_key_by_id(session, str(key_id))
    if key is None:
        raise UnauthorizedError("Unknown Admin API Key", code="UNKNOWN_ADMIN_API_KEY")
    if key.type != "admin":
        raise UnauthorizedError("Invalid API Key type", code="INVALID_API_KEY_TYPE")
    try:
        secret = bytes.fromhex(key.secret)
    except ValueError:
        # A stored secret that is not hex (copied in by hand) signs nothing.
        raise _invalid("invalid signature") from None
    claims = _verified_claims(token, secret)
    _check_audience(claims, path)
    _check_age(claims)
    return ApiCaller(integration_id=key.integration_id, staff=None, api_key_id=key.id)


def _verified_claims(token: str, secret: bytes) -> dict[str, Any]:
    # PyJWT checks the algorithm, the signature, ``exp`` and ``nbf`` (no leeway, as Ghost);
    # ``iat`` is checked below as Ghost's maxAge does (a token from a clock a little ahead is
    # fine), and the audience by pattern, which PyJWT does not do.
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            options={"verify_aud": False, "verify_iat": False},
        )
    except jwt.InvalidAlgorithmError:
        raise _invalid("invalid algorithm") from None
    except jwt.InvalidSignatureError:
        raise _invalid("invalid signature") from None
    except jwt.ExpiredSignatureError:
        raise _invalid("jwt expired") from None
    except jwt.ImmatureSignatureError:
        raise _invalid("jwt not active") from None
    except jwt.DecodeError:
        raise _invalid("jwt malformed") from None
    except jwt.InvalidTokenError as exc:
        raise _invalid(_claim_problem(exc)) from None
    except (ValueError, OverflowError, TypeError):
        raise _invalid("jwt malformed") from None  # e.g. ``exp: Infinity`` in a signed token
    return claims


def _claim_problem(exc: jwt.InvalidTokenError) -> str:
    # PyJWT's wording for a claim of the wrong type, e.g. "exp must be an integer": no secret
    # or token is in it.
    text = str(exc)
    return text[:1].lower() + text[1:] if text else "invalid token"


def _check_audience(claims: dict[str, Any], path: str) -> None:
    legacy = _LEGACY_VERSION.match(path)
    pattern = rf"/?{legacy.group(1)}/admin/?$" if legacy else r"/?admin/?$"
    audiences = claims.get("aud")
    targets = audiences if isinstance(audiences, list) else [audiences]
    if not any(re.search(pattern, _js_string(target)) for target in targets):
        raise _invalid(f"jwt audience invalid. expected: /{pattern.replace('/', chr(92) + '/')}/")


def _js_string(value: Any) -> str:
    # The audience test stringifies what it is given, as JavaScript's RegExp.test does.
    if value is None:
        return "undefined"
    return value if isinstance(value, str) else str(value)


def _check_age(claims: dict[str, Any]) -> None:
    issued = claims.get("iat")
    if not isinstance(issued, int | float) or isinstance(issued, bool) or not math.isfinite(issued):
        raise _invalid("iat required when maxAge is specified")
    if math.floor(time.time()) >= issued + MAX_AGE_SECONDS:
        raise _invalid("maxAge exceeded")
    expires = claims.get("exp")
    if isinstance(expires, int | float) and expires - issued > MAX_AGE_SECONDS:
        # Ghost's documented rule for Admin API tokens: they live five minutes at most.
        raise _invalid("exp must be no more than 5 minutes after iat")


def _request_origin(request: Request, site_url: str) -> str | None:
    origin = request.headers.get("origin")
    if origin == "null":
        return None
    if origin:
        return origin
    referrer = request.headers.get("referer") or site_url
    parts = urlsplit(referrer)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def _check_origin(request: Request) -> None:
    # Ghost refuses a session-authenticated request from any other origin than the admin's:
    # a page elsewhere cannot use a signed-in browser's cookie (no-cors form posts).
    site_url = request.app.state.settings.site_url
    site = urlsplit(site_url)
    expected = f"{site.scheme}://{site.netloc}"
    origin = _request_origin(request, site_url)
    if origin is None or origin.lower() != expected.lower():
        raise BadRequestError(
            f"Request made from incorrect origin. Expected '{expected}' received '{origin}'."
        )
