"""Per-address and per-identity rate limits (stored in the database: they hold across web
workers), the client's address as ``INKWELL_TRUSTED_PROXIES`` defines it, and addresses kept
only as salted hashes, in comments and in the rate-limit table alike."""

from __future__ import annotations

import hashlib

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import service, spam
from inkwell.comments.models import Comment
from inkwell.comments.settings import secret
from inkwell.content.service import Post
from inkwell.core import ratelimit
from inkwell.core.db import Database
from inkwell.core.ratelimit import RateLimitHit
from tests.comments.conftest import OpenApi, guest, signed_in, submit

pytestmark = pytest.mark.usefixtures("open_rules")
ASGI_PEER = "127.0.0.1"  # httpx's ASGI transport connects from here


async def _stored(session: AsyncSession) -> int:
    query = select(func.count()).select_from(Comment)
    return int((await session.execute(query)).scalar_one())


def _body(post: Post, number: int, **fields: str) -> dict[str, str]:
    return {"post_id": post.id, "body": f"Comment number {number}.", "name": "Ada", **fields}


async def _address_hash(database: Database) -> str | None:
    async with database.session() as session:
        return (await session.execute(select(Comment.address_hash))).scalar_one()


async def _salted(database: Database, address: str) -> str | None:
    async with database.session() as session:
        return spam.address_hash(address, await secret(session))


# --- the limits, by the service -------------------------------------------------------------


async def test_the_per_address_limit_refuses_the_next_comment(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(per_address_per_hour=2)
    for number, email in enumerate(["a@x.org", "b@x.org"]):
        await submit(session, post, f"Words {number}", commenter=guest(email=email))
    with pytest.raises(service.TooManyComments) as caught:
        await submit(session, post, "Words 3", commenter=guest(email="c@x.org"))
    assert caught.value.status == 429 and caught.value.retry_after > 0
    assert caught.value.message.startswith("Too many comments in an hour; try again in ")
    assert await _stored(session) == 2


async def test_the_per_identity_limit_follows_an_email_across_addresses(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(per_identity_per_hour=2, per_address_per_hour=100)
    ada = guest(email="ada@x.org")
    for number in range(2):
        await submit(session, post, f"Words {number}", commenter=ada, address=f"192.0.2.{number}")
    with pytest.raises(service.TooManyComments):
        await submit(session, post, "Words 3", commenter=ada, address="198.51.100.9")
    assert await _stored(session) == 2


async def test_the_per_identity_limit_follows_a_readers_account(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(per_identity_per_hour=1, per_address_per_hour=100)
    grace = await signed_in(session)
    await submit(session, post, "Words 1", commenter=grace, address="192.0.2.1")
    with pytest.raises(service.TooManyComments):
        await submit(session, post, "Words 2", commenter=grace, address="198.51.100.9")


async def test_another_address_and_identity_are_counted_apart(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(per_address_per_hour=1, per_identity_per_hour=1)
    await submit(session, post, "Words 1", commenter=guest(email="a@x.org"))
    other = await submit(
        session, post, "Words 2", commenter=guest(email="b@x.org"), address="198.51.100.9"
    )
    assert other.status == "approved"


async def test_a_refused_attempt_is_not_counted(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(per_address_per_hour=1)
    await submit(session, post, "Words 1")
    for _ in range(3):
        with pytest.raises(service.TooManyComments):
            await submit(session, post, "Words again")
    count = select(func.count()).select_from(RateLimitHit)
    assert (
        await session.execute(count.where(RateLimitHit.bucket == "comments.address"))
    ).scalar_one() == 1


# --- the limits, over HTTP ------------------------------------------------------------------


async def test_the_api_answers_429_with_retry_after_and_stores_nothing(
    api: AsyncClient, post: Post, configure, database: Database
) -> None:
    await configure(per_address_per_hour=1)
    assert (await api.post("/api/comments", json=_body(post, 1))).status_code == 201
    answer = await api.post("/api/comments", json=_body(post, 2, name="Bo"))
    assert answer.status_code == 429
    assert 3000 < int(answer.headers["retry-after"]) <= 3600
    [error] = answer.json()["errors"]
    assert error["message"] == "Too many comments in an hour; try again in 60 minutes."
    async with database.session() as session:
        assert await _stored(session) == 1


async def test_the_limit_holds_across_two_app_instances_on_one_database(
    open_api: OpenApi, post: Post, configure
) -> None:
    await configure(per_address_per_hour=2)
    async with open_api() as first, open_api() as second:
        assert (await first.post("/api/comments", json=_body(post, 1))).status_code == 201
        assert (await second.post("/api/comments", json=_body(post, 2))).status_code == 201
        assert (await first.post("/api/comments", json=_body(post, 3))).status_code == 429
        assert (await second.post("/api/comments", json=_body(post, 4))).status_code == 429


# --- the client's address -------------------------------------------------------------------


async def test_without_trusted_proxies_x_forwarded_for_is_ignored(
    api: AsyncClient, post: Post, database: Database
) -> None:
    headers = {"X-Forwarded-For": "203.0.113.5"}
    assert (await api.post("/api/comments", json=_body(post, 1), headers=headers)).is_success
    assert await _address_hash(database) == await _salted(database, ASGI_PEER)


async def test_without_trusted_proxies_a_forged_header_does_not_escape_the_limit(
    api: AsyncClient, post: Post, configure
) -> None:
    await configure(per_address_per_hour=1)
    first = {"X-Forwarded-For": "203.0.113.5"}
    assert (await api.post("/api/comments", json=_body(post, 1), headers=first)).is_success
    again = {"X-Forwarded-For": "203.0.113.6"}
    answer = await api.post("/api/comments", json=_body(post, 2, name="Bo"), headers=again)
    assert answer.status_code == 429


async def test_behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client(
    open_api: OpenApi, post: Post, database: Database
) -> None:
    # The client wrote the left-most entry itself: only the proxy's own addition is believed.
    headers = {"X-Forwarded-For": "10.9.9.9, 198.51.100.1, 203.0.113.5"}
    async with open_api(trusted_proxies=(ASGI_PEER,)) as http:
        assert (await http.post("/api/comments", json=_body(post, 1), headers=headers)).is_success
    assert await _address_hash(database) == await _salted(database, "203.0.113.5")


async def test_trusted_hops_are_skipped_from_the_right(
    open_api: OpenApi, post: Post, database: Database
) -> None:
    headers = {"X-Forwarded-For": "198.51.100.1, 203.0.113.5"}
    async with open_api(trusted_proxies=(ASGI_PEER, "203.0.113.0/24")) as http:
        assert (await http.post("/api/comments", json=_body(post, 1), headers=headers)).is_success
    assert await _address_hash(database) == await _salted(database, "198.51.100.1")


async def test_a_block_by_address_refuses_the_api_under_any_name(
    api: AsyncClient, post: Post, database: Database
) -> None:
    first = await api.post("/api/comments", json=_body(post, 1, email="a@x.org"))
    async with database.session() as session:
        await service.block(session, first.json()["id"], ["address"])
    answer = await api.post("/api/comments", json=_body(post, 2, name="Bo", email="b@x.org"))
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["message"] == "You can no longer comment on this site."
    async with database.session() as session:
        assert await _stored(session) == 1


# --- salted hashes --------------------------------------------------------------------------


async def test_a_comments_address_is_a_salted_hash_not_a_plain_digest(
    api: AsyncClient, post: Post, database: Database
) -> None:
    assert (await api.post("/api/comments", json=_body(post, 1))).is_success
    stored = await _address_hash(database)
    assert stored is not None and ASGI_PEER not in stored
    assert stored != hashlib.sha256(ASGI_PEER.encode()).hexdigest()


async def test_rate_limit_keys_are_salted_with_the_sites_secret(
    session: AsyncSession, post: Post
) -> None:
    await submit(session, post, commenter=guest(email="ada@example.org"))
    rows = (await session.execute(select(RateLimitHit.bucket, RateLimitHit.key_hash))).all()
    stored = dict(rows)
    identity = "email:ada@example.org"
    # Without the secret, trying every address (or a list of emails) finds nothing.
    assert stored["comments.identity"] != ratelimit.key_hash("comments.identity", identity)
    salt = await secret(session)
    assert stored["comments.identity"] == ratelimit.key_hash("comments.identity", identity, salt)
    assert "@" not in "".join(stored.values())


async def test_privacy_link_limit_keys_are_salted_too(api: AsyncClient, database: Database) -> None:
    answer = await api.post("/comments/privacy", data={"email": "ada@example.org"})
    assert answer.status_code == 200
    async with database.session() as session:
        stored = set((await session.execute(select(RateLimitHit.key_hash))).scalars())
    plain = {
        ratelimit.key_hash("comments.privacy.email", "ada@example.org"),
        ratelimit.key_hash("comments.privacy.client", ASGI_PEER),
    }
    assert len(stored) == 2 and not stored & plain
