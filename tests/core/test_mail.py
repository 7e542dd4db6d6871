"""Outgoing mail: through a real local SMTP server (aiosmtpd), or into the outbox folder."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from email import message_from_bytes
from email import policy as email_policy
from pathlib import Path

import pytest

from inkwell.core.mail import MailConfig, Mailer, MailError
from inkwell.settings import Settings
from tests.conftest import LocalSMTPServer


def smtp_mailer(server: LocalSMTPServer, **overrides: object) -> Mailer:
    config = MailConfig(
        host="127.0.0.1",
        port=server.port,
        starttls=False,
        sender="Inkwell Blog <blog@example.com>",
        timeout=10,
    )
    return Mailer(MailConfig(**(config.__dict__ | overrides)))  # type: ignore[arg-type]


@pytest.fixture
def login_server() -> Iterator[LocalSMTPServer]:
    server = LocalSMTPServer(logins={"blog": "correct horse"})
    server.start()
    yield server
    server.stop()


async def test_a_text_message_reaches_the_smtp_server(smtp_server: LocalSMTPServer) -> None:
    delivery = await smtp_mailer(smtp_server).send(
        "reader@example.org", "Reset your password", "Open this link: https://blog.test/x"
    )
    [message] = smtp_server.messages
    assert message["Subject"] == "Reset your password"
    assert message["From"] == "Inkwell Blog <blog@example.com>"
    assert message["To"] == "reader@example.org"
    assert message["Message-ID"] == delivery.message_id
    assert message["Message-ID"].endswith("@example.com>")
    assert message["Date"]
    assert message.get_content().strip() == "Open this link: https://blog.test/x"
    assert delivery.outbox_path is None
    assert smtp_server.envelopes[0].rcpt_tos == ["reader@example.org"]


async def test_an_html_alternative_travels_beside_the_text(smtp_server: LocalSMTPServer) -> None:
    await smtp_mailer(smtp_server).send(
        ["a@example.org", "b@example.org"], "Hello", "Plain hello", html="<p>Rich hello</p>"
    )
    [message] = smtp_server.messages
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and "Plain hello" in text.get_content()
    assert html is not None and "<p>Rich hello</p>" in html.get_content()
    assert smtp_server.envelopes[0].rcpt_tos == ["a@example.org", "b@example.org"]


async def test_without_a_host_mail_is_written_to_the_outbox(tmp_path: Path) -> None:
    mailer = Mailer(MailConfig(outbox_dir=tmp_path / "outbox"))
    assert mailer.uses_outbox
    delivery = await mailer.send("owner@example.com", "Welcome", "Sign in at /admin/")
    assert delivery.outbox_path is not None
    assert delivery.outbox_path.parent == tmp_path / "outbox"
    assert delivery.outbox_path.suffix == ".eml"
    message = message_from_bytes(delivery.outbox_path.read_bytes(), policy=email_policy.default)
    assert message["Subject"] == "Welcome"
    assert message["From"] == "Inkwell <noreply@localhost>"
    assert message["Message-ID"] == delivery.message_id
    assert [p.name for p in (tmp_path / "outbox").iterdir()] == [delivery.outbox_path.name]


async def test_an_outbox_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    mailer = Mailer(MailConfig(outbox_dir=blocker / "outbox"))
    with pytest.raises(MailError, match="cannot write mail to the outbox folder") as raised:
        await mailer.send("owner@example.com", "Welcome", "Hi")
    assert "\n" not in str(raised.value)


async def test_a_login_is_used_when_a_username_is_set(login_server: LocalSMTPServer) -> None:
    mailer = smtp_mailer(login_server, username="blog", password="correct horse")
    await mailer.send("reader@example.org", "Hi", "Logged in")
    assert len(login_server.messages) == 1


async def test_a_refused_login_never_shows_the_password(
    login_server: LocalSMTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    mailer = smtp_mailer(login_server, username="blog", password="wrong-s3cret")
    with pytest.raises(MailError, match="login refused") as raised:
        await mailer.send("reader@example.org", "Hi", "Never sent")
    assert "wrong-s3cret" not in str(raised.value)
    assert "\n" not in str(raised.value)
    assert "wrong-s3cret" not in caplog.text
    assert "wrong-s3cret" not in repr(mailer.config)
    assert login_server.messages == []


async def test_starttls_is_refused_when_the_server_does_not_offer_it(
    smtp_server: LocalSMTPServer,
) -> None:
    with pytest.raises(MailError, match="does not offer STARTTLS"):
        await smtp_mailer(smtp_server, starttls=True).send("a@example.org", "Hi", "x")
    assert smtp_server.messages == []


async def test_an_unreachable_server_is_one_line() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailer = Mailer(MailConfig(host="127.0.0.1", port=port, starttls=False, timeout=5))
    with pytest.raises(MailError, match=f"cannot send mail through 127.0.0.1:{port}") as raised:
        await mailer.send("a@example.org", "Hi", "x")
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("address", ["not-an-address", "a@example.org\nBcc: x@evil.test", ""])
async def test_a_bad_recipient_is_refused_before_sending(
    smtp_server: LocalSMTPServer, address: str
) -> None:
    with pytest.raises(MailError, match="is not an email address"):
        await smtp_mailer(smtp_server).send(address, "Hi", "x")
    assert smtp_server.messages == []


async def test_a_subject_with_a_line_break_is_refused(smtp_server: LocalSMTPServer) -> None:
    with pytest.raises(MailError, match="cannot build the message"):
        await smtp_mailer(smtp_server).send("a@example.org", "Hi\nBcc: x@evil.test", "x")
    assert smtp_server.messages == []


async def test_extra_headers_travel_with_the_message(smtp_server: LocalSMTPServer) -> None:
    wanted = {
        "List-Unsubscribe": "<https://blog.test/unsubscribe/abc>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    await smtp_mailer(smtp_server).send("a@example.org", "Hi", "x", headers=wanted)
    [message] = smtp_server.messages
    assert message["List-Unsubscribe"] == "<https://blog.test/unsubscribe/abc>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize(
    "headers",
    [{"X-Note": "a\nBcc: x@evil.test"}, {"From": "someone@evil.test"}, {"message-id": "<x@y>"}],
)
async def test_extra_headers_cannot_inject_or_replace_the_mailers_own(
    smtp_server: LocalSMTPServer, headers: dict[str, str]
) -> None:
    with pytest.raises(MailError, match="cannot build the message"):
        await smtp_mailer(smtp_server).send("a@example.org", "Hi", "x", headers=headers)
    assert smtp_server.messages == []


def test_settings_build_the_mail_config(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        smtp_host=" mail.example.com ",
        smtp_port=465,
        smtp_username="blog",
        smtp_password="s3cret",
        smtp_ssl=True,
        mail_from="Blog <blog@example.com>",
        outbox_dir=tmp_path,
    )
    config = settings.mail_config()
    assert (config.host, config.port, config.username, config.password) == (
        "mail.example.com",
        465,
        "blog",
        "s3cret",
    )
    assert config.ssl and config.starttls
    assert config.sender == "Blog <blog@example.com>"
    assert config.outbox_dir == tmp_path
    assert settings.masked()["INKWELL_SMTP_PASSWORD"] == "***"


def test_by_default_mail_goes_to_the_outbox() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert Mailer(settings.mail_config()).uses_outbox
    assert settings.mail_config().outbox_dir == Path("data/outbox")


def test_a_sender_without_an_address_is_refused() -> None:
    from inkwell.settings import SettingsError, load_settings

    with pytest.raises(SettingsError, match="invalid setting INKWELL_MAIL_FROM"):
        load_settings(mail_from="Inkwell")
