"""The service with its web pages, served by uvicorn in a thread on a free loopback port, on a
clock the test moves (idle sign-out without waiting), with a person per role who signs in with
a password."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import uvicorn

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from adapters.db.web_accounts import WebAccounts
from adapters.http.app import create_app
from tests.conftest import ManualClock, make_settings
from workflow.access import Role

PASSWORD = "een lang genoeg wachtwoord"
# name, role, team: intake, two case directors of different teams, a team lead, an analyst.
PEOPLE = (
    ("iris", Role.INTAKE, None),
    ("anna", Role.CASE_DIRECTOR, "noord"),
    ("bram", Role.CASE_DIRECTOR, "zuid"),
    ("teun", Role.TEAM_LEAD, None),
    ("aaltje", Role.ANALYST, None),
)


@dataclass
class Served:
    url: str
    app: App
    clock: ManualClock

    def later(self, minutes: int) -> None:
        self.clock.now += timedelta(minutes=minutes)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def running(asgi: Any) -> Iterator[str]:
    """`asgi` served by uvicorn in a thread on a free loopback port: its base URL."""
    port = _free_port()
    config = uvicorn.Config(asgi, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def serve(database_url: str, **settings: Any) -> Iterator[Served]:
    clock = ManualClock()
    app = bootstrap(make_settings(database_url, **settings), clock)
    upgrade(app.engine)
    accounts = WebAccounts(app.engine, clock, app.users)
    for name, role, team in PEOPLE:
        app.users.add(name, role, team)
        accounts.set_password(name, PASSWORD)
    try:
        with running(create_app(app)) as url:
            yield Served(url, app, clock)
    finally:
        app.engine.dispose()
