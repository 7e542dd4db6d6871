"""A small GitHub-like OAuth provider on 127.0.0.1 for the tests (GitHub itself is external).

It speaks what Inkwell uses of GitHub: the authorize page (which signs in at once, or refuses
consent when told to), the token endpoint (checking the client secret, the code, the redirect
URI and the PKCE verifier), and the REST API's ``/user`` and ``/user/emails``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

CLIENT_ID = "gh-client-id"
CLIENT_SECRET = "gh-client-secret-never-logged"


@dataclass
class FakeGitHub:
    """The fake's state: codes given, tokens issued, and what the tests want it to do."""

    deny: bool = False
    emails: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {"email": "old@mail.example", "primary": False, "verified": True},
            {"email": "octo@mail.example", "primary": True, "verified": True},
        ]
    )
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    port: int = 0
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """Where it listens."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Listen on a free port in a thread of its own."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

            def do_GET(self) -> None:
                fake.get(self)

            def do_POST(self) -> None:
                fake.post(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self._server.server_address[1])
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def get(self, handler: BaseHTTPRequestHandler) -> None:
        """The authorize page and the API."""
        parts = urlsplit(handler.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/login/oauth/authorize":
            self._authorize(handler, query)
        elif parts.path in ("/user", "/user/emails"):
            bearer = handler.headers.get("Authorization", "").removeprefix("Bearer ")
            if bearer not in self.tokens:
                _send(handler, 401, {"message": "Bad credentials"})
            elif parts.path == "/user":
                user = {"id": 4242, "login": "octocat", "name": "Octo Cat", "blog": "octo.example"}
                _send(handler, 200, user)
            else:
                _send(handler, 200, self.emails)
        else:
            _send(handler, 404, {"message": "Not Found"})

    def _authorize(self, handler: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        back = query.get("redirect_uri", "")
        if self.deny:
            answer = {"error": "access_denied", "state": query.get("state", "")}
        else:
            code = secrets.token_hex(10)
            self.codes[code] = query
            answer = {"code": code, "state": query.get("state", "")}
        handler.send_response(302)
        handler.send_header("Location", f"{back}?{urlencode(answer)}")
        handler.end_headers()

    def post(self, handler: BaseHTTPRequestHandler) -> None:
        """The token endpoint (GitHub answers 200 with an ``error`` for a bad code)."""
        size = int(handler.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(handler.rfile.read(size).decode()).items()}
        self.token_requests.append(form)
        asked = self.codes.pop(form.get("code", ""), None)
        if (
            asked is None
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != asked.get("redirect_uri")
            or asked.get("code_challenge_method") != "S256"
            or _challenge(form.get("code_verifier", "")) != asked.get("code_challenge")
        ):
            _send(handler, 200, {"error": "bad_verification_code"})
            return
        token = "gho_" + secrets.token_hex(16)
        self.tokens.add(token)
        _send(handler, 200, {"access_token": token, "token_type": "bearer", "scope": "read:user"})


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _send(handler: BaseHTTPRequestHandler, status: int, body: Any) -> None:
    data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)
