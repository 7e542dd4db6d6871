"""The privacy policy's text, written from what the site does (``PolicyFacts``).

Pure: the facts in, Markdown out; no database, no settings objects. ``privacy_page`` gathers
the facts from the settings and keeps the page up to date. Every sentence here must stay true
for the facts it is written under: a test changes each fact and reads the sentence it moves.
"""

from __future__ import annotations

import hashlib
import re
import string
from dataclasses import asdict, dataclass
from typing import Any, Literal

TITLE = "Privacy policy"
DATA_PAGE = "/comments/privacy"
"""Where a commenter asks for an emailed link to download or delete what they wrote."""

Collection = Literal["script", "server", "off"]
_EMAIL = re.compile(r"[^\s<>()\[\]\\,;:\"]+@[^\s<>()\[\]\\,;:\"]+\.[^\s<>()\[\]\\,;:\"]+")


@dataclass(frozen=True)
class PolicyFacts:
    """Everything the policy depends on; two equal facts give the same text."""

    site_title: str
    collection: Collection = "script"
    honour_dnt: bool = True
    outbound_links: bool = False
    custom_events: bool = False
    retention_days: int = 30
    geoip: bool = False
    comments_enabled: bool = True
    guests: bool = True
    magic_link: bool = True
    social_providers: tuple[str, ...] = ()
    """The sign-in providers readers may use (empty when none is configured or allowed)."""
    gravatar: bool = False
    akismet: bool = False
    contact_email: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The facts as JSON values (to remember what a text was written from)."""
        found = asdict(self)
        found["social_providers"] = list(self.social_providers)
        return found


# What each fact is called when the admin says which ones changed since a text was written.
FACT_LABELS = {
    "site_title": "the site's title",
    "collection": "analytics collection",
    "honour_dnt": "Do Not Track / Global Privacy Control",
    "outbound_links": "outbound link clicks",
    "custom_events": "custom events",
    "retention_days": "analytics retention",
    "geoip": "the GeoIP database (INKWELL_GEOIP_DB)",
    "comments_enabled": "comments on or off",
    "guests": "guest comments",
    "magic_link": "sign-in by emailed link",
    "social_providers": "social sign-in providers",
    "gravatar": "Gravatar",
    "akismet": "Akismet",
    "contact_email": "the owner's email address",
}


def digest(text: str) -> str:
    """A fingerprint of a policy text: tells the generated text from a hand edit. Line endings
    and the whitespace around the text do not count (saving may trim them)."""
    cleaned = text.replace("\r\n", "\n").strip()
    return hashlib.sha256(cleaned.encode("utf-8")).hexdigest()


def changed_facts(before: dict[str, Any], now: PolicyFacts) -> list[str]:
    """Labels of the facts that differ between ``before`` (as stored) and ``now``."""
    current = now.as_json()
    return [label for key, label in FACT_LABELS.items() if before.get(key) != current[key]]


def policy_markdown(facts: PolicyFacts) -> str:
    """The whole policy as Markdown (the page's title is separate: ``TITLE``)."""
    parts = [
        _intro(facts),
        _reading(facts),
        _comments(facts),
        _third_parties(facts),
        _email(facts),
        _rights(facts),
    ]
    return "\n\n".join(parts)


def _escape(text: str) -> str:
    # Backslash before every ASCII punctuation mark: CommonMark then shows it as typed.
    return "".join("\\" + c if c in string.punctuation else c for c in text)


def _intro(facts: PolicyFacts) -> str:
    return (
        f"This page says what {_escape(facts.site_title)} keeps about the people who read it "
        "and comment on it, and what it never keeps. It is written by Inkwell, the software "
        "this site runs on, from the site's current settings, and rewritten whenever they "
        "change, so that it describes what the site really does."
    )


def _reading(facts: PolicyFacts) -> str:
    lines = [
        "## Reading this site",
        "",
        "- No cookie is set while you read, and nothing is stored in your browser.",
    ]
    lines += [f"- {sentence}" for sentence in _analytics(facts)]
    lines.append(
        "- Like any web server, the one serving this site may write each request, with the "
        "network address it came from, to a technical log kept to run the site. That log is "
        "not used to count visitors."
    )
    return "\n".join(lines)


def _analytics(facts: PolicyFacts) -> list[str]:
    if facts.collection == "off":
        return ["Visits are not counted: this site keeps no statistics about its readers."]
    how = (
        "A small script, served by this site itself, reports each page you view."
        if facts.collection == "script"
        else "Each page you view is counted by the server as it sends the page; no script "
        "runs for it."
    )
    kept = (
        "For each view the site keeps the page, the host name of the site whose link brought "
        "you here (such as news.example.com, not the full address), the campaign tags in the "
        "link if there are any (utm_source, utm_medium, utm_campaign), and your kind of "
        "browser, operating system and device (desktop, mobile or tablet)."
    )
    sentences = [how, kept, _country(facts.geoip)]
    if facts.outbound_links:
        sentences.append("Clicks on links to other sites are counted too: which link, not who.")
    if facts.custom_events:
        sentences.append("Some buttons and links count how often they are used, not by whom.")
    sentences += [
        "Your network (IP) address and your browser's full identification (its user agent) "
        "are never stored. To tell one visitor from many, they are mixed with a random value "
        "that is replaced every day into a code that cannot be turned back into either. Each "
        "day's value is thrown away when the day ends, so nobody, the site's owner included, "
        "can recognise yesterday's visitors again.",
        _signals(facts.honour_dnt),
        f"The individual page views are deleted after {_days(facts.retention_days)}. What "
        "remains are daily totals (such as how many people read a page on a given day), which "
        "name no one; they are kept.",
    ]
    return sentences


def _country(geoip: bool) -> str:
    if geoip:
        return (
            "Your country is worked out from your network address with a database kept on "
            "this server (no outside service is asked); only the country is kept."
        )
    return "No country or other location is worked out."


def _signals(honour_dnt: bool) -> str:
    if honour_dnt:
        return (
            "If your browser sends Do Not Track or Global Privacy Control, your visits are not "
            "counted at all."
        )
    return (
        "Do Not Track and Global Privacy Control signals are not acted on: visits are counted "
        "in the same way for everyone."
    )


def _days(count: int) -> str:
    return "one day" if count == 1 else f"{count} days"


def _comments(facts: PolicyFacts) -> str:
    lines = ["## Comments", ""]
    if not facts.comments_enabled:
        lines += [
            "New comments are closed at the moment. What was written before is kept as "
            "described here.",
            "",
        ]
    lines += [
        "- A comment keeps what you typed: your name, the text, and the email address and "
        "website if you gave them. Your email address is never shown to other readers.",
        "- Your network address is not stored as such: only a code made from it with this "
        "site's secret is kept, to limit how many comments come from one place and to honour "
        "blocks.",
    ]
    ways = _sign_in_ways(facts)
    if ways:
        how = (
            "You may comment with just a name, or sign in"
            if facts.guests
            else "To comment, sign in"
        )
        lines.append(
            f"- {how} {ways}. Signing in sets one cookie, your session, and only once you sign in."
        )
    if facts.social_providers:
        lines.append(
            "- When you sign in with another service, this site keeps what it says about you: "
            "your name and, when it gives them, your email address and your profile's web "
            "address; nothing more."
        )
    lines.append(_avatars(facts.gravatar))
    return "\n".join(lines)


def _sign_in_ways(facts: PolicyFacts) -> str:
    ways = []
    if facts.magic_link:
        ways.append("with a one-time link sent to your email address")
    if facts.social_providers:
        ways.append("with " + _listed([_escape(name) for name in facts.social_providers]))
    return " or ".join(ways)


def _avatars(gravatar: bool) -> str:
    if gravatar:
        return (
            "- Commenters' pictures come from Gravatar: your browser asks Gravatar's servers "
            "for each picture, using a code made from the commenter's email address."
        )
    return "- Commenters' pictures are drawn by this site; no other service is asked for them."


def _third_parties(facts: PolicyFacts) -> str:
    used = []
    if facts.gravatar:
        used.append(
            "- **Gravatar** (by Automattic) serves commenters' pictures, as described above; it "
            "sees your network address when your browser fetches them."
        )
    if facts.akismet:
        used.append(
            "- **Akismet** (or a compatible spam-checking service) receives each new comment "
            "with its name, email address, website, text, and the network address and browser "
            "identification it was sent from, and answers whether it looks like spam."
        )
    if facts.social_providers:
        names = _listed([_escape(name) for name in facts.social_providers])
        which = "one of them" if len(facts.social_providers) > 1 else "it"
        used.append(f"- **{names}**, only if you choose to sign in with {which}.")
    if facts.geoip:
        used.append(
            "- A GeoIP country database (a file on this server; no request leaves it) turns "
            "network addresses into countries."
        )
    lines = ["## Other services", ""]
    if used:
        lines.append("This site uses these optional services, none of them on by default:")
        lines.append("")
        lines += used
    else:
        lines.append(
            "None. Inkwell can use a few optional services (Gravatar, Akismet, sign-in with "
            "another service, a GeoIP database), none of them on by default, and none is on "
            "here: every page, script, font and picture comes from this site."
        )
    return "\n".join(lines)


def _email(facts: PolicyFacts) -> str:
    uses = ["to send you a sign-in link when you ask for one"] if facts.magic_link else []
    uses += [
        "to tell you about replies to your comment when you ask for that",
        "to send you the links to download or delete what you wrote when you ask for them",
    ]
    if facts.gravatar:
        uses.append("to show your Gravatar picture beside your comments")
    if facts.akismet:
        uses.append("to have each new comment checked for spam by Akismet")
    return (
        "## Email\n\nYour email address is used only "
        + _listed(uses, separator="; ")
        + ". Apart from that it is given to no one and never used for newsletters, and every "
        "reply notification ends with a link that stops them in one click."
    )


def _rights(facts: PolicyFacts) -> str:
    lines = [
        "## Your data",
        "",
        f"On [your comments' page]({DATA_PAGE}) you can ask for an emailed link to download "
        "everything you wrote here, or to delete it. Replies others wrote under a deleted "
        "comment stay, shown under \u201cdeleted\u201d.",
        "",
    ]
    email = facts.contact_email
    if email and _EMAIL.fullmatch(email):
        lines.append(f"For anything else about your data, write to the site's owner at <{email}>.")
    else:
        lines.append("For anything else about your data, write to the site's owner.")
    return "\n".join(lines)


def _listed(items: list[str], separator: str = ", ") -> str:
    if len(items) <= 1:
        return "".join(items)
    last = " and " if separator == ", " else f"{separator}and "
    return separator.join(items[:-1]) + last + items[-1]
