"""The response store: LRU within a byte budget."""

from __future__ import annotations

from inkwell.core.http.cache import CachedResponse, ResponseCache


def entry(size: int) -> CachedResponse:
    return CachedResponse.build(200, [(b"content-type", b"text/html")], b"x" * size, True)


def test_get_returns_what_was_put() -> None:
    cache = ResponseCache(budget=10_000)
    stored = entry(100)
    cache.put("/a", stored)
    assert cache.get("/a") is stored


def test_least_recently_used_goes_first() -> None:
    cache = ResponseCache(budget=1_200)
    cache.put("/a", entry(300))
    cache.put("/b", entry(300))
    cache.get("/a")
    cache.put("/c", entry(300))
    assert cache.get("/b") is None
    assert cache.get("/a") is not None and cache.get("/c") is not None
    assert cache.used <= cache.budget


def test_an_entry_bigger_than_the_budget_is_not_kept() -> None:
    cache = ResponseCache(budget=500)
    cache.put("/big", entry(5_000))
    assert len(cache) == 0 and cache.used == 0


def test_compressed_variants_count_against_the_budget() -> None:
    cache = ResponseCache(budget=100_000)
    stored = entry(20_000)
    cache.put("/a", stored)
    before = cache.used
    stored.body_for("gzip")
    cache.resize("/a")
    assert cache.used > before


def test_etags_differ_per_encoding_and_body() -> None:
    one, two = entry(10), entry(11)
    assert one.etag("identity") != one.etag("gzip")
    assert one.etag("identity") != two.etag("identity")
    assert one.etag("identity").startswith('"') and not one.etag("br").startswith("W/")


def test_clear_empties_everything() -> None:
    cache = ResponseCache(budget=10_000)
    cache.put("/a", entry(10))
    cache.clear()
    assert (len(cache), cache.used) == (0, 0)
