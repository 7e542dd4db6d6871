"""Original comments for the benchmark, as a Disqus export that ``inkwell import disqus`` reads.

``generate_export(path, post_url, count)`` writes ``count`` comments on the post at
``post_url``: every third one answers an earlier comment, so the page shows threads, and the
text mixes paragraphs, inline code and a link now and then, like a technical blog's readers.
The same ``count`` always gives the same file.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

NAMES = ("Maren", "Theo", "Ilse", "Kofi", "Ruth", "Dario", "Suki", "Pavel", "Noor", "Edwin")
OPENINGS = (
    "This matches what I saw on a small VPS.",
    "I tried the second approach and it held up under load.",
    "Could you say more about the trade-off here?",
    "We hit the same wall last spring.",
    "Nice write-up, the examples made it click for me.",
)
DETAILS = (
    "Turning on <code>journal_mode=WAL</code> was the biggest single win.",
    "The profiler pointed at JSON encoding, not the database.",
    "A connection pool of four was plenty for our traffic.",
    "Caching the rendered page removed most of the work.",
    'The <a href="https://docs.example.org/guide">project guide</a> covers the rest.',
)


def generate_export(path: Path, post_url: str, count: int) -> Path:
    """Write a Disqus export with ``count`` comments on ``post_url``; return ``path``."""
    rng = random.Random(f"inkwell-bench-comments-{count}")
    started = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n',
        f'<thread dsq:id="1"><link>{escape(post_url)}</link><title>Benchmark post</title>'
        "<isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n",
    ]
    for number in range(1, count + 1):
        name = rng.choice(NAMES)
        message = f"<p>{rng.choice(OPENINGS)}</p><p>{rng.choice(DETAILS)}</p>"
        parent = ""
        if number > 1 and number % 3 == 0:
            parent = f'<parent dsq:id="{1000 + rng.randrange(1, number)}"/>'
        created = started + timedelta(minutes=37 * number)
        parts.append(
            f'<post dsq:id="{1000 + number}"><message><![CDATA[{message}]]></message>'
            f"<createdAt>{created:%Y-%m-%dT%H:%M:%SZ}</createdAt>"
            "<isDeleted>false</isDeleted><isSpam>false</isSpam>"
            f"<author><name>{name} {number}</name>"
            f"<email>{name.lower()}{number}@readers.example</email></author>"
            f'<thread dsq:id="1"/>{parent}</post>\n'
        )
    parts.append("</disqus>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path
