"""The sign-in providers the operator configured (from settings), without talking to them.

GitHub is plain OAuth 2 (its user API says who signed in); Google and the generic provider are
OpenID Connect, found through their issuer's discovery document. Every base URL comes from
settings, so a test (or GitHub Enterprise) can point them elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from inkwell.settings import Settings

START = "/comments/auth/{key}/start"
CALLBACK = "/comments/auth/{key}/callback"


@dataclass(frozen=True)
class ProviderInfo:
    """A provider as the sign-in page lists it."""

    key: str
    name: str
    start_url: str


@dataclass(frozen=True)
class Provider:
    """How to sign in with one provider. ``issuer`` is set for OpenID Connect ones."""

    key: str
    name: str
    client_id: str
    client_secret: str = field(repr=False)
    issuer: str = ""
    authorize_url: str = ""
    token_url: str = ""
    api_url: str = ""
    scope: str = "openid email profile"

    @property
    def is_oidc(self) -> bool:
        """True for OpenID Connect providers (an ID token to check, a nonce)."""
        return bool(self.issuer)

    def callback_url(self, site_url: str) -> str:
        """Where the provider sends the browser back (registered with the provider)."""
        return site_url + CALLBACK.format(key=self.key)


def configured(settings: Settings) -> dict[str, Provider]:
    """The providers whose client id and secret (and issuer, for OIDC) are set, by key."""
    found: dict[str, Provider] = {}
    if settings.oauth_github_client_id and settings.oauth_github_client_secret:
        base = settings.oauth_github_base_url.rstrip("/")
        found["github"] = Provider(
            key="github",
            name="GitHub",
            client_id=settings.oauth_github_client_id,
            client_secret=settings.oauth_github_client_secret,
            authorize_url=f"{base}/login/oauth/authorize",
            token_url=f"{base}/login/oauth/access_token",
            api_url=settings.oauth_github_api_url.rstrip("/"),
            scope="read:user user:email",
        )
    if settings.oauth_google_client_id and settings.oauth_google_client_secret:
        found["google"] = Provider(
            key="google",
            name="Google",
            client_id=settings.oauth_google_client_id,
            client_secret=settings.oauth_google_client_secret,
            issuer=settings.oauth_google_issuer.rstrip("/"),
        )
    if settings.oidc_issuer and settings.oidc_client_id and settings.oidc_client_secret:
        found["oidc"] = Provider(
            key="oidc",
            name=settings.oidc_name or "OpenID",
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret,
            issuer=settings.oidc_issuer.rstrip("/"),
        )
    return found


def reader_providers(settings: Settings) -> list[ProviderInfo]:
    """The configured providers for the sign-in page: key, button name, start URL."""
    return [
        ProviderInfo(p.key, p.name, START.format(key=p.key)) for p in configured(settings).values()
    ]
