"""What ``inkwell serve`` writes to its log: the owner's first password once (the first-start
line), and no session cookie, reset, invitation or preview token, with the access log on."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.e2e.conftest import _free_port, _serving, _site_env

pytestmark = pytest.mark.e2e

SECRET = "Zq7secretTokenThatMustNotBeLogged"


def _get(opener: urllib.request.OpenerDirector, url: str | urllib.request.Request) -> str:
    try:
        with opener.open(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8"))


def test_secrets_stay_out_of_the_servers_log(tmp_path: Path) -> None:
    env = _site_env(tmp_path, _free_port())
    env["INKWELL_LOG_LEVEL"] = "info"  # the access log is on at info
    env["INKWELL_OWNER_EMAIL"] = "owner@log.example"
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with _serving(tmp_path, env) as base:
        log = (tmp_path / "server.log").read_text()
        found = re.search(r"with password: (\S+)", log)
        assert found, log
        password = found.group(1)
        form = _get(opener, base + "/admin/signin")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token
        fields = {"email": env["INKWELL_OWNER_EMAIL"], "password": password}
        fields["csrf_token"] = token.group(1)
        data = urllib.parse.urlencode(fields).encode()
        assert "Dashboard" in _get(opener, urllib.request.Request(base + "/admin/signin", data))
        for path in (f"/admin/reset/{SECRET}", f"/admin/invite/{SECRET}", f"/p/{SECRET}/"):
            _get(opener, base + path)
        _get(opener, base + "/admin/")
    log = (tmp_path / "server.log").read_text()
    assert "GET /admin/ HTTP" in log  # the access log did write lines
    assert log.count(password) == 1, "the first password is printed once, never logged"
    assert SECRET not in log
    # The staff marker ("1") carries no secret: it only tells analytics to leave staff out.
    cookies = [c.value for c in jar if c.name != "inkwell_staff"]
    assert len(cookies) >= 2  # the pre-session cookie and the session's
    for value in cookies:
        assert value not in log
