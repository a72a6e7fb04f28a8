"""Building a message safely and handing it to SMTP (or to the log when no SMTP server is configured)."""

from __future__ import annotations

import logging
import smtplib
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from flask import current_app

from marketplace import clock

log = logging.getLogger("marketplace.mail")


class ServerUnavailable(Exception):
    """The SMTP server could not be reached or talked to: no email can be sent just now."""


class Undeliverable(Exception):
    """This email can never be sent as it is (it cannot be built, or the server refused it for good)."""


def one_line(text: str) -> str:
    """Header text: CR, LF and other whitespace runs become single spaces (a newline would end the header)."""
    return " ".join(text.split())


def new_message_id() -> str:
    sender_domain = current_app.config["MAIL_FROM"].rpartition("@")[2] or "marketplace.invalid"
    return make_msgid(domain=sender_domain)


def build_message(*, recipient: str, subject: str, body: str, message_id: str | None) -> EmailMessage:
    """Raises Undeliverable for anything that cannot go into a header (never a half-built message)."""
    try:
        to = Address(addr_spec=recipient)
        message = EmailMessage()
        message["From"] = current_app.config["MAIL_FROM"]
        message["To"] = to
        message["Subject"] = one_line(subject)
        message["Date"] = format_datetime(clock.now())
        message["Message-ID"] = message_id or new_message_id()
        message.set_content(body)
        message.as_bytes()  # encode now, so a header that cannot be encoded fails here, for this email alone
    except Exception as error:
        raise Undeliverable(f"The email could not be built: {type(error).__name__}: {error}") from error
    return message


class Connection:
    """One SMTP session for a batch of emails, opened on first use and reopened after any failure."""

    def __init__(self, config: Any) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(polite=True)

    def send(self, message: EmailMessage) -> None:
        if not self.config.get("MAIL_SERVER"):
            log.info("Email (no SMTP configured) to=%s subject=%s\n%s", message["To"], message["Subject"], message)
            return
        try:
            smtp = self._open()
            smtp.send_message(message)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            self.close()
            if _permanent(error):
                raise Undeliverable(f"The mail server refused the email: {error}") from error
            raise
        except (OSError, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected, smtplib.SMTPHeloError) as error:
            self.close()
            raise ServerUnavailable(f"{type(error).__name__}: {error}") from error
        except smtplib.SMTPAuthenticationError as error:
            self.close()
            raise ServerUnavailable(f"The mail server refused our credentials: {error}") from error
        except (UnicodeError, ValueError) as error:
            self.close()
            raise Undeliverable(f"The email could not be encoded: {error}") from error
        except Exception:
            self.close()
            raise

    def _open(self) -> smtplib.SMTP:
        if self._smtp is None:
            config = self.config
            smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config.get("MAIL_TIMEOUT", 10))
            try:
                if config.get("MAIL_USE_TLS"):
                    smtp.starttls()
                if config.get("MAIL_USERNAME"):
                    smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            except Exception:
                smtp.close()
                raise
            self._smtp = smtp
        return self._smtp

    def close(self, *, polite: bool = False) -> None:
        """After a failure, just drop the socket: saying QUIT to a wedged server would wait out another timeout."""
        if self._smtp is not None:
            try:
                if polite:
                    self._smtp.quit()
            except Exception:  # already gone: nothing to tidy
                pass
            finally:
                self._smtp.close()
            self._smtp = None


def _permanent(error: smtplib.SMTPException) -> bool:
    """SMTP 5xx replies mean "never"; 4xx mean "not now"."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
    else:
        codes = [getattr(error, "smtp_code", 0)]
    return bool(codes) and all(500 <= code < 600 for code in codes)
