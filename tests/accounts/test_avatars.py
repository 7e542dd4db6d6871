"""Avatars drawn by the site: addresses that carry only what the picture shows, served as
immutable SVG documents that can run nothing; Gravatar only when asked for."""

from __future__ import annotations

import hashlib
from urllib.parse import unquote

import pytest
from httpx import AsyncClient
from lxml import etree

from inkwell.accounts.avatars import avatar_url, initials

SVG = "{http://www.w3.org/2000/svg}"


def test_an_email_gets_an_identicon_address_that_does_not_reveal_it() -> None:
    email = "maren@readers.example"
    url = avatar_url("Maren Holt", email, gravatar=False)
    assert url.startswith("/avatars/identicon/") and url.endswith(".svg")
    code = url.removeprefix("/avatars/identicon/").removesuffix(".svg")
    assert len(code) == 7  # hue and 15 pattern bits: no more than the picture shows
    assert "maren" not in url
    assert code not in hashlib.sha256(email.encode()).hexdigest()
    assert code not in hashlib.md5(email.encode()).hexdigest()


def test_the_same_email_always_gets_the_same_picture() -> None:
    first = avatar_url("Maren", " Maren@Readers.example ", gravatar=False)
    assert first == avatar_url("Someone else", "maren@readers.example", gravatar=False)


def test_a_name_alone_gets_its_initials() -> None:
    url = avatar_url("Ada Lovelace", None, gravatar=False)
    assert url.startswith("/avatars/initials/") and unquote(url).endswith("-AL.svg")


def test_initials_never_exceed_two_letters() -> None:
    assert initials("ßa ßb") == "SS"
    assert initials("  ") == "?"


def test_gravatar_is_used_only_when_turned_on() -> None:
    assert avatar_url("Ada", "ada@example.org", gravatar=True).startswith(
        "https://www.gravatar.com/avatar/"
    )
    assert "gravatar" not in avatar_url("Ada", "ada@example.org", gravatar=False)


@pytest.mark.parametrize(
    ("name", "email"),
    [("Maren Holt", "maren@readers.example"), ("Ada Lovelace", None), ("Zoë Ōkubo", None)],
)
async def test_each_address_is_served_as_an_immutable_svg(
    web: AsyncClient, name: str, email: str | None
) -> None:
    response = await web.get(avatar_url(name, email, gravatar=False))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "immutable" in response.headers["cache-control"]
    assert "default-src 'none'" in response.headers["content-security-policy"]
    root = etree.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert not root.xpath("//*[local-name()='script']")


async def test_initials_are_drawn_as_text(web: AsyncClient) -> None:
    response = await web.get(avatar_url("Zoë Ōkubo", None, gravatar=False))
    text = etree.fromstring(response.content).find(f".//{SVG}text")
    assert text is not None and text.text == "ZŌ"


@pytest.mark.parametrize(
    "path",
    [
        "/avatars/identicon/zzzzzzz.svg",
        "/avatars/identicon/0123456789ab.svg",
        "/avatars/identicon/0128fff.svg",  # pattern bits beyond the 15 drawn
        "/avatars/initials/123-abc.svg",
        "/avatars/initials/123-ab.svg",  # initials are upper case
        "/avatars/initials/123-%3Cs%3E.svg",
        "/avatars/gravatar/0123456.svg",
    ],
)
async def test_an_address_the_site_never_makes_is_not_found(web: AsyncClient, path: str) -> None:
    response = await web.get(path)
    assert response.status_code == 404
