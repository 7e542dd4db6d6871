"""Signing readers in with an OAuth provider: GitHub (OAuth 2 and its user API), Google and any
OpenID Connect provider (discovery, ID token checked with Authlib's JOSE library, joserfc).

Every sign-in uses PKCE (S256), a random ``state`` compared with the one kept in the browser's
signed cookie (``oauth_state``), and for OpenID Connect a ``nonce`` that the ID token must
carry. Every request to a provider goes through ``core.fetch``'s address guard (loopback and
private addresses only when ``INKWELL_FETCH_ALLOWED_HOSTS`` names them). No code, token or
secret is ever logged or put in an error message.
"""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from inkwell.accounts.oauth_state import InFlight
from inkwell.accounts.providers import Provider
from inkwell.accounts.readers import Identity
from inkwell.core.addresses import AddressRefused

MAX_ANSWER = 1024 * 1024
DISCOVERY_TTL = 3600.0
LEEWAY_SECONDS = 120
ID_TOKEN_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256", "EdDSA"]
# Google's ID tokens name their issuer with or without the scheme.
_ISSUER_ALIASES = {"https://accounts.google.com": ("accounts.google.com",)}
# The guarded client's transport talks to httpcore, whose errors are not httpx's; an address
# the guard refuses is one the provider cannot be reached at either.
_UNREACHABLE = (
    httpx.HTTPError,
    httpx.InvalidURL,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.TimeoutException,
    httpcore.UnsupportedProtocol,
    AddressRefused,
    OSError,
)


class ProviderFailed(Exception):
    """Sign-in with a provider did not succeed; ``status`` and ``title`` for the page shown."""

    def __init__(self, title: str, message: str, status: int) -> None:
        super().__init__(message)
        self.title = title
        self.message = message
        self.status = status


def denied(provider: Provider) -> ProviderFailed:
    """The reader said no on the provider's consent page."""
    return ProviderFailed(
        "Sign-in cancelled",
        f"You did not allow {provider.name} to tell us who you are, so you are not signed in.",
        403,
    )


def unreachable(provider: Provider) -> ProviderFailed:
    """The provider did not answer (or answered nonsense)."""
    return ProviderFailed(
        "Provider unavailable",
        f"{provider.name} could not be reached or gave an answer we cannot use. "
        "Try again in a moment.",
        502,
    )


def refused(provider: Provider, why: str) -> ProviderFailed:
    """The provider's answer failed a check (an ID token not for us, no verified identity)."""
    return ProviderFailed("Sign-in failed", f"Signing in with {provider.name} failed: {why}.", 400)


@dataclass(frozen=True)
class Discovery:
    """The parts of an OpenID provider's discovery document a sign-in needs."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str
    auth_methods: tuple[str, ...]


_discovered: dict[str, tuple[float, Discovery]] = {}
_key_sets: dict[str, tuple[float, KeySet]] = {}


def new_flight(provider: Provider, return_to: str, origin: str = "") -> InFlight:
    """Fresh random ``state``, ``nonce`` and PKCE verifier for one sign-in."""
    return InFlight(
        provider=provider.key,
        state=generate_token(32),
        nonce=generate_token(32),
        verifier=generate_token(64),
        return_to=return_to,
        origin=origin,
    )


async def _json(http: httpx.AsyncClient, provider: Provider, request: httpx.Request) -> Any:
    try:
        response = await http.send(request)
    except _UNREACHABLE as exc:
        raise unreachable(provider) from exc
    if response.status_code >= 500 or len(response.content) > MAX_ANSWER:
        raise unreachable(provider)
    try:
        return response.json(), response.status_code
    except ValueError as exc:
        raise unreachable(provider) from exc


async def discover(http: httpx.AsyncClient, provider: Provider) -> Discovery:
    """The provider's discovery document (remembered for an hour)."""
    cached = _discovered.get(provider.issuer)
    if cached is not None and time.monotonic() - cached[0] < DISCOVERY_TTL:
        return cached[1]
    url = provider.issuer + "/.well-known/openid-configuration"
    document, status = await _json(http, provider, http.build_request("GET", url))
    if status != 200 or not isinstance(document, dict):
        raise unreachable(provider)
    try:
        found = Discovery(
            issuer=str(document["issuer"]).rstrip("/"),
            authorization_endpoint=str(document["authorization_endpoint"]),
            token_endpoint=str(document["token_endpoint"]),
            jwks_uri=str(document["jwks_uri"]),
            userinfo_endpoint=str(document.get("userinfo_endpoint") or ""),
            auth_methods=tuple(
                document.get("token_endpoint_auth_methods_supported") or ("client_secret_basic",)
            ),
        )
    except KeyError as exc:
        raise unreachable(provider) from exc
    if found.issuer != provider.issuer:
        raise refused(provider, "its discovery document names another issuer")
    _discovered[provider.issuer] = (time.monotonic(), found)
    return found


async def authorization_url(
    http: httpx.AsyncClient, provider: Provider, flight: InFlight, *, site_url: str
) -> str:
    """Where to send the browser to sign in with ``provider`` (PKCE, state, nonce)."""
    extra: dict[str, str] = {}
    if provider.is_oidc:
        endpoint = (await discover(http, provider)).authorization_endpoint
        extra["nonce"] = flight.nonce
    else:
        endpoint = provider.authorize_url
        extra["allow_signup"] = "true"
    return str(
        prepare_grant_uri(
            endpoint,
            provider.client_id,
            "code",
            redirect_uri=provider.callback_url(site_url),
            scope=provider.scope,
            state=flight.state,
            code_challenge=create_s256_code_challenge(flight.verifier),
            code_challenge_method="S256",
            **extra,
        )
    )


def state_matches(flight: InFlight, sent: str | None) -> bool:
    """True when the callback's ``state`` is the one this browser's sign-in started with."""
    return bool(sent) and hmac.compare_digest(flight.state.encode(), (sent or "").encode())


async def _token(
    http: httpx.AsyncClient,
    provider: Provider,
    url: str,
    flight: InFlight,
    code: str,
    *,
    site_url: str,
    basic: bool,
) -> dict[str, Any]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": provider.callback_url(site_url),
        "code_verifier": flight.verifier,
        "client_id": provider.client_id,
    }
    auth = None
    if basic:
        auth = httpx.BasicAuth(provider.client_id, provider.client_secret)
    else:
        form["client_secret"] = provider.client_secret
    request = http.build_request("POST", url, data=form, headers={"Accept": "application/json"})
    if auth is not None:
        request = next(auth.auth_flow(request))
    answer, status = await _json(http, provider, request)
    if not isinstance(answer, dict) or "error" in answer or status != 200:
        raise refused(provider, "the sign-in code was not accepted (it may have expired)")
    if not isinstance(answer.get("access_token"), str):
        raise refused(provider, "no access token came back")
    return answer


async def identity(
    http: httpx.AsyncClient, provider: Provider, flight: InFlight, code: str, *, site_url: str
) -> Identity:
    """Exchange the callback's ``code`` and learn who signed in (state already checked)."""
    if provider.is_oidc:
        return await _oidc_identity(http, provider, flight, code, site_url=site_url)
    return await _github_identity(http, provider, flight, code, site_url=site_url)


async def _key_set(http: httpx.AsyncClient, provider: Provider, uri: str, *, fresh: bool) -> KeySet:
    cached = _key_sets.get(uri)
    if cached is not None and not fresh and time.monotonic() - cached[0] < DISCOVERY_TTL:
        return cached[1]
    document, status = await _json(http, provider, http.build_request("GET", uri))
    if status != 200 or not isinstance(document, dict):
        raise unreachable(provider)
    try:
        keys = KeySet.import_key_set(document)  # type: ignore[arg-type]
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise unreachable(provider) from exc
    _key_sets[uri] = (time.monotonic(), keys)
    return keys


async def _verified_claims(
    http: httpx.AsyncClient, provider: Provider, found: Discovery, id_token: str, nonce: str
) -> dict[str, Any]:
    try:
        keys = await _key_set(http, provider, found.jwks_uri, fresh=False)
        try:
            token = jwt.decode(id_token, keys, algorithms=ID_TOKEN_ALGORITHMS)
        except JoseError:
            # The provider may have rotated its keys since we last read them: read them again.
            keys = await _key_set(http, provider, found.jwks_uri, fresh=True)
            token = jwt.decode(id_token, keys, algorithms=ID_TOKEN_ALGORITHMS)
        issuers = [provider.issuer, *_ISSUER_ALIASES.get(provider.issuer, ())]
        registry = jwt.JWTClaimsRegistry(
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "values": issuers},
            aud={"essential": True, "value": provider.client_id},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        registry.validate(token.claims)
    except JoseError as exc:
        raise refused(provider, "its ID token did not pass the checks") from exc
    claims = dict(token.claims)
    audience = claims.get("aud")
    if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != provider.client_id:
        raise refused(provider, "its ID token was issued to another application")
    return claims


async def _oidc_identity(
    http: httpx.AsyncClient, provider: Provider, flight: InFlight, code: str, *, site_url: str
) -> Identity:
    found = await discover(http, provider)
    basic = "client_secret_basic" in found.auth_methods or not found.auth_methods
    answer = await _token(
        http, provider, found.token_endpoint, flight, code, site_url=site_url, basic=basic
    )
    id_token = answer.get("id_token")
    if not isinstance(id_token, str):
        raise refused(provider, "no ID token came back")
    claims = await _verified_claims(http, provider, found, id_token, flight.nonce)
    if not claims.get("email") and found.userinfo_endpoint:
        claims = {**await _userinfo(http, provider, found, answer["access_token"]), **claims}
    email = claims.get("email") if isinstance(claims.get("email"), str) else None
    name = next(
        (str(claims[k]) for k in ("name", "preferred_username", "nickname") if claims.get(k)), ""
    )
    return Identity(
        provider=provider.key,
        subject=str(claims["sub"]),
        name=name,
        email=email,
        email_verified=claims.get("email_verified") is True,
        website=_web_address(claims.get("website") or claims.get("profile")),
    )


async def _userinfo(
    http: httpx.AsyncClient, provider: Provider, found: Discovery, access_token: str
) -> dict[str, Any]:
    request = http.build_request(
        "GET", found.userinfo_endpoint, headers={"Authorization": f"Bearer {access_token}"}
    )
    document, status = await _json(http, provider, request)
    if status != 200 or not isinstance(document, dict):
        return {}
    # Only what the ID token lacks; "sub" must be the ID token's (checked by the caller's merge).
    return {k: v for k, v in document.items() if k in ("email", "email_verified", "name")}


async def _github_identity(
    http: httpx.AsyncClient, provider: Provider, flight: InFlight, code: str, *, site_url: str
) -> Identity:
    answer = await _token(
        http, provider, provider.token_url, flight, code, site_url=site_url, basic=False
    )
    headers = {
        "Authorization": f"Bearer {answer['access_token']}",
        "Accept": "application/vnd.github+json",
    }
    user, status = await _json(
        http, provider, http.build_request("GET", provider.api_url + "/user", headers=headers)
    )
    if status != 200 or not isinstance(user, dict) or "id" not in user:
        raise refused(provider, "it did not say who you are")
    emails, status = await _json(
        http,
        provider,
        http.build_request("GET", provider.api_url + "/user/emails", headers=headers),
    )
    email = None
    if status == 200 and isinstance(emails, list):
        email = next(
            (
                str(e["email"])
                for e in emails
                if isinstance(e, dict) and e.get("primary") and e.get("verified") and e.get("email")
            ),
            None,
        )
    return Identity(
        provider="github",
        subject=str(user["id"]),
        name=str(user.get("name") or user.get("login") or ""),
        email=email,
        email_verified=email is not None,
        website=_web_address(user.get("blog") or user.get("html_url")),
    )


def _web_address(value: object) -> str | None:
    """``value`` when it is an http(s) address (a profile's website), else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value and "://" not in value and "." in value and " " not in value:
        value = "https://" + value
    return value if value.startswith(("https://", "http://")) and len(value) <= 500 else None
