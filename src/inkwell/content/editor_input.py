"""What the admin's editor sends, and the rules it must meet, each broken one named by field.

``EditorPost`` is the form as typed (every field a plain value, nothing refused by its type);
``validate_editor_input`` checks it against the stored posts and the site's time zone and
returns the ``PostInput`` to save, or raises ``FieldErrors`` with one message per bad field, so
the editor can put each message next to its field. Nothing is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.local_time import LocalTimeError, read_local
from inkwell.content.models import Post, User
from inkwell.content.schemas import AuthorRef, PostInput, PostStatus, PostType, SourceFormat
from inkwell.content.site_settings import SiteSettings
from inkwell.content.slugs import MAX_SLUG, given_slug
from inkwell.core.time import utcnow

MAX_BODY = 1_000_000
"""The longest body (Markdown or HTML source) the editor saves, in characters."""

MAX_TAG = 191
MAX_URL = 2000

# The longest value of each text field, as the columns hold them.
LIMITS = {
    "title": 255,
    "custom_excerpt": 2000,
    "feature_image_alt": 191,
    "meta_title": 300,
    "meta_description": 500,
    "og_title": 300,
    "og_description": 500,
    "twitter_title": 300,
    "twitter_description": 500,
}
_URL_FIELDS = ("feature_image", "og_image", "twitter_image")


class FieldErrors(ValueError):
    """The editor's input broke rules; ``errors`` maps each bad field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = dict(errors)


class EditorPost(BaseModel):
    """The editor's form: a post or page as typed, before any rule is applied.

    ``slug`` empty means "made from the title" for a new post and "unchanged" for a stored
    one. ``publish_date`` (``YYYY-MM-DD``) and ``publish_time`` (``HH:MM``) are read in the
    site's time zone; empty keeps the stored date. ``author_ids`` empty keeps the authors
    (a new post gets the person saving it). Keys it does not know (a form's ``csrf_token``)
    are ignored. ``FieldErrors`` are keyed by these field names.
    """

    model_config = ConfigDict(extra="ignore")

    type: PostType = PostType.POST
    title: str = ""
    slug: str = ""
    source: str = ""
    source_format: SourceFormat = "markdown"
    publish_date: str = ""
    publish_time: str = ""
    custom_excerpt: str = ""
    feature_image: str = ""
    feature_image_alt: str = ""
    feature_image_caption: str = ""
    featured: bool = False
    tags: list[str] = Field(default_factory=list)
    author_ids: list[str] = Field(default_factory=list)
    canonical_url: str = ""
    meta_title: str = ""
    meta_description: str = ""
    og_image: str = ""
    og_title: str = ""
    og_description: str = ""
    twitter_image: str = ""
    twitter_title: str = ""
    twitter_description: str = ""


@dataclass(frozen=True)
class ValidInput:
    """Input that met every rule: what to save, and notes worth showing (an ambiguous time)."""

    data: PostInput
    notes: dict[str, str] = field(default_factory=dict)


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _check_characters(form: EditorPost, errors: dict[str, str]) -> None:
    # PostgreSQL cannot store NUL in text; a pasted one would otherwise fail the whole save.
    for name, value in form.model_dump().items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(item, str) and "\x00" in item for item in values):
            errors[name] = "This holds a NUL character, which cannot be stored."


def _check_lengths(form: EditorPost, errors: dict[str, str]) -> None:
    for name, limit in LIMITS.items():
        length = len(getattr(form, name).strip())
        if length > limit:
            errors[name] = f"At most {limit:,} characters (this has {length:,})."
    if len(form.source) > MAX_BODY:
        errors["source"] = f"At most {MAX_BODY:,} characters (this has {len(form.source):,})."


def _check_urls(form: EditorPost, errors: dict[str, str]) -> None:
    canonical = form.canonical_url.strip()
    if canonical and (len(canonical) > MAX_URL or not _is_http_url(canonical)):
        errors["canonical_url"] = (
            "A canonical URL is a full http(s) address, such as https://example.com/post/."
        )
    for name in _URL_FIELDS:
        value = getattr(form, name).strip()
        is_path = value.startswith("/") and not value.startswith("//")
        if value and (len(value) > MAX_URL or not (is_path or _is_http_url(value))):
            errors[name] = (
                "An image is a path on this site (/content/images/...) or an http(s) URL."
            )


def _clean_tags(form: EditorPost, errors: dict[str, str]) -> list[str]:
    names = [" ".join(name.split()) for name in form.tags]
    too_long = [name for name in names if len(name) > MAX_TAG]
    if too_long:
        first = too_long[0]
        errors["tags"] = (
            f"A tag name is at most {MAX_TAG} characters: {first[:30]!r}… has {len(first)}."
        )
    return [name for name in names if name]


async def _check_slug(
    session: AsyncSession, form: EditorPost, stored: Post | None, errors: dict[str, str]
) -> str | None:
    wanted = form.slug.strip()
    if not wanted:
        return stored.slug if stored is not None else None
    if len(wanted) > MAX_SLUG:
        errors["slug"] = f"At most {MAX_SLUG} characters (this has {len(wanted)})."
        return None
    slug = given_slug(wanted)
    query = select(Post.id).where(Post.slug == slug)
    if stored is not None:
        query = query.where(Post.id != stored.id)
    if (await session.execute(query.limit(1))).first() is not None:
        errors["slug"] = f"The slug {slug!r} is used by another post or page: choose another."
    return slug


def _publish_date(
    form: EditorPost,
    stored: Post | None,
    site: SiteSettings,
    errors: dict[str, str],
    notes: dict[str, str],
) -> datetime | None:
    if not form.publish_date.strip():
        if form.publish_time.strip():
            errors["publish_date"] = "Give a date for this time."
        return stored.published_at if stored is not None else None
    try:
        moment = read_local(form.publish_date, form.publish_time, site.timezone)
    except LocalTimeError as exc:
        errors["publish_date"] = str(exc)[0].upper() + str(exc)[1:] + "."
        return None
    if moment.note:
        notes["publish_date"] = moment.note[0].upper() + moment.note[1:] + "."
    if stored is not None and stored.status == PostStatus.SCHEDULED and moment.utc <= utcnow():
        errors["publish_date"] = "A scheduled post needs a date still to come."
    return moment.utc


async def _authors(
    session: AsyncSession, form: EditorPost, errors: dict[str, str]
) -> list[AuthorRef]:
    wanted = list(dict.fromkeys(form.author_ids))
    if not wanted:
        return []
    rows = (await session.execute(select(User).where(User.id.in_(wanted)))).scalars()
    found = {user.id: user for user in rows}
    missing = [user_id for user_id in wanted if user_id not in found]
    if missing:
        errors["author_ids"] = f"No author has the id {missing[0]!r}."
        return []
    return [AuthorRef(name=found[i].name, email=found[i].email, slug=found[i].slug) for i in wanted]


def _text(value: str) -> str | None:
    return value.strip() or None


async def validate_editor_input(
    session: AsyncSession, form: EditorPost, site: SiteSettings, *, stored: Post | None = None
) -> ValidInput:
    """The ``PostInput`` that saves ``form`` (as a new post, or over ``stored``).

    Raises FieldErrors naming every field that breaks a rule: an empty or long title, a slug
    another post has, a publish date that does not exist in the site's time zone (or, for a
    scheduled post, is not to come), a body over ``MAX_BODY`` characters, a tag name over 191
    characters, a canonical URL that is not an http(s) URL, an image that is neither a path nor
    a URL, a text field over its length, an unknown author.

    A stored post keeps its status (publishing is its own action), guid and trust.
    """
    errors: dict[str, str] = {}
    notes: dict[str, str] = {}
    if not form.title.strip():
        errors["title"] = "Give the post a title."
    _check_lengths(form, errors)
    _check_urls(form, errors)
    _check_characters(form, errors)
    tags = _clean_tags(form, errors)
    slug = await _check_slug(session, form, stored, errors)
    published_at = _publish_date(form, stored, site, errors, notes)
    authors = await _authors(session, form, errors)
    if errors:
        raise FieldErrors(errors)
    data = PostInput(
        id=stored.id if stored is not None else None,
        guid=stored.guid if stored is not None else None,
        type=stored.type if stored is not None else form.type,
        title=form.title.strip(),
        slug=slug,
        status=stored.status if stored is not None else PostStatus.DRAFT,
        source_format=form.source_format,
        source=form.source,
        trusted=stored.source_trusted if stored is not None else True,
        custom_excerpt=_text(form.custom_excerpt),
        feature_image=_text(form.feature_image),
        feature_image_alt=_text(form.feature_image_alt),
        feature_image_caption=_text(form.feature_image_caption),
        featured=form.featured,
        published_at=published_at,
        canonical_url=_text(form.canonical_url),
        meta_title=_text(form.meta_title),
        meta_description=_text(form.meta_description),
        og_image=_text(form.og_image),
        og_title=_text(form.og_title),
        og_description=_text(form.og_description),
        twitter_image=_text(form.twitter_image),
        twitter_title=_text(form.twitter_title),
        twitter_description=_text(form.twitter_description),
        tags=tags,
        authors=authors,
    )
    return ValidInput(data, notes)
