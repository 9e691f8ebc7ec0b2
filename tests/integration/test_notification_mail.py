"""Reminders by e-mail through a real SMTP server on loopback (aiosmtpd)."""

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from adapters.scheduler.jobs import JOBS
from tests.conftest import REPORT, make_settings, with_people
from workflow.commands import FireTrigger, RegisterReport
from workflow.report import Report
from workflow.transition_data import transition_data


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_each_reminder_is_mailed_once_without_personal_data(
    database_url: str, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    settings = make_settings(
        database_url,
        smtp_host="127.0.0.1",
        smtp_port=port,
        mail_addresses={"anna": "anna@meldpunt.example", "role:intake": "intake@meldpunt.example"},
    )
    app = bootstrap(settings)
    upgrade(app.engine)
    with_people(app)
    ref = app.bus.handle(RegisterReport(actor="intake", report=Report.parse(REPORT)))
    app.bus.handle(
        FireTrigger(
            actor="anna",
            case_id=ref.case_id,
            data=transition_data(
                "assess_risk", {"level": "high", "indicators": ["runs_away"], "rationale": "r"}
            ),
        )
    )
    app.bus.handle(
        FireTrigger(
            actor="anna",
            case_id=ref.case_id,
            data=transition_data("start_case_direction", {"case_director": "anna", "plan": "p"}),
        )
    )
    app.dispatcher.drain()
    now = datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert JOBS["mail_notifications"].run(app, now) == {"mailed": 2}
    assert JOBS["mail_notifications"].run(app, now) == {"mailed": 0}
    assert sorted(m["To"] for m in inbox.messages) == [
        "anna@meldpunt.example",
        "intake@meldpunt.example",
    ]
    for message in inbox.messages:
        body = message.get_payload(decode=True)
        assert isinstance(body, bytes)
        assert ref.case_id in body.decode()
        for secret in ("Fenna", "Testpersoon", "111222333", "Enschede"):
            assert secret not in message.as_string()
    app.engine.dispose()


def test_without_smtp_nothing_is_mailed(database_url: str) -> None:
    app = bootstrap(make_settings(database_url))
    upgrade(app.engine)
    with_people(app)
    assert JOBS["mail_notifications"].run(app, datetime(2026, 11, 30, tzinfo=UTC)) == {"mailed": 0}
    app.engine.dispose()
