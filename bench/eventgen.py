"""Analytics events for the benchmark: Plausible Events API bodies and the wrk script posting them.

The bodies are made here, in Python (real JSON, seeded so every run sends the same ones): page
views of the generated site's pages (a few popular posts get most views, as on a real blog),
with a referrer (search engines, link aggregators, the fediverse, the site itself, none), UTM
tags or a Ghost-style ``?ref=`` on some, and a screen width. The wrk script cycles through them
and gives each simulated reader (three views in a row) an address of its own in
``X-Forwarded-For`` and one of the usual browsers' User-Agent strings. It counts the answers by
status and by the ``X-Inkwell-Dropped`` reason, and prints them as its report (see ``wrk.py``).
Given a rate, it paces itself (wrk's ``delay`` hook): an open load of so many events a second
rather than as many as the server answers.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from urllib.parse import urlsplit

import sitegen
from wrk import SCRIPT_REPORT

# Browsers as they announce themselves, repeated roughly as often as they are seen.
AGENTS = (
    *[
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36"
    ]
    * 4,
    *[
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
        "like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
    ]
    * 3,
    *[
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Mobile Safari/537.36"
    ]
    * 3,
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.7 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
)
# (referrer, weight): most views come with none or from a search engine.
REFERRERS = (
    ("", 30),
    ("https://www.google.com/", 25),
    ("https://duckduckgo.com/", 8),
    ("https://www.bing.com/", 4),
    ("https://news.ycombinator.com/", 8),
    ("https://lobste.rs/", 3),
    ("https://mastodon.social/@reader/113577123456789012", 5),
    ("https://t.co/x7Ab3kQz9", 3),
    ("https://github.com/inkwell/inkwell/discussions/42", 2),
    (f"{sitegen.SITE_URL}/", 12),  # a reader going from page to page: no outside source
)
# (query string of the page's address, weight).
CAMPAIGNS = (
    ("", 80),
    ("?utm_source=newsletter&utm_medium=email&utm_campaign=december-digest", 8),
    ("?utm_source=mastodon&utm_medium=social", 5),
    ("?utm_source=hn&utm_medium=link&utm_campaign=launch&utm_content=title", 3),
    ("?ref=producthunt", 4),
)
WIDTHS = (360, 390, 414, 768, 1024, 1280, 1366, 1440, 1920, 2560)
BODIES = 1000
PACING_SCRIPT = """
-- Paced runs: each thread sends its share of the rate on a schedule (a monotonic clock through
-- LuaJIT's FFI); a connection asking early waits for its slot. Without a rate, no delay at all.
if per_thread_per_s then
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock, bench_timespec *now);
  ]]
  local clock = ffi.new("bench_timespec")
  local period_ms = 1000 / per_thread_per_s
  local next_at = nil
  function delay()
    ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
    local now = tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
    -- Behind by more than a second (the server stalled): start again from now, no burst.
    if next_at == nil or next_at < now - 1000 then next_at = now end
    next_at = next_at + period_ms
    return math.max(0, next_at - now)
  end
end
"""
EVENT_SCRIPT = """
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local counter = 0
local headers = {["Content-Type"] = "text/plain"}
statuses = {}
dropped = {}

request = function()
  counter = counter + 1
  -- A reader views three pages: one address and one browser for three events in a row.
  local reader = id * 1000003 + math.floor(counter / 3)
  headers["User-Agent"] = agents[reader % #agents + 1]
  headers["X-Forwarded-For"] = string.format("%d.%d.%d.%d", 11 + reader % 200,
    math.floor(reader / 200) % 256, math.floor(reader / 51200) % 256,
    1 + math.floor(reader / 13107200) % 254)
  return wrk.format("POST", event_path, headers, bodies[counter % #bodies + 1])
end

response = function(status, response_headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local reason = response_headers["x-inkwell-dropped"] or response_headers["X-Inkwell-Dropped"]
  if reason then dropped[reason] = (dropped[reason] or 0) + 1 end
end

local function json_object(values)
  local parts = {}
  for key, value in pairs(values) do
    local name = string.gsub(tostring(key), '[%c"\\\\]', function(c)
      return string.format("\\\\u%04x", string.byte(c))
    end)
    table.insert(parts, string.format('"%s": %d', name, value))
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
  local all_statuses, all_dropped = {}, {}
  for _, thread in ipairs(threads) do
    for key, value in pairs(thread:get("statuses")) do
      all_statuses[key] = (all_statuses[key] or 0) + value
    end
    for key, value in pairs(thread:get("dropped")) do
      all_dropped[key] = (all_dropped[key] or 0) + value
    end
  end
  io.write(REPORT .. '{"statuses": ' .. json_object(all_statuses) ..
    ', "dropped": ' .. json_object(all_dropped) .. '}\\n')
end
"""


def site_host() -> str:
    """The site's host name: the ``domain`` of every event (Plausible's site id)."""
    return urlsplit(sitegen.SITE_URL).hostname or ""


def page_paths(posts: int) -> list[str]:
    """The pages readers view, most viewed first: posts newest first, the home and a tag page."""
    newest = [sitegen.make_post(number).path for number in range(posts, max(0, posts - 60), -1)]
    return [newest[0], "/", *newest[1:6], "/tag/python/", *newest[6:]]


def event_bodies(posts: int, count: int = BODIES, seed: str = "inkwell-bench-events") -> list[str]:
    """``count`` page-view bodies in the Events API's long form, as scripts send them."""
    rng = random.Random(seed)
    paths = page_paths(posts)
    # The first pages get most views (about 1/rank).
    path_weights = [1 / rank for rank in range(1, len(paths) + 1)]
    referrers, referrer_weights = zip(*REFERRERS, strict=True)
    campaigns, campaign_weights = zip(*CAMPAIGNS, strict=True)
    bodies = []
    for _ in range(count):
        path = rng.choices(paths, path_weights)[0]
        query = rng.choices(campaigns, campaign_weights)[0]
        event = {
            "name": "pageview",
            "url": f"{sitegen.SITE_URL}{path}{query}",
            "domain": site_host(),
            "referrer": rng.choices(referrers, referrer_weights)[0],
            "screen_width": rng.choice(WIDTHS),
        }
        bodies.append(json.dumps(event))
    return bodies


def probe(posts: int) -> tuple[bytes, dict[str, str]]:
    """One event and its headers (the first browser, one address) to try the endpoint with."""
    headers = {
        "Content-Type": "text/plain",
        "User-Agent": AGENTS[0],
        "X-Forwarded-For": "203.0.113.7",
    }
    return event_bodies(posts, 1, "inkwell-bench-probe")[0].encode(), headers


def _lua_list(values: list[str] | tuple[str, ...]) -> str:
    # JSON strings of ASCII text are valid Lua strings.
    return "{" + ", ".join(json.dumps(value, ensure_ascii=True) for value in values) + "}"


def write_script(
    path: Path, posts: int, event_path: str, per_thread_per_s: float | None = None
) -> Path:
    """The wrk script posting the events to ``event_path``, written to ``path``; each wrk
    thread sends ``per_thread_per_s`` events a second at most (None: as fast as answered)."""
    pace = "nil" if per_thread_per_s is None else repr(float(per_thread_per_s))
    prelude = (
        "-- Page views in the Events API's format; each reader its own address (see eventgen.py).\n"
        f"event_path = {json.dumps(event_path)}\n"
        f"per_thread_per_s = {pace}\n"
        f"REPORT = {json.dumps(SCRIPT_REPORT)}\n"
        f"agents = {_lua_list(AGENTS)}\n"
        f"bodies = {_lua_list(event_bodies(posts))}\n"
    )
    path.write_text(prelude + EVENT_SCRIPT + PACING_SCRIPT)
    return path


def write_paced_page_script(path: Path, per_thread_per_s: float) -> Path:
    """A wrk script that only paces wrk's own GET of its URL: ``per_thread_per_s`` requests a
    second per thread (readers arriving at a given rate rather than as fast as answered)."""
    prelude = (
        "-- The page at a given rate (see eventgen.py).\n"
        f"per_thread_per_s = {float(per_thread_per_s)!r}\n"
    )
    path.write_text(prelude + PACING_SCRIPT)
    return path
