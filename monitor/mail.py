"""Email: SMTP settings from the environment, the digest as a message, and delivery.

`smtp_settings(environ)` reads ICSWATCH_SMTP_HOST, ICSWATCH_SMTP_PORT (default 25),
ICSWATCH_SMTP_SECURITY (none | starttls | ssl; default starttls on port 587, ssl on 465, else none),
ICSWATCH_SMTP_USER, ICSWATCH_SMTP_PASSWORD and ICSWATCH_MAIL_FROM, or raises `ConfigError`.
`build_message` returns a multipart/alternative `EmailMessage` (text first, then HTML) with a
Message-ID that depends only on the recipient and the period, so a retry is recognisably the same
message. `deliver` sends one message and raises `DeliveryError` saying what failed.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from .errors import ConfigError, DeliveryError

SECURITY = ("none", "starttls", "ssl")
TIMEOUT_S = 30


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    mail_from: str
    user: str | None = None
    password: str | None = None

    def __str__(self) -> str:  # never shows the password
        return f"{self.host}:{self.port} ({self.security}{', as ' + self.user if self.user else ''})"


def smtp_settings(environ: dict[str, str]) -> SmtpSettings:
    host = environ.get("ICSWATCH_SMTP_HOST", "").strip()
    mail_from = environ.get("ICSWATCH_MAIL_FROM", "").strip()
    missing = [name for name, value in (("ICSWATCH_SMTP_HOST", host), ("ICSWATCH_MAIL_FROM", mail_from)) if not value]
    if missing:
        raise ConfigError(f"sending mail needs {' and '.join(missing)} in the environment (see README, Digest)")
    raw_port = environ.get("ICSWATCH_SMTP_PORT", "").strip() or "25"
    if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
        raise ConfigError(f"ICSWATCH_SMTP_PORT={raw_port!r} is not a port number")
    port = int(raw_port)
    default = {587: "starttls", 465: "ssl"}.get(port, "none")
    security = environ.get("ICSWATCH_SMTP_SECURITY", "").strip().lower() or default
    if security not in SECURITY:
        raise ConfigError(f"ICSWATCH_SMTP_SECURITY={security!r}: use one of {', '.join(SECURITY)}")
    user = environ.get("ICSWATCH_SMTP_USER") or None
    password = environ.get("ICSWATCH_SMTP_PASSWORD") or None
    if user and password is None:
        raise ConfigError("ICSWATCH_SMTP_USER is set but ICSWATCH_SMTP_PASSWORD is not")
    return SmtpSettings(host, port, security, mail_from, user, password)


def message_id(recipient: str, since: datetime, until: datetime) -> str:
    key = f"{recipient.lower()}|{since.isoformat()}|{until.isoformat()}"
    return f"<digest-{hashlib.sha256(key.encode()).hexdigest()[:24]}@icswatch>"


def build_message(*, to: str, name: str | None, mail_from: str, subject: str, text: str, html: str,
                  since: datetime, until: datetime, now: datetime) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = mail_from
    message["To"] = Address(display_name=name or "", addr_spec=to) if name else to
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(to, since, until)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies, please
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    return message


def deliver(message: EmailMessage, smtp: SmtpSettings) -> None:
    """Hand one message to the SMTP server; DeliveryError if it did not take it for every recipient.

    Once the server has accepted the message it is sent, whatever happens after: a QUIT that errors or a
    connection dropped on the way out must not make the digest look undelivered (it would be sent again)."""
    where = f"SMTP server {smtp.host}:{smtp.port}"
    try:
        client = _connect(smtp)
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise DeliveryError(f"cannot deliver through {where} ({smtp.security}): {exc or type(exc).__name__}") from None
    try:
        if smtp.user:
            client.login(smtp.user, smtp.password or "")
        refused = client.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryError(f"{where} refused {_refused(exc.recipients)}", permanent=_all_permanent(exc.recipients)) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"{where}: login as {smtp.user!r} failed: {_reply(exc)}; "
                            "check ICSWATCH_SMTP_USER and ICSWATCH_SMTP_PASSWORD") from None
    except smtplib.SMTPSenderRefused as exc:  # our From address: a settings problem, not the recipient's
        raise DeliveryError(f"{where} refused the sender {smtp.mail_from!r}: {_reply(exc)}; check ICSWATCH_MAIL_FROM") from None
    except smtplib.SMTPDataError as exc:  # the message itself, after the server heard it all
        raise DeliveryError(f"{where} answered {_reply(exc)}", permanent=exc.smtp_code >= 500) from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"{where} answered {_reply(exc)}") from None
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise DeliveryError(f"cannot deliver through {where} ({smtp.security}): {exc or type(exc).__name__}") from None
    finally:
        _quit(client)
    if refused:
        raise DeliveryError(f"{where} refused {_refused(refused)}", permanent=_all_permanent(refused))


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, ssl.SSLError, OSError):
        client.close()


def _all_permanent(recipients: dict) -> bool:
    return all(code >= 500 for code, _text in recipients.values())


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    if smtp.security == "ssl":
        return smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT_S, context=ssl.create_default_context())
    client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_S)
    try:
        if smtp.security == "starttls":
            client.starttls(context=ssl.create_default_context())
    except BaseException:
        client.close()
        raise
    return client


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {text}"


def _refused(recipients: dict) -> str:
    parts = []
    for address, (code, text) in recipients.items():
        reply = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        parts.append(f"{address} ({code} {reply})")
    return ", ".join(parts)
