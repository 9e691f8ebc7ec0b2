"""E-mail of stored notifications through SMTP.

At least once: a crash between sending and marking may send a mail twice, so each carries a
stable Message-ID (`<notification-ID@meldpunt>`) by which mail systems can drop the copy. The
mail says that something waits and for which case, never a name or a detail: e-mail is not the
place for data about victims."""

import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage

import structlog
from sqlalchemy import Engine, select, update

from adapters.db.tables import notifications
from config.settings import Settings, loopback
from config.texts import Texts

log = structlog.get_logger(__name__)


def compose(settings: Settings, row_id: int, kind: str, case_id: str, to: str) -> EmailMessage:
    t = Texts(settings.language)
    label = t.label("notification", kind)
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = t("mail.subject", label=label)
    message["Message-ID"] = f"<notification-{row_id}@meldpunt>"
    message.set_content(t("mail.body", label=label, case_id=case_id))
    return message


class MailNotSecure(Exception):
    """Mail would leave this machine unencrypted: nothing is sent."""


def connect(settings: Settings, host: str) -> smtplib.SMTP:
    """A session with the mail server: TLS from the first byte or by STARTTLS, the server's
    certificate checked (against MELDPUNT_SMTP_CA_FILE when set), then the login when one is
    configured. In the clear only to this machine; a server that does not offer STARTTLS when
    asked is an error, not a reason to go on without."""
    tls = settings.smtp_starttls or settings.smtp_implicit_tls
    if not tls and not loopback(host):
        raise MailNotSecure(f"{host} is not this machine and TLS is off")
    ca_file = str(settings.smtp_ca_file) if settings.smtp_ca_file else None
    context = ssl.create_default_context(cafile=ca_file)
    smtp: smtplib.SMTP
    if settings.smtp_implicit_tls:
        smtp = smtplib.SMTP_SSL(host, settings.smtp_port, timeout=30, context=context)
    else:
        smtp = smtplib.SMTP(host, settings.smtp_port, timeout=30)
    try:
        if settings.smtp_starttls:
            smtp.starttls(context=context)
        if settings.smtp_username and settings.smtp_password:
            smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
    except BaseException:
        smtp.close()
        raise
    return smtp


def send_pending_mail(engine: Engine, settings: Settings, now: datetime, limit: int = 200) -> int:
    """Mail every stored notification whose recipient has an address; returns how many."""
    if settings.smtp_host is None or not settings.mail_addresses:
        return 0
    query = (
        select(
            notifications.c.id,
            notifications.c.recipient,
            notifications.c.kind,
            notifications.c.case_id,
        )
        .where(
            notifications.c.emailed_at.is_(None),
            notifications.c.recipient.in_(list(settings.mail_addresses)),
        )
        .order_by(notifications.c.id)
        .limit(limit)
    )
    with engine.connect() as conn:
        pending = conn.execute(query).all()
    if not pending:
        return 0
    with connect(settings, settings.smtp_host) as smtp:
        for row in pending:
            to = settings.mail_addresses[row.recipient]
            smtp.send_message(compose(settings, row.id, row.kind, row.case_id, to))
            with engine.begin() as conn:
                conn.execute(
                    update(notifications).where(notifications.c.id == row.id).values(emailed_at=now)
                )
    log.info("notifications mailed", count=len(pending))
    return len(pending)
