"""The body of an Admin API write, read and checked before anything is stored.

Ghost's clients send ``{"posts": [{...}]}`` (``pages``, ``tags`` alike) and often send back a
whole object they read, read-only fields (``id``, ``uuid``, ``url``, ``excerpt``...) included:
those are ignored, as Ghost ignores them. Every field we take is checked for its type here; a
wrong one is a ``ValidationError`` naming it, before the database is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from inkwell.core.time import as_utc
from inkwell.ghost_api import admin_source
from inkwell.ghost_api.admin_source import Source
from inkwell.ghost_api.errors import BadRequestError, ValidationError

# Post fields stored as they are sent (strings or null).
TEXT_FIELDS = (
    "title",
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
    "codeinjection_head",
    "codeinjection_foot",
    "custom_template",
)
STATUSES = ("draft", "published", "scheduled")
VISIBILITIES = ("public", "members", "paid", "tiers")


@dataclass(frozen=True)
class Ref:
    """A tag or an author as a client names it: by id, slug, name or email (one or several)."""

    id: str | None = None
    slug: str | None = None
    name: str | None = None
    email: str | None = None
    # A bare string: Ghost matches it against whatever identifies the resource.
    text: str | None = None

    def label(self) -> str:
        """How the client named it, for a message."""
        return self.text or self.id or self.slug or self.email or self.name or "?"


@dataclass(frozen=True)
class PostChanges:
    """The fields a write sends (only those: an edit keeps every other field as it is)."""

    fields: dict[str, Any] = field(default_factory=dict)
    source: Source | None = None
    tags: list[Ref] | None = None
    authors: list[Ref] | None = None
    updated_at: datetime | None = None


def only_item(body: Any, root: str) -> dict[str, Any]:
    """The one object under ``root`` in ``{"<root>": [{...}]}``; Ghost's errors otherwise."""
    if not isinstance(body, dict) or not body.get(root):
        raise BadRequestError(f"No root key ('{root}') provided.")
    items = body[root]
    if not isinstance(items, list) or not isinstance(items[0], dict):
        raise ValidationError(
            f"Validation error, cannot save {root[:-1]}.",
            property=root,
            context=f"{root} must be a list holding one object.",
        )
    return dict(items[0])


def _invalid(action: str, resource: str, name: str, context: str) -> ValidationError:
    return ValidationError(
        f"Validation error, cannot {action} {resource}.", property=name, context=context
    )


def parse_date(value: Any, name: str, *, action: str, resource: str) -> datetime | None:
    """An ISO 8601 date (``Z`` or an offset; none means UTC), or None for null."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return as_utc(datetime.fromisoformat(value.strip()))
        except ValueError:
            pass
    raise _invalid(action, resource, name, f"{name} must be an ISO 8601 date, not {value!r}.")


def _text(item: dict[str, Any], name: str, action: str, resource: str) -> str | None:
    value = item[name]
    if value is not None and not isinstance(value, str):
        raise _invalid(action, resource, name, f"{name} must be a string or null.")
    return value


def _refs(value: Any, name: str, keys: tuple[str, ...], action: str, resource: str) -> list[Ref]:
    if not isinstance(value, list):
        raise _invalid(action, resource, name, f"{name} must be a list.")
    refs: list[Ref] = []
    for entry in value:
        if isinstance(entry, str) and entry.strip():
            refs.append(Ref(text=entry.strip()))
            continue
        if isinstance(entry, dict):
            given = {
                key: entry[key].strip()
                for key in keys
                if isinstance(entry.get(key), str) and entry[key].strip()
            }
            if given:
                refs.append(Ref(**given))
                continue
        wanted = ", ".join(keys)
        raise _invalid(
            action, resource, name, f"each of {name} must be a string or an object with {wanted}."
        )
    return refs


def _body_source(item: dict[str, Any], *, source_param: str | None, action: str) -> Source | None:
    """The body the write sends, in the order of precedence Ghost gives its formats."""
    if source_param is not None and source_param != "html":
        raise BadRequestError(
            f"Validation error for parameter 'source': '{source_param}' is not 'html'.",
            property="source",
        )
    if source_param == "html" and item.get("html") is not None:
        html = _text(item, "html", action, "post")
        return admin_source.from_html(html or "")
    if item.get("markdown") is not None:
        markdown = _text(item, "markdown", action, "post")
        return admin_source.from_markdown(markdown or "")
    if item.get("lexical") is not None:
        lexical = _text(item, "lexical", action, "post")
        return admin_source.from_lexical(lexical or "", action=action)
    if item.get("mobiledoc") is not None:
        mobiledoc = _text(item, "mobiledoc", action, "post")
        return admin_source.from_mobiledoc(mobiledoc or "", action=action)
    # Without ?source=html Ghost ignores ``html``: it is the rendered output, read-only.
    return None


def parse_post(body: Any, root: str, *, source_param: str | None, editing: bool) -> PostChanges:
    """A post or page write (``root`` is ``posts`` or ``pages``), checked field by field."""
    action = "edit" if editing else "save"
    resource = root[:-1]
    item = only_item(body, root)
    fields: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name in item:
            fields[name] = _text(item, name, action, resource)
    if "title" in fields and not (fields["title"] or "").strip():
        raise _invalid(action, resource, "title", "title must not be empty.")
    if not editing and not (fields.get("title") or "").strip():
        # Ghost saves an untitled draft as "(Untitled)".
        fields["title"] = "(Untitled)"
    if "featured" in item:
        if not isinstance(item["featured"], bool):
            raise _invalid(action, resource, "featured", "featured must be true or false.")
        fields["featured"] = item["featured"]
    for name, allowed in (("status", STATUSES), ("visibility", VISIBILITIES)):
        if name in item:
            if item[name] not in allowed:
                wanted = ", ".join(allowed)
                raise _invalid(action, resource, name, f"{name} must be one of {wanted}.")
            fields[name] = item[name]
    if "published_at" in item:
        fields["published_at"] = parse_date(
            item["published_at"], "published_at", action=action, resource=resource
        )
    updated_at = None
    if editing:
        if item.get("updated_at") is None:
            raise _invalid(
                action, resource, "updated_at", f"{resource} must have updated_at to be edited."
            )
        updated_at = parse_date(item["updated_at"], "updated_at", action=action, resource=resource)
    tags = None
    if "tags" in item:
        tags = _refs(item["tags"], "tags", ("id", "slug", "name"), action, resource)
    authors = None
    if "authors" in item:
        authors = _refs(
            item["authors"], "authors", ("id", "email", "slug", "name"), action, resource
        )
    return PostChanges(
        fields=fields,
        source=_body_source(item, source_param=source_param, action=action),
        tags=tags,
        authors=authors,
        updated_at=updated_at,
    )
