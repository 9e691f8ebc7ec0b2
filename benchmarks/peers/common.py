"""What both peers share: the runner loop, the engine with the service's database settings, and
the plain domain rules a peer team would write for the benchmark's lifecycle."""

import json
import time
import uuid
from abc import ABC, abstractmethod
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

# The next deadline per state a case enters: (kind, calendar days). A peer team's plain version
# of the service's time norms (the service counts working days on its own calendar).
DEADLINES: dict[str, tuple[str, int] | None] = {
    "received": ("assessment", 5),
    "risk_assessed": ("next_step", 10),
    "advised": ("decision", 10),
    "in_case_direction": ("activity", 30),
    "scaled_down_locally": ("follow_up", 30),
    "closed": None,
}
FEEDBACK = timedelta(days=15)  # the reporter hears back within this

# The event each command publishes through the outbox, and the fields of the command's data it
# carries (register: of the report).
EVENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "register": ("ReportReceived", ("channel",)),
    "assess_risk": ("RiskAssessed", ("level",)),
    "advise": ("CaseAdvised", ("advised_party",)),
    "start_case_direction": ("CaseDirectionStarted", ("case_director",)),
    "scale_down": ("CaseScaledDown", ("local_team",)),
    "close": ("CaseClosed", ("result",)),
}


def next_deadline(state: str, now: datetime) -> tuple[datetime | None, str | None]:
    norm = DEADLINES[state]
    if norm is None:
        return None, None
    kind, days = norm
    return now + timedelta(days=days), kind


def outbox_values(
    trigger: str,
    case_id: str,
    actor: str,
    data: dict[str, Any],
    from_state: str | None,
    correlation_id: str,
    now: datetime,
) -> dict[str, Any]:
    """The outbox row of one command: the event as JSON, pending for the relay."""
    event_type, fields = EVENTS[trigger]
    event_id = str(uuid.uuid4())
    payload = {
        "event_id": event_id,
        "case_id": case_id,
        "occurred_at": now.isoformat(),
        "actor": actor,
        "correlation_id": correlation_id,
        "from_state": from_state,
        **{field: data[field] for field in fields},  # a missing field refuses the command
    }
    return {
        "event_id": event_id,
        "event_type": event_type,
        "case_id": case_id,
        "payload": json.dumps(payload, ensure_ascii=False),
        "created_at": now,
        "status": "pending",
        "attempts": 0,
        "available_at": now,
    }


def make_engine(url: str) -> Engine:
    """PostgreSQL as SQLAlchemy sets it up; SQLite with the service's settings, by SQLAlchemy's
    documented recipe for taking over transaction control from the sqlite3 module."""
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            dbapi_connection.execute(f"PRAGMA {pragma}")
        dbapi_connection.execute("PRAGMA busy_timeout=30000")

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # The write lock up front, as the service takes it: a read that upgrades to a write
        # later can fail with SQLITE_BUSY_SNAPSHOT.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class Peer(ABC):
    """A runner of the benchmark: `case` takes one case through the whole lifecycle, one
    transaction per command, and appends each command's own duration."""

    def __init__(self, report: dict[str, Any], life: list[tuple[str, dict[str, Any]]]) -> None:
        self.report = report
        self.life = life

    @abstractmethod
    def register(self, report: dict[str, Any], actor: str) -> str:
        """Store a new case for the report; return its id."""

    @abstractmethod
    def transition(self, case_id: str, trigger: str, data: dict[str, Any], actor: str) -> None:
        """Move the case on by the trigger, with its data."""

    @abstractmethod
    def close(self) -> None: ...

    def case(self, durations: list[float]) -> None:
        started = time.perf_counter()
        case_id = self.register(self.report, "intake")
        durations.append(time.perf_counter() - started)
        for trigger, data in self.life:
            started = time.perf_counter()
            self.transition(case_id, trigger, data, "anna")
            durations.append(time.perf_counter() - started)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
