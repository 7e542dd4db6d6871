"""Outgoing mail: one ``Mailer`` that sends through SMTP, or writes to a local outbox folder.

Every feature that mails someone (password resets, invitations, comment notifications) builds
its text and calls ``await mailer.send(to, subject, text, html=None)``. The mailer makes a
proper message (plain text, optionally an HTML alternative, ``Message-ID``, ``Date``, ``From``
the configured sender) and:

- when an SMTP host is configured, hands it to that server with the standard library's
  ``smtplib`` in a worker thread (so the event loop never waits on the network), over
  implicit TLS (``ssl``) or STARTTLS (``starttls``, refused when the server cannot), logging in
  when a username is set, with a timeout on every network step;
- when no host is configured (the embedded default), writes it as an ``.eml`` file into the
  outbox folder, where an operator (or a test) can open it. ``Delivery.outbox_path`` says where.

Any failure becomes one ``MailError`` whose message is a single line naming what went wrong;
it never contains the SMTP password.
"""

from __future__ import annotations

import asyncio
import logging
import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from uuid import uuid4

from inkwell.core.time import utcnow

logger = logging.getLogger("inkwell.mail")

DEFAULT_SENDER = "Inkwell <noreply@localhost>"
# Headers every message gets from the mailer itself; extra headers may not replace them.
_OWN_HEADERS = frozenset({"from", "to", "subject", "date", "message-id"})


@dataclass(frozen=True)
class MailConfig:
    """How mail leaves this process. An empty ``host`` means "write to ``outbox_dir``"."""

    host: str = ""
    port: int = 587
    username: str = ""
    password: str = field(default="", repr=False)
    sender: str = DEFAULT_SENDER
    starttls: bool = True
    ssl: bool = False
    outbox_dir: Path = Path("./data/outbox")
    timeout: float = 30.0
    """Seconds allowed for each network step (connect, each command) with the SMTP server."""


@dataclass(frozen=True)
class Delivery:
    """What ``Mailer.send`` did with one message."""

    message_id: str
    recipients: tuple[str, ...]
    outbox_path: Path | None = None
    """Set when the message was written to the outbox (no SMTP host configured)."""
    refused: tuple[str, ...] = ()
    """Recipients the SMTP server refused while accepting the others."""


class MailError(Exception):
    """Mail could not be built or sent; the message is one line, without any password."""


class Mailer:
    """Sends mail as configured by one ``MailConfig``; safe to share across tasks."""

    def __init__(self, config: MailConfig) -> None:
        self.config = config

    @property
    def uses_outbox(self) -> bool:
        """True when mail is written to the outbox folder instead of sent (no SMTP host)."""
        return not self.config.host.strip()

    def build(
        self,
        to: str | Sequence[str],
        subject: str,
        text: str,
        html: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> EmailMessage:
        """The message ``send`` would send; raises MailError for a bad address or header.

        ``headers`` are extra headers (``List-Unsubscribe``...); they may not replace the ones
        the mailer sets.
        """
        recipients = _recipients(to)
        try:
            message = EmailMessage()
            message["From"] = self.config.sender
            message["To"] = ", ".join(recipients)
            message["Subject"] = subject
            message["Date"] = format_datetime(utcnow())
            message["Message-ID"] = make_msgid(domain=_domain_of(self.config.sender))
            for name, value in (headers or {}).items():
                if name.lower() in _OWN_HEADERS:
                    raise ValueError(f"the header {name} is set by the mailer")
                message[name] = value
            message.set_content(text)
            if html is not None:
                message.add_alternative(html, subtype="html")
        except (ValueError, TypeError) as exc:  # a header with a line break, a bad sender
            raise MailError(f"cannot build the message: {_one_line(str(exc))}") from None
        return message

    async def send(
        self,
        to: str | Sequence[str],
        subject: str,
        text: str,
        html: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> Delivery:
        """Send a message (text, with an optional HTML alternative and extra ``headers``) to
        ``to``.

        Returns a ``Delivery``; raises MailError when the message cannot be built, the server
        cannot be reached or refuses it, or the outbox cannot be written.
        """
        message = self.build(to, subject, text, html, headers=headers)
        recipients = tuple(_recipients(to))
        message_id = str(message["Message-ID"])
        if self.uses_outbox:
            path = await asyncio.to_thread(self._write_outbox, message)
            logger.info("mail %s written to the outbox: %s", message_id, path)
            return Delivery(message_id, recipients, outbox_path=path)
        refused = await asyncio.to_thread(self._send_smtp, message, recipients)
        logger.info("mail %s sent through %s", message_id, self._server_name)
        return Delivery(message_id, recipients, refused=refused)

    @property
    def _server_name(self) -> str:
        return f"{self.config.host}:{self.config.port}"

    def _write_outbox(self, message: EmailMessage) -> Path:
        folder = self.config.outbox_dir
        name = f"{utcnow():%Y%m%dT%H%M%S}-{uuid4().hex[:12]}.eml"
        path = folder / name
        scratch = folder / f".{name}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            scratch.write_bytes(message.as_bytes())
            os.replace(scratch, path)  # a reader never sees half a message
        except OSError as exc:
            raise MailError(
                f"cannot write mail to the outbox folder {folder}: {exc.strerror or exc}"
            ) from None
        return path

    def _send_smtp(self, message: EmailMessage, recipients: tuple[str, ...]) -> tuple[str, ...]:
        config = self.config
        try:
            smtp = self._connect()
            try:
                if config.starttls and not config.ssl:
                    smtp.starttls(context=ssl.create_default_context())
                    smtp.ehlo()
                if config.username:
                    smtp.login(config.username, config.password)
                refused = smtp.send_message(message, to_addrs=list(recipients))
            finally:
                _quit(smtp)
        except smtplib.SMTPNotSupportedError:
            raise self._error(
                "the server does not offer STARTTLS (set starttls off or ssl on)"
            ) from None
        except smtplib.SMTPAuthenticationError as exc:
            raise self._error(f"login refused ({exc.smtp_code} {_text(exc.smtp_error)})") from None
        except smtplib.SMTPRecipientsRefused as exc:
            raise self._error(
                f"every recipient was refused: {', '.join(sorted(exc.recipients))}"
            ) from None
        except smtplib.SMTPResponseException as exc:
            raise self._error(
                f"the server answered {exc.smtp_code} {_text(exc.smtp_error)}"
            ) from None
        except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
            raise self._error(str(exc) or type(exc).__name__) from None
        return tuple(sorted(refused))

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        if config.ssl:
            return smtplib.SMTP_SSL(
                config.host,
                config.port,
                timeout=config.timeout,
                context=ssl.create_default_context(),
            )
        return smtplib.SMTP(config.host, config.port, timeout=config.timeout)

    def _error(self, reason: str) -> MailError:
        line = _one_line(f"cannot send mail through {self._server_name}: {reason}")
        if self.config.password:
            line = line.replace(self.config.password, "***")
        return MailError(line)


def _quit(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()  # the server hung up first: nothing left to say


def _recipients(to: str | Sequence[str]) -> list[str]:
    found = [to] if isinstance(to, str) else list(to)
    if not found:
        raise MailError("cannot build the message: no recipient")
    for address in found:
        _, parsed = parseaddr(address)
        if "\n" in address or "\r" in address or "@" not in parsed:
            raise MailError(f"cannot build the message: {address!r} is not an email address")
    return found


def _domain_of(sender: str) -> str:
    try:
        domain = Address(addr_spec=parseaddr(sender)[1]).domain
    except (ValueError, IndexError):
        domain = ""
    return domain or "localhost"


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _one_line(text: str) -> str:
    return " ".join(text.split())
