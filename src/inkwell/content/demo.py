"""Demo content shown on a fresh site: original posts that exercise every card, plus pages."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import frontmatter

from inkwell.content.schemas import AuthorRef, PostInput

_FOLDER = "demo_posts"
# The demo's pages, linked from the header and footer (a site without them links only Home).
DEMO_NAVIGATION = {
    "navigation": [{"label": "Home", "url": "/"}, {"label": "About", "url": "/about/"}],
    "secondary_navigation": [{"label": "Privacy", "url": "/privacy/"}],
}


def demo_posts(author_name: str, owner_email: str | None = None) -> list[PostInput]:
    """The demo posts and pages, attributed to the owner."""
    author = AuthorRef(name=author_name, email=owner_email)
    posts = []
    folder = resources.files("inkwell.content").joinpath(_FOLDER)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".md"):
            continue
        document = frontmatter.loads(entry.read_text(encoding="utf-8"))
        fields = dict(document.metadata)
        posts.append(
            PostInput(
                **fields,
                status="published",
                source_format="markdown",
                source=document.content,
                authors=[author],
            )
        )
    return posts


def write_demo_images(media_dir: Path) -> list[Path]:
    """Draw the demo images (abstract shapes, made here) into ``media_dir/demo/``."""
    from inkwell.content.demo_images import draw_all

    return draw_all(media_dir / "demo")
