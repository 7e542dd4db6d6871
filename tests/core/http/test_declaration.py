"""Routes opt into the shared cache with tags; requests it must not share cannot opt in."""

from __future__ import annotations

from starlette.types import Receive, Scope, Send

from inkwell.core.http.declaration import SCOPE_KEY, Cacheable, Declaration, cacheable


def test_a_declaration_collects_the_tags_of_every_call() -> None:
    found = Declaration()
    scope: Scope = {"type": "http", SCOPE_KEY: found}
    cacheable(scope, ["post:1"])
    cacheable(scope, ["settings"])
    assert found.tags == {"post:1", "settings"}


def test_nothing_declared_means_not_cacheable() -> None:
    assert Declaration().tags is None


def test_without_a_declaration_in_the_scope_cacheable_does_nothing() -> None:
    scope: Scope = {"type": "http"}
    cacheable(scope, ["post:1"])
    assert SCOPE_KEY not in scope


async def test_a_wrapped_app_declares_every_response() -> None:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        return None

    async def receive() -> dict[str, object]:
        return {}

    async def send(message: object) -> None:
        return None

    found = Declaration()
    await Cacheable(app, ["asset"])({"type": "http", SCOPE_KEY: found}, receive, send)
    assert found.tags == {"asset"}
