"""The OpenAPI description of the admin's own JSON endpoints (``/admin/api/``): the editor's
preview and autosave and the media library. They answer ``{"error": ...}`` when they refuse, and
need a staff session and the CSRF token of the admin's forms."""

from __future__ import annotations

from typing import Any

from inkwell.ghost_api.openapi_schemas import (
    STRING,
    Schema,
    json_content,
    path_param,
    query_param,
    ref,
)


def _refusals() -> dict[str, Any]:
    return {
        str(s): json_content(ref("InkwellError"), "Refused, with the reason")
        for s in (400, 403, 404, 409, 413, 415, 422)
    }


def _inkwell_json(status: int, schema: Schema, description: str) -> dict[str, Any]:
    return {str(status): json_content(schema, description), **_refusals()}


def inkwell_admin_paths() -> dict[str, Any]:
    """The admin's own JSON endpoints (a staff session and the CSRF token of its forms)."""
    saved = {
        "type": "object",
        "required": ["id", "edit_url", "updated_at"],
        "properties": {"id": STRING, "edit_url": STRING, "updated_at": STRING, "saved_at": STRING},
    }
    preview_in = {"type": "object", "required": ["source"], "properties": {"source": STRING}}
    preview_out = {"type": "object", "required": ["html"], "properties": {"html": STRING}}
    form = {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}}
    autosave = {
        "post": {
            "summary": "Autosave a draft from the editor's form",
            "requestBody": form,
            "responses": _inkwell_json(200, saved, "Saved"),
        }
    }
    listing = {
        "type": "object",
        "required": ["media", "page", "pages", "total"],
        "properties": {
            "media": {"type": "array", "items": ref("MediaFile")},
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "total": {"type": "integer"},
        },
    }
    paths: dict[str, Any] = {
        "/admin/api/preview": {
            "post": {
                "summary": "Render Markdown as the site renders posts",
                "requestBody": {"content": {"application/json": {"schema": preview_in}}},
                "responses": _inkwell_json(200, preview_out, "The HTML"),
            }
        },
        "/admin/api/posts/autosave": autosave,
        "/admin/api/pages/autosave": autosave,
        "/admin/api/posts/{post_id}/autosave": {
            "post": {**autosave["post"], "parameters": [path_param("post_id")]}
        },
        "/admin/api/pages/{post_id}/autosave": {
            "post": {**autosave["post"], "parameters": [path_param("post_id")]}
        },
        "/admin/api/media": {
            "get": {
                "summary": "A page of the media library",
                "parameters": [query_param("q", "Search"), query_param("page", "The page")],
                "responses": _inkwell_json(200, listing, "The page"),
            },
            "post": {
                "summary": "Upload an image to the library",
                "requestBody": {
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {"file": {"type": "string", "format": "binary"}},
                            }
                        }
                    }
                },
                "responses": _inkwell_json(201, ref("MediaFile"), "Kept"),
            },
        },
        "/admin/api/media/{media_id}": {
            "delete": {
                "summary": "Delete an image of the library",
                "parameters": [
                    path_param("media_id"),
                    query_param("force", "Even if a post shows it", {"type": "boolean"}),
                ],
                "responses": {"204": {"description": "Deleted"}, **_refusals()},
            }
        },
    }
    for operations in paths.values():
        for operation in operations.values():
            operation["security"] = [{"staffSession": []}]
            operation["tags"] = ["Inkwell admin"]
    return paths
