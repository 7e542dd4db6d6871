"""Reading an Admin API write's body: what is taken, what is ignored, what is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from inkwell.ghost_api.admin_input import Ref, parse_post
from inkwell.ghost_api.errors import BadRequestError, ValidationError


def test_a_body_without_its_root_key_is_a_bad_request() -> None:
    with pytest.raises(BadRequestError, match=r"No root key \('posts'\) provided\."):
        parse_post({"post": [{"title": "x"}]}, "posts", source_param=None, editing=False)


def test_read_only_fields_a_client_sends_back_are_ignored() -> None:
    item = {"title": "T", "id": "x", "uuid": "u", "url": "http://x/", "excerpt": "e"}
    changes = parse_post({"posts": [item]}, "posts", source_param=None, editing=False)
    assert changes.fields == {"title": "T"}


def test_html_is_the_body_only_with_source_html() -> None:
    body = {"posts": [{"title": "T", "html": "<p>Hi</p>"}]}
    assert parse_post(body, "posts", source_param=None, editing=False).source is None
    changes = parse_post(body, "posts", source_param="html", editing=False)
    assert changes.source is not None
    assert (changes.source.format, changes.source.text) == ("html", "<p>Hi</p>")


def test_an_unknown_source_parameter_is_refused_by_name() -> None:
    with pytest.raises(BadRequestError) as caught:
        parse_post({"posts": [{"title": "T"}]}, "posts", source_param="markdown", editing=False)
    assert caught.value.property == "source"


def test_a_markdown_field_is_kept_as_markdown() -> None:
    body = {"posts": [{"title": "T", "markdown": "# Hi"}]}
    changes = parse_post(body, "posts", source_param=None, editing=False)
    assert changes.source is not None
    assert (changes.source.format, changes.source.text) == ("markdown", "# Hi")


def test_a_lexical_markdown_card_is_kept_as_its_markdown() -> None:
    doc = {"root": {"children": [{"type": "markdown", "version": 1, "markdown": "**b**"}]}}
    body = {"posts": [{"title": "T", "lexical": json.dumps(doc)}]}
    changes = parse_post(body, "posts", source_param=None, editing=False)
    assert changes.source is not None
    assert (changes.source.format, changes.source.text) == ("markdown", "**b**")


def test_a_mobiledoc_markdown_card_is_kept_as_its_markdown() -> None:
    doc = {
        "version": "0.3.1",
        "atoms": [],
        "markups": [],
        "cards": [["markdown", {"markdown": "Some *text*"}]],
        "sections": [[10, 0]],
    }
    body = {"posts": [{"title": "T", "mobiledoc": json.dumps(doc)}]}
    changes = parse_post(body, "posts", source_param=None, editing=False)
    assert changes.source is not None
    assert (changes.source.format, changes.source.text) == ("markdown", "Some *text*")


def test_lexical_that_is_not_json_is_a_validation_error_naming_it() -> None:
    body = {"posts": [{"title": "T", "lexical": "{not json"}]}
    with pytest.raises(ValidationError) as caught:
        parse_post(body, "posts", source_param=None, editing=False)
    assert caught.value.property == "lexical"


def test_a_wrongly_typed_field_is_refused_by_name() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_post({"posts": [{"title": 5}]}, "posts", source_param=None, editing=False)
    assert caught.value.property == "title"
    assert caught.value.message == "Validation error, cannot save post."


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(ValidationError, match="cannot save post") as caught:
        parse_post(
            {"posts": [{"title": "T", "status": "sent"}]}, "posts", source_param=None, editing=False
        )
    assert caught.value.property == "status"


def test_a_bad_date_is_refused_by_name() -> None:
    body = {"posts": [{"title": "T", "published_at": "yesterday"}]}
    with pytest.raises(ValidationError) as caught:
        parse_post(body, "posts", source_param=None, editing=False)
    assert caught.value.property == "published_at"


def test_dates_with_z_are_read_as_utc() -> None:
    body = {"posts": [{"title": "T", "published_at": "2026-05-01T10:00:00.000Z"}]}
    changes = parse_post(body, "posts", source_param=None, editing=False)
    assert changes.fields["published_at"] == datetime(2026, 5, 1, 10, tzinfo=UTC)


def test_an_edit_needs_the_updated_at_it_read() -> None:
    with pytest.raises(ValidationError, match="cannot edit post") as caught:
        parse_post({"posts": [{"title": "T"}]}, "posts", source_param=None, editing=True)
    assert caught.value.property == "updated_at"


def test_an_untitled_new_post_is_called_untitled_as_in_ghost() -> None:
    changes = parse_post(
        {"posts": [{"status": "draft"}]}, "posts", source_param=None, editing=False
    )
    assert changes.fields["title"] == "(Untitled)"


def test_tags_and_authors_are_read_as_strings_or_objects() -> None:
    body = {
        "posts": [
            {
                "title": "T",
                "tags": ["Python", {"slug": "sql"}, {"id": "a" * 24}],
                "authors": ["ada@example.com", {"slug": "ada"}],
            }
        ]
    }
    changes = parse_post(body, "posts", source_param=None, editing=False)
    assert changes.tags == [Ref(text="Python"), Ref(slug="sql"), Ref(id="a" * 24)]
    assert changes.authors == [Ref(text="ada@example.com"), Ref(slug="ada")]


def test_a_tag_that_is_neither_string_nor_object_is_refused() -> None:
    body = {"posts": [{"title": "T", "tags": [3]}]}
    with pytest.raises(ValidationError) as caught:
        parse_post(body, "posts", source_param=None, editing=False)
    assert caught.value.property == "tags"


def test_a_lexical_document_of_other_nodes_is_kept_as_its_html() -> None:
    paragraph = {
        "type": "paragraph",
        "children": [{"type": "text", "text": "Plain words", "format": 0}],
    }
    doc = {"root": {"type": "root", "children": [paragraph]}}
    body = {"posts": [{"title": "T", "lexical": json.dumps(doc)}]}
    changes = parse_post(body, "posts", source_param=None, editing=False)
    assert changes.source is not None
    assert changes.source.format == "html"
    assert "Plain words" in changes.source.text


def test_a_lexical_html_card_is_kept_as_its_html() -> None:
    doc = {"root": {"children": [{"type": "html", "version": 1, "html": "<p>Raw</p>"}]}}
    body = {"posts": [{"title": "T", "lexical": json.dumps(doc)}]}
    changes = parse_post(body, "posts", source_param=None, editing=False)
    assert changes.source is not None
    assert (changes.source.format, changes.source.text) == ("html", "<p>Raw</p>")
