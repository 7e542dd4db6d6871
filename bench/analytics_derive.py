"""How many events per second one core reads, screens and describes (no HTTP, no database).

One command: ``.venv/bin/python bench/analytics_derive.py [--events 50000] [--agents 300]``.

A realistic mix, drawn with a fixed seed: ``--agents`` distinct browser User-Agent strings
(real families with varied versions, as readers send), one robot request in ten, referrers
from search engines, social sites, other blogs and this site, one page address in five with
UTM tags or ``?ref=``. Each event goes through ``parse_event`` (its body as the beacon sends
it), ``is_bot`` and, for the others, ``describe``. Prints events/s for a cold pass (every
User-Agent seen for the first time) and a warm pass (caches filled, as on a running site).
"""

from __future__ import annotations

import argparse
import json
import random
import time

from inkwell.analytics import agents
from inkwell.analytics.derive import describe, is_bot
from inkwell.analytics.event_input import parse_event

SITE = "https://blog.example"
HOST = "blog.example"
TEMPLATES = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{major}.0.{minor}.{patch} Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/{small}.{minor2} Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:{major}.0) Gecko/20100101 Firefox/{major}.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_{minor2} like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.{minor2} Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel {small}) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{major}.0.{minor}.{patch} Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 16_{minor2} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/16.{minor2} Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{major}.0.0.0 Safari/537.36 Edg/{major}.0.{minor}.{patch}",
]
ROBOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "curl/8.5.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/124.0.0.0 Safari/537.36",
    "",
]
REFERRERS = [
    "",
    "",
    "",
    "https://www.google.com/",
    "https://duckduckgo.com/",
    "https://news.ycombinator.com/item?id=4",
    "https://old.reddit.com/r/python/comments/x",
    "https://mastodon.social/@someone/1",
    "https://friend.example.net/blogroll/",
    "https://blog.example/previous-post/",
]
QUERIES = ["", "", "", "", "?utm_source=newsletter&utm_medium=email&utm_campaign=may", "?ref=hn"]


def user_agents(count: int, rng: random.Random) -> list[str]:
    return [
        rng.choice(TEMPLATES).format(
            major=rng.randint(100, 130),
            minor=rng.randint(1000, 6999),
            patch=rng.randint(10, 250),
            small=rng.randint(5, 18),
            minor2=rng.randint(0, 6),
        )
        for _ in range(count)
    ]


def events(count: int, browsers: list[str], rng: random.Random) -> list[tuple[bytes, str]]:
    mix = []
    for _ in range(count):
        path = f"/posts/post-{rng.randint(1, 200)}/{rng.choice(QUERIES)}"
        body = {
            "n": "pageview",
            "u": f"{SITE}{path}",
            "d": HOST,
            "r": rng.choice(REFERRERS) or None,
            "w": rng.choice([390, 412, 820, 1280, 1440, 1920]),
        }
        agent = rng.choice(ROBOTS) if rng.random() < 0.1 else rng.choice(browsers)
        mix.append((json.dumps(body).encode(), agent))
    return mix


def one_pass(mix: list[tuple[bytes, str]]) -> tuple[float, float]:
    """Events per second of wall-clock time and of this process's CPU time (the second is
    what one core does when no other process shares it)."""
    start, cpu = time.perf_counter(), time.process_time()
    for body, agent in mix:
        event = parse_event(body, site_host=HOST, custom_events=False)
        if not is_bot(agent):
            describe(event, user_agent=agent, site_url=SITE)
    return len(mix) / (time.perf_counter() - start), len(mix) / (time.process_time() - cpu)


def first_sight(rng: random.Random, count: int = 500) -> float:
    """Milliseconds of CPU time to screen and parse a User-Agent string never seen before."""
    fresh = [f"{agent} Fresh/{index}" for index, agent in enumerate(user_agents(count, rng))]
    cpu = time.process_time()
    for agent in fresh:
        is_bot(agent)
        agents.agent(agent)
    return (time.process_time() - cpu) * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--agents", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(11)
    mix = events(args.events, user_agents(args.agents, rng), rng)
    agents.agent("warm up ua-parser's regexes")  # loading them is a start-up cost, not per event
    is_bot("warm up crawlerdetect's regexes")
    cold = one_pass(mix)
    warm = one_pass(mix)
    print(f"{args.events} events, {args.agents} distinct browser User-Agents, 10% robots")
    print(f"a User-Agent seen for the first time: {first_sight(rng):.2f} ms of CPU time")
    for label, (wall, cpu) in (("cold", cold), ("warm", warm)):
        print(f"{label} caches: {wall:,.0f} events/s wall clock, {cpu:,.0f} events/s of CPU time")


if __name__ == "__main__":
    main()
