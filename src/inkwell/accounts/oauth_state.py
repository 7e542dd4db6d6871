"""The sign-in in flight, kept in the browser: a short-lived signed cookie, not a server row.

Between the start of a sign-in and the provider's callback the site must remember the
``state`` (against forged callbacks), the ``nonce`` (against replayed ID tokens), the PKCE
verifier, and where to go afterwards. They travel in one cookie scoped to ``/comments/auth``,
signed with itsdangerous using the provider's client secret (stable across workers, known to
no one else) and refused after ``MAX_AGE``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "inkwell_oauth"
PATH = "/comments/auth"
MAX_AGE_SECONDS = 10 * 60
_SALT = "inkwell.accounts.reader-oauth"


@dataclass(frozen=True)
class InFlight:
    """One sign-in between its start and the provider's callback."""

    provider: str
    state: str
    nonce: str
    verifier: str
    return_to: str
    origin: str = ""
    """The opener's origin when the widget opened sign-in in a popup ("" otherwise)."""


class StateRefused(Exception):
    """The cookie is missing, forged, expired or for another provider."""


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


def dump(flight: InFlight, secret: str) -> str:
    """The cookie value for ``flight``."""
    return _serializer(secret).dumps(asdict(flight))


def load(value: str | None, secret: str, provider: str) -> InFlight:
    """The sign-in in ``value``; raises StateRefused when it cannot be trusted."""
    if not value or len(value) > 4096:
        raise StateRefused("no sign-in is in progress in this browser")
    try:
        data = _serializer(secret).loads(value, max_age=MAX_AGE_SECONDS)
        flight = InFlight(**data)
    except (BadSignature, TypeError) as exc:
        raise StateRefused("the sign-in in progress expired or was altered") from exc
    if flight.provider != provider:
        raise StateRefused("the sign-in in progress was with another provider")
    return flight
