"""The policy's text: each fact moves the sentence that depends on it, and only that."""

from __future__ import annotations

from dataclasses import replace

from inkwell.analytics.privacy_policy import (
    PolicyFacts,
    changed_facts,
    policy_markdown,
)
from inkwell.render import render_markdown

DEFAULTS = PolicyFacts(site_title="Notes")


def text(**changes: object) -> str:
    return policy_markdown(replace(DEFAULTS, **changes))  # type: ignore[arg-type]


def section(markdown: str, heading: str) -> str:
    """The lines under ``## heading``, up to the next heading."""
    after = markdown.split(f"## {heading}\n", 1)[1]
    return after.split("\n## ", 1)[0]


def test_by_default_no_other_service_is_used() -> None:
    others = section(text(), "Other services")
    assert others.strip().startswith("None.")
    assert "none of them on by default" in others


def test_gravatar_on_is_named_as_a_service_and_for_avatars() -> None:
    policy = text(gravatar=True)
    assert "**Gravatar**" in section(policy, "Other services")
    assert "pictures come from Gravatar" in section(policy, "Comments")


def test_gravatar_off_says_pictures_are_drawn_here() -> None:
    assert "drawn by this site" in section(text(), "Comments")
    assert "Gravatar's servers" not in text()


def test_akismet_on_says_what_is_sent() -> None:
    others = section(text(akismet=True), "Other services")
    assert "**Akismet**" in others
    assert "network address" in others


def test_a_geoip_database_means_the_country_is_worked_out() -> None:
    reading = section(text(geoip=True), "Reading this site")
    assert "Your country is worked out" in reading
    assert "GeoIP" in section(text(geoip=True), "Other services")


def test_without_geoip_no_country_is_worked_out() -> None:
    assert "No country or other location is worked out." in text()


def test_collection_off_says_nothing_is_counted() -> None:
    reading = section(text(collection="off"), "Reading this site")
    assert "Visits are not counted" in reading
    assert "page views are deleted" not in reading


def test_script_collection_names_the_script() -> None:
    assert "A small script, served by this site itself" in text(collection="script")


def test_server_collection_says_no_script_runs() -> None:
    assert "no script runs" in text(collection="server")


def test_retention_is_the_setting() -> None:
    assert "deleted after 90 days" in text(retention_days=90)
    assert "deleted after one day" in text(retention_days=1)


def test_what_analytics_never_keeps_is_said() -> None:
    reading = section(text(), "Reading this site")
    assert "No cookie is set" in reading
    assert "user agent" in reading and "are never stored" in reading
    assert "thrown away when the day ends" in reading


def test_do_not_track_honoured_or_not() -> None:
    assert "your visits are not counted at all" in text(honour_dnt=True)
    assert "signals are not acted on" in text(honour_dnt=False)


def test_outbound_clicks_are_mentioned_only_when_counted() -> None:
    assert "links to other sites are counted" in text(outbound_links=True)
    assert "links to other sites are counted" not in text()


def test_social_providers_are_named_as_services() -> None:
    policy = text(social_providers=("GitHub", "Google"))
    assert "**GitHub and Google**" in section(policy, "Other services")
    assert "with GitHub and Google" in section(policy, "Comments")


def test_one_provider_is_named_alone() -> None:
    others = section(text(social_providers=("GitHub",)), "Other services")
    assert "**GitHub**, only if you choose to sign in with it." in others


def test_without_guests_commenting_needs_signing_in() -> None:
    assert "To comment, sign in with a one-time link" in text(guests=False)
    assert "You may comment with just a name" in text(guests=True)


def test_the_email_section_names_akismet_when_it_gets_the_address() -> None:
    assert "checked for spam by Akismet" in section(text(akismet=True), "Email")
    assert "Akismet" not in section(text(), "Email")


def test_comments_say_the_address_is_only_hashed() -> None:
    comments = section(text(), "Comments")
    assert "name, the text, and the email address and website" in comments
    assert "not stored as such" in comments


def test_closed_comments_are_said_to_be_closed() -> None:
    assert "New comments are closed" in text(comments_enabled=False)


def test_email_use_names_sign_in_links_only_when_offered() -> None:
    assert "sign-in link" in section(text(magic_link=True), "Email")
    assert "sign-in link" not in section(text(magic_link=False), "Email")
    assert "stops them in one click" in text()


def test_the_data_page_and_the_contact_are_given() -> None:
    rights = section(text(contact_email="me@example.org"), "Your data")
    assert "(/comments/privacy)" in rights
    assert "<me@example.org>" in rights


def test_no_contact_address_without_a_usable_email() -> None:
    assert "write to the site's owner." in text(contact_email=None)
    assert "<a b@c>" not in text(contact_email="a b@c")


def test_the_site_title_is_shown_as_typed() -> None:
    html = render_markdown(text(site_title="<b>*Bold*</b> & co"))
    assert "&lt;b&gt;*Bold*&lt;/b&gt; &amp; co" in html


def test_changed_facts_name_what_moved() -> None:
    before = DEFAULTS.as_json()
    assert changed_facts(before, replace(DEFAULTS, gravatar=True, retention_days=7)) == [
        "analytics retention",
        "Gravatar",
    ]
    assert changed_facts(before, DEFAULTS) == []
