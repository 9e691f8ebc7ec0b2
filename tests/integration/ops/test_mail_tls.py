"""Mail of notifications over TLS, through a real SMTP server (aiosmtpd) with a certificate of
its own: STARTTLS with a login the server only takes over TLS, TLS from the first byte, a
certificate that is not trusted, a server without STARTTLS, and no mail in the clear to
anywhere but this machine."""

import smtplib
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from ipaddress import ip_address
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pydantic import ValidationError
from sqlalchemy import func, select

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from adapters.db.tables import notifications
from adapters.mail import MailNotSecure, send_pending_mail
from config.settings import Settings
from tests.conftest import make_settings, new_report
from workflow.commands import RegisterReport

ADDRESSES = {"role:intake": "intake@meldpunt.example"}


def certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: (certificate, key) as PEM."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp.pem", directory / "smtp.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Received:
    message: Message
    over_tls: bool
    login: bytes | None


class Inbox:
    def __init__(self) -> None:
        self.received: list[Received] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        login = session.auth_data.login if session.authenticated else None
        self.received.append(
            Received(
                message_from_bytes(envelope.content),
                server.transport.get_extra_info("ssl_object") is not None,
                login,
            )
        )
        return "250 OK"


def check_login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"mp", b"geheim")
    return AuthResult(success=ok, handled=False, auth_data=data)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def pem(tmp_path: Path) -> tuple[Path, ssl.SSLContext]:
    cert, key = certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


@pytest.fixture
def server(request: pytest.FixtureRequest, pem: tuple[Path, ssl.SSLContext]) -> Iterator[Any]:
    """A mail server on loopback; `request.param`: "starttls", "implicit" or "plain"."""
    _, context = pem
    inbox, port = Inbox(), free_port()
    kinds: dict[str, dict[str, Any]] = {
        "starttls": {
            "tls_context": context,
            "require_starttls": True,
            "authenticator": check_login,
            "auth_require_tls": True,
        },
        "implicit": {"ssl_context": context, "authenticator": check_login},
        "plain": {},
    }
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kinds[request.param])
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def app_with_a_notification(database_url: str) -> App:
    app = bootstrap(make_settings(database_url))
    upgrade(app.engine)
    app.bus.handle(RegisterReport(actor="intake", report=new_report()))
    app.dispatcher.drain()  # intake is told of the new report
    return app


def unsent(app: App) -> int:
    with app.engine.connect() as conn:
        query = select(func.count()).select_from(notifications)
        return conn.execute(query.where(notifications.c.emailed_at.is_(None))).scalar_one()


def mail_settings(app: App, port: int, **tls: object) -> Settings:
    return make_settings(
        app.settings.database_url,
        smtp_host="127.0.0.1",
        smtp_port=port,
        mail_addresses=ADDRESSES,
        **tls,
    )


@pytest.mark.parametrize("server", ["starttls"], indirect=True)
def test_starttls_with_a_login_checks_the_certificate(
    database_url: str, server: Any, pem: tuple[Path, ssl.SSLContext]
) -> None:
    inbox, port = server
    app = app_with_a_notification(database_url)
    settings = mail_settings(
        app,
        port,
        smtp_starttls=True,
        smtp_ca_file=pem[0],
        smtp_username="mp",
        smtp_password="geheim",
    )
    assert send_pending_mail(app.engine, settings, app.clock()) == 1
    [mail] = inbox.received
    assert mail.over_tls and mail.login == b"mp"
    assert mail.message["To"] == "intake@meldpunt.example"
    assert unsent(app) == 0


@pytest.mark.parametrize("server", ["implicit"], indirect=True)
def test_tls_from_the_first_byte(
    database_url: str, server: Any, pem: tuple[Path, ssl.SSLContext]
) -> None:
    inbox, port = server
    app = app_with_a_notification(database_url)
    settings = mail_settings(app, port, smtp_implicit_tls=True, smtp_ca_file=pem[0])
    assert send_pending_mail(app.engine, settings, app.clock()) == 1
    assert [mail.over_tls for mail in inbox.received] == [True]


@pytest.mark.parametrize("server", ["starttls"], indirect=True)
def test_a_certificate_not_trusted_sends_nothing(database_url: str, server: Any) -> None:
    inbox, port = server
    app = app_with_a_notification(database_url)
    settings = mail_settings(app, port, smtp_starttls=True)  # the system's CAs only
    with pytest.raises(ssl.SSLCertVerificationError):
        send_pending_mail(app.engine, settings, app.clock())
    assert inbox.received == [] and unsent(app) == 1


@pytest.mark.parametrize("server", ["plain"], indirect=True)
def test_a_server_without_starttls_is_not_used_in_the_clear(
    database_url: str, server: Any, pem: tuple[Path, ssl.SSLContext]
) -> None:
    inbox, port = server
    app = app_with_a_notification(database_url)
    settings = mail_settings(app, port, smtp_starttls=True, smtp_ca_file=pem[0])
    with pytest.raises(smtplib.SMTPNotSupportedError):
        send_pending_mail(app.engine, settings, app.clock())
    assert inbox.received == [] and unsent(app) == 1


def test_no_mail_in_the_clear_beyond_this_machine(database_url: str) -> None:
    with pytest.raises(ValidationError, match="not sent in the clear"):
        make_settings(database_url, smtp_host="smtp.example.nl")
    assert make_settings(database_url, smtp_host="smtp.example.nl", smtp_starttls=True)
    assert make_settings(database_url, smtp_host="localhost").smtp_host == "localhost"
    # Settings that escaped the check are refused again where the mail would leave.
    app = app_with_a_notification(database_url)
    settings = mail_settings(app, 25).model_copy(update={"smtp_host": "192.0.2.25"})
    with pytest.raises(MailNotSecure):
        send_pending_mail(app.engine, settings, app.clock())
    assert unsent(app) == 1
