"""Hostile comments are harmless wherever they are shown.

Every line of ``xss_payloads.txt`` goes through the renderer and the sanitisers; then
Hypothesis mixes the payloads with random text as bodies, names and websites and posts them
through the JSON API of a real app (SQLite and PostgreSQL), and the result is read back as a
browser would parse it: from the API, on the server-rendered post page and in the emails the
real local SMTP server receives. Nothing may run script, carry a handler or a ``javascript:``
URL, or leave the element it is shown in (see ``xss_checks``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, Phase, example, given, note, settings
from hypothesis import strategies as st

from inkwell.comments import service
from inkwell.comments.emails import mail_html
from inkwell.comments.validation import clean_commenter
from inkwell.render.comment_text import render_comment, sanitise_comment_html
from inkwell.render.html_tokens import clean_chars
from tests.comments.xss_checks import (
    COMMENT_TAGS,
    comment_problems,
    parse_fragment,
    payloads,
    script_hooks,
)
from tests.comments.xss_pages import (
    Target,
    check_api_comment,
    check_emails,
    check_post_page,
    check_refused_form,
    find_comment,
    post_through_api,
    safe_website,
    settle,
)

PAYLOADS = payloads()
MAIL_TAGS = {"p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li"}

# Modest: each example is a few real requests; the corpus itself is walked in full below.
# No shrinking: on a database that keeps every earlier example's comments it takes minutes,
# and a failing example is readable as drawn (a corpus line with a little text around it).
PROPERTY = settings(
    max_examples=20,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
_GLUE = st.sampled_from(
    ["", " ", "\n", "\n\n", "*", "**", "`", "```\n", "> ", "- ", "1. ", "[", "](", ")", "<", ">",
     '"', "'", "&", "\\", "&#", "javascript:", "https://fine.example/"]
)  # fmt: skip
_FILLER = st.text(max_size=12)
_PAYLOAD = st.sampled_from(PAYLOADS)


@st.composite
def hostile_text(draw: st.DrawFn, pieces: int = 4) -> str:
    """A payload with random text and Markdown glue around it (and maybe another payload)."""
    parts = draw(st.lists(st.one_of(_PAYLOAD, _FILLER, _GLUE), max_size=pieces))
    parts.insert(draw(st.integers(0, len(parts))), draw(_PAYLOAD))
    return "".join(parts)


BODIES = hostile_text()
NAMES = st.one_of(_PAYLOAD, hostile_text(pieces=1)).map(lambda name: name[:100])
# Half the time none or a plain one, so that most comments get through; every corpus line is
# tried as a website on its own in test_no_corpus_line_is_accepted_as_an_unsafe_website.
WEBSITES = st.one_of(
    st.none(),
    st.just("https://fine.example/about"),
    _PAYLOAD,
    st.builds("{}{}".format, st.sampled_from(["https://fine.example/", "http://"]), _PAYLOAD),
)
_serial = itertools.count(1)


def _unique(body: str) -> str:
    # The same text twice from one client is refused as a double submit; keep each distinct.
    return f"{body}\n\n{next(_serial)}"


@pytest.mark.parametrize("render", [render_comment, sanitise_comment_html])
def test_no_corpus_line_survives_the_renderers(render: Callable[[str], str]) -> None:
    allowed = COMMENT_TAGS | {"b", "i", "u"}  # imported HTML keeps a few more inline tags
    found = {line: comment_problems(render(line), allowed) for line in PAYLOADS}
    assert {line: problems for line, problems in found.items() if problems} == {}


def test_no_corpus_line_survives_the_mail_cleaner() -> None:
    found = {line: script_hooks(parse_fragment(str(mail_html(line)))) for line in PAYLOADS}
    assert {line: problems for line, problems in found.items() if problems} == {}


def test_no_corpus_line_is_accepted_as_an_unsafe_website() -> None:
    accepted = []
    for line in PAYLOADS:
        for website in (line, f"https://fine.example/{line}", f"http://{line}"):
            commenter = service.Commenter(name="Ada", website=website)
            try:
                accepted.append(clean_commenter(commenter, service.CommentSettings()).website)
            except service.CommentInputError as refused:
                assert refused.field == "website"
    assert accepted, "the corpus has plain addresses that must get through"
    assert [site for site in accepted if site is None or not safe_website(site)] == []


def test_template_syntax_in_a_comment_stays_text() -> None:
    assert render_comment("{{ 7*7 }} {% if x %}") == "<p>{{ 7*7 }} {% if x %}</p>"


@PROPERTY
@given(body=BODIES, name=NAMES, website=WEBSITES)
async def test_the_api_serves_hostile_comments_harmlessly(
    target: Target, body: str, name: str, website: str | None
) -> None:
    note(f"body={body!r} name={name!r} website={website!r}")
    posted = await post_through_api(target, _unique(body), name, website)
    if posted is None:
        return  # refused with a precise 4xx, nothing stored (post_through_api checks)
    listed = await target.http.get("/api/comments", params={"post_id": target.post.id})
    assert posted.json["edit_token"] not in listed.text  # only its author ever gets it
    found = find_comment(listed.json()["comments"], posted.id)
    for view in (posted.json, found):
        check_api_comment(view, clean_chars(name).strip(), secrets=(posted.email,))


@PROPERTY
@given(first=BODIES, second=BODIES)
async def test_an_edit_is_as_harmless_as_a_new_comment(
    target: Target, first: str, second: str
) -> None:
    note(f"first={first!r} second={second!r}")
    posted = await post_through_api(target, _unique(first), "Editor")
    assert posted is not None
    edited = await target.http.patch(
        f"/api/comments/{posted.id}",
        json={"body": _unique(second)},
        headers={"X-Edit-Token": posted.json["edit_token"]},
    )
    await settle(target)
    assert edited.status_code in (200, 422), edited.text
    if edited.status_code == 200:
        check_api_comment(edited.json(), "Editor", secrets=(posted.email,))


@PROPERTY
@given(body=BODIES, name=NAMES, website=WEBSITES)
async def test_the_post_page_keeps_hostile_comments_in_their_place(
    target: Target, body: str, name: str, website: str | None
) -> None:
    note(f"body={body!r} name={name!r} website={website!r}")
    posted = await post_through_api(target, _unique(body), name, website)
    if posted is not None:
        assert await check_post_page(target, posted, clean_chars(name).strip()) == (
            f"comment-{posted.id}"
        )


@PROPERTY
@given(body=BODIES, name=NAMES)
async def test_notification_emails_show_hostile_comments_harmlessly(
    followed_target: Target, body: str, name: str
) -> None:
    note(f"body={body!r} name={name!r}")
    posted = await post_through_api(followed_target, _unique(body), name)
    if posted is not None:
        mails = await check_emails(followed_target, posted, clean_chars(name).strip(), MAIL_TAGS)
        assert mails == 2


@PROPERTY
@given(body=BODIES, name=NAMES, website=_PAYLOAD)
@example(body="\nAfter an empty line </textarea>", name="Ada", website="not an address")
async def test_the_refused_form_gives_back_hostile_input_as_typed(
    target: Target, body: str, name: str, website: str
) -> None:
    note(f"body={body!r} name={name!r} website={website!r}")
    assert await check_refused_form(target, _unique(body), name, website) in (303, 400, 422)
