"""The editor's form: the posted fields as typed (kept to show again after a refusal), and the
content service's ``EditorPost`` they make.

Every rule of what a post may hold is the content service's (``validate_editor_input``); here
only the shapes of a web form are undone: a comma-separated tag list, one ``datetime-local``
value split into the date and time the service reads in the site's time zone, a checkbox.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request

from inkwell.content import service as content

# Text fields posted and stored under the same name.
TEXT_FIELDS = (
    "title",
    "source",
    "slug",
    "custom_excerpt",
    "feature_image",
    "feature_image_alt",
    "feature_image_caption",
    "canonical_url",
    "meta_title",
    "meta_description",
    "og_image",
    "og_title",
    "og_description",
    "twitter_image",
    "twitter_title",
    "twitter_description",
)

# The content service names two fields differently from the form's controls.
FIELD_IDS = {
    "publish_date": "published_at",
    "publish_time": "published_at",
    "author_ids": "authors",
}


@dataclass
class EditorForm:
    """The editor's fields as strings, exactly as shown in (or posted from) the form."""

    title: str = ""
    source: str = ""
    slug: str = ""
    custom_excerpt: str = ""
    feature_image: str = ""
    feature_image_alt: str = ""
    feature_image_caption: str = ""
    canonical_url: str = ""
    meta_title: str = ""
    meta_description: str = ""
    og_image: str = ""
    og_title: str = ""
    og_description: str = ""
    twitter_image: str = ""
    twitter_title: str = ""
    twitter_description: str = ""
    tags: str = ""
    authors: list[str] = field(default_factory=list)
    published_at: str = ""
    featured: bool = False
    expected_updated_at: str = ""

    @classmethod
    def from_post(cls, post: content.Post, source: str, timezone: str) -> EditorForm:
        """The form showing a stored post (whose deferred ``source`` is passed in)."""
        values = {name: getattr(post, name) or "" for name in TEXT_FIELDS if name != "source"}
        when = ""
        if post.published_at is not None:
            day, time = content.to_local(post.published_at, timezone)
            when = f"{day}T{time}"
        return cls(
            **values,
            source=source,
            tags=", ".join(tag.name for tag in post.tags),
            authors=[author.id for author in post.authors],
            published_at=when,
            featured=bool(post.featured),
            expected_updated_at=post.updated_at.isoformat(),
        )

    @classmethod
    def from_form(cls, form: FormData) -> EditorForm:
        """The form as posted (missing fields are empty)."""
        values: dict[str, Any] = {}
        for item in fields(cls):
            if item.name == "authors":
                values["authors"] = [str(v) for v in form.getlist("authors") if str(v)]
            elif item.name == "featured":
                values["featured"] = form.get("featured") in ("1", "on", "true")
            else:
                raw = form.get(item.name)
                values[item.name] = raw if isinstance(raw, str) else ""
        # Browsers send a textarea's line breaks as CRLF; keep what the writer typed.
        values["source"] = values["source"].replace("\r\n", "\n")
        return cls(**values)

    def tag_names(self) -> list[str]:
        """The tags typed, in order (comma-separated)."""
        return [name.strip() for name in self.tags.split(",") if name.strip()]

    def publish_date_and_time(self) -> tuple[str, str]:
        """(``YYYY-MM-DD``, ``HH:MM``) of the ``datetime-local`` value; empty strings if none."""
        day, _, time = self.published_at.strip().partition("T")
        return day, time[:5]

    def editor_post(self, kind: content.PostType, *, choose_authors: bool) -> content.EditorPost:
        """What the content service validates and saves."""
        day, time = self.publish_date_and_time()
        return content.EditorPost(
            **{name: getattr(self, name) for name in TEXT_FIELDS},
            type=kind,
            publish_date=day,
            publish_time=time,
            featured=self.featured,
            tags=self.tag_names() if kind == content.PostType.POST else [],
            author_ids=self.authors if choose_authors else [],
        )


def form_errors(errors: dict[str, str]) -> dict[str, str]:
    """The content service's field errors keyed by the form's control ids."""
    shown: dict[str, str] = {}
    for name, message in errors.items():
        shown.setdefault(FIELD_IDS.get(name, name), message)
    return shown


def parse_version(text: str) -> datetime | None:
    """The ``expected_updated_at`` the form was opened at, or None (none or unreadable)."""
    try:
        return datetime.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


# Browsers send the editor URL-encoded: one character of the content may take 12 bytes (4 of
# UTF-8, each written %XX), so Starlette's default of 1 MiB a field refused posts far shorter
# than content.MAX_BODY with a bare JSON error instead of the message next to the field.
MAX_FIELD_BYTES = 12 * content.MAX_BODY


async def read_form(request: Request) -> FormData:
    """The editor's posted form, each field allowed as long as ``content.MAX_BODY`` needs."""
    return await request.form(max_part_size=MAX_FIELD_BYTES)
