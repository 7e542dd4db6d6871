"""Generate a blog as an RSS 2.0 feed file: original filler text, code blocks, tags, authors.

Post ``n`` is the same in every feed (seeded by its number), so the sample post page is the same
post at 200 and at 10,000 posts. Links follow Inkwell's default permalink pattern
(``/blog/{year}/{month}/{slug}/``) on the feed's own host, so every post keeps its URL on import.
"""

from __future__ import annotations

import html
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

SITE_URL = "http://inkwell.bench.test"
FIRST_DATE = datetime(2019, 1, 1, 12, 0, tzinfo=UTC)
SPACING = timedelta(hours=6)
# The post whose page is measured: present in every size from 200 posts up.
SAMPLE_POST = 100
SAMPLE_TAG = "Python"

AUTHORS = (
    "Ada Lindqvist",
    "Bruno Okafor",
    "Chen Wei",
    "Dolores Marsh",
    "Emeka Nwosu",
    "Farah Haddad",
)
TAGS = (
    "Databases",
    "Web Performance",
    "Testing",
    "Deployment",
    "Rust",
    "Go",
    "Security",
    "Observability",
    "Caching",
    "Networking",
    "Tooling",
    "Data Engineering",
    "Frontend",
    "Linux",
    "Career",
    "Algorithms",
    "Concurrency",
    "Compilers",
    "Editors",
    "Open Source",
)
NOUNS = (
    "cache",
    "queue",
    "index",
    "worker",
    "scheduler",
    "parser",
    "buffer",
    "socket",
    "query",
    "migration",
    "deploy",
    "benchmark",
    "profile",
    "release",
    "pipeline",
    "template",
    "router",
    "session",
    "replica",
    "snapshot",
    "checksum",
    "allocator",
    "lock",
    "thread",
    "request",
    "response",
    "feed",
    "archive",
    "config",
    "schema",
    "trace",
    "metric",
    "log line",
    "fixture",
)
ADJECTIVES = (
    "slow",
    "quiet",
    "stale",
    "warm",
    "cold",
    "noisy",
    "careful",
    "boring",
    "fragile",
    "sturdy",
    "lazy",
    "eager",
    "hidden",
    "shared",
    "tiny",
    "large",
    "forgotten",
    "obvious",
    "subtle",
    "odd",
)
VERBS = (
    "rebuilds",
    "measures",
    "drops",
    "keeps",
    "rewrites",
    "checks",
    "hides",
    "splits",
    "merges",
    "retries",
    "logs",
    "skips",
    "reads",
    "flushes",
    "compresses",
    "validates",
    "renders",
    "pins",
)
OPENERS = (
    "In practice",
    "Last spring",
    "On a busy day",
    "After the upgrade",
    "Most of the time",
    "In the test suite",
    "Under load",
    "On a small server",
    "Oddly enough",
    "By design",
)
TITLE_SHAPES = (
    "Why the {a} {n} {v} everything",
    "Notes on a {a} {n}",
    "How our {n} {v} the {n2}",
    "The {a} {n} and the {a2} {n2}",
    "A week with a {a} {n}",
    "What a {n} taught me about the {n2}",
)
CODE_PYTHON = """def {f}({x}: list[int], limit: int = {k}) -> int:
    \"\"\"Count the {n} entries above the limit.\"\"\"
    total = 0
    for value in {x}:
        if value > limit and value % {m} != 0:
            total += value
    return total


print({f}([3, 14, 15, 92, 65, 35], limit={k}))
"""
CODE_SHELL = """$ curl -s -o /dev/null -w '%{{http_code}} %{{time_total}}\\n' http://localhost:{port}/{n}/
200 0.00{m}
$ grep -c '{n}' /var/log/app/{f}.log
{k}
"""
CODE_SQL = """SELECT {n}.id, count(*) AS hits
FROM {n}
JOIN events ON events.{n}_id = {n}.id
WHERE events.created_at > now() - interval '{k} days'
GROUP BY {n}.id
HAVING count(*) > {m}
ORDER BY hits DESC;
"""
CODES = (("python", CODE_PYTHON), ("shell", CODE_SHELL), ("sql", CODE_SQL))


@dataclass(frozen=True)
class Post:
    """One generated post, as it goes into the feed."""

    number: int
    title: str
    slug: str
    published: datetime
    tags: tuple[str, ...]
    author: str
    body: str

    @property
    def path(self) -> str:
        """Its path on the site (Inkwell's default permalink pattern, UTC)."""
        return f"/blog/{self.published:%Y}/{self.published:%m}/{self.slug}/"


@dataclass(frozen=True)
class Feed:
    """A generated feed file and the paths worth measuring on the imported site."""

    path: Path
    posts: int
    size_bytes: int
    post_path: str
    tag_path: str


def generate_feed(path: Path, count: int) -> Feed:
    """Write an RSS 2.0 feed of ``count`` posts to ``path``."""
    if count < SAMPLE_POST:
        raise ValueError(f"a generated site needs at least {SAMPLE_POST} posts")
    with path.open("w", encoding="utf-8") as out:
        out.write(_channel_head())
        for number in range(count, 0, -1):  # newest first, like a real feed
            out.write(_item(make_post(number)))
        out.write("</channel></rss>\n")
    return Feed(
        path=path,
        posts=count,
        size_bytes=path.stat().st_size,
        post_path=make_post(SAMPLE_POST).path,
        tag_path="/tag/python/",
    )


def make_post(number: int) -> Post:
    """Post ``number`` (1 is the oldest): the same whatever the size of the site."""
    rng = random.Random(f"inkwell-bench-{number}")
    noun, noun2 = rng.sample(NOUNS, 2)
    adjective, adjective2 = rng.sample(ADJECTIVES, 2)
    title = rng.choice(TITLE_SHAPES).format(
        a=adjective, a2=adjective2, n=noun, n2=noun2, v=rng.choice(VERBS)
    )
    title = title[0].upper() + title[1:]
    slug = "-".join(word for word in _words(title)) + f"-{number}"
    tags = [SAMPLE_TAG] if number % 3 == 0 else []
    tags += rng.sample(TAGS, rng.randint(1, 3))
    return Post(
        number=number,
        title=title,
        slug=slug,
        published=FIRST_DATE + SPACING * number,
        tags=tuple(tags),
        author=AUTHORS[number % len(AUTHORS)],
        body="".join(_body(rng)),
    )


def _words(text: str) -> Iterator[str]:
    for word in text.lower().split():
        cleaned = "".join(c for c in word if c.isalnum())
        if cleaned:
            yield cleaned


def _sentence(rng: random.Random) -> str:
    parts = [
        f"{rng.choice(OPENERS)}, the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        f"{rng.choice(VERBS)} the {rng.choice(NOUNS)}",
    ]
    if rng.random() < 0.6:
        parts.append(f"before the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(VERBS)}")
    if rng.random() < 0.3:
        parts.append(f"which {rng.choice(VERBS)} {rng.randint(2, 900)} times a minute")
    return " ".join(parts) + "."


def _paragraph(rng: random.Random) -> str:
    sentences = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
    if rng.random() < 0.3:
        word = rng.choice(NOUNS)
        sentences += f" See <code>{word}</code> and <em>why it {rng.choice(VERBS)}</em>."
    return f"<p>{sentences}</p>"  # generated words only: nothing to escape


def _code(rng: random.Random) -> str:
    language, shape = rng.choice(CODES)
    source = shape.format(
        f=f"count_{rng.choice(NOUNS).replace(' ', '_')}",
        x="values",
        n=rng.choice(NOUNS).replace(" ", "_"),
        k=rng.randint(2, 99),
        m=rng.randint(2, 9),
        port=rng.randint(8000, 8999),
    )
    return f'<pre><code class="language-{language}">{html.escape(source, quote=False)}</code></pre>'


def _body(rng: random.Random) -> Iterator[str]:
    yield _paragraph(rng)
    for section in range(rng.randint(2, 4)):
        heading = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)}s"
        yield f'<h2 id="section-{section}">{heading}</h2>'
        for _ in range(rng.randint(1, 3)):
            yield _paragraph(rng)
        if section < 2 and rng.random() < 0.7:
            yield _code(rng)
        if rng.random() < 0.25:
            items = "".join(f"<li>{rng.choice(NOUNS)} {rng.choice(VERBS)}</li>" for _ in range(3))
            yield f"<ul>{items}</ul>"


def _channel_head() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Inkwell bench blog</title>"
        f"<link>{SITE_URL}/</link>"
        "<description>Generated posts for the Inkwell benchmark.</description>"
        f"<lastBuildDate>{format_datetime(FIRST_DATE, usegmt=True)}</lastBuildDate>\n"
    )


def _item(post: Post) -> str:
    categories = "".join(f"<category><![CDATA[{tag}]]></category>" for tag in post.tags)
    first_paragraph = post.body.split("</p>", 1)[0] + "</p>"
    return (
        f"<item><title><![CDATA[{post.title}]]></title>"
        f"<link>{SITE_URL}{post.path}</link>"
        f'<guid isPermaLink="false">inkwell-bench-{post.number}</guid>'
        f"{categories}"
        f"<dc:creator><![CDATA[{post.author}]]></dc:creator>"
        f"<pubDate>{format_datetime(post.published, usegmt=True)}</pubDate>"
        f"<description><![CDATA[{first_paragraph}]]></description>"
        f"<content:encoded><![CDATA[{post.body}]]></content:encoded></item>\n"
    )
