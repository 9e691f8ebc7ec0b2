"""How fast cases move through their whole life, against what the database alone allows and
against two peers: the same lifecycle as another team would build it.

    python benchmarks/lifecycle.py --cases N --json [--database-url URL] [--no-peers]

1. service: N cases from register to close (register, assess_risk high, advise,
   start_case_direction, scale_down, close) through the public service layer,
   `bootstrap().bus.handle(command)`, one command at a time. Prints commands, seconds,
   commands_per_second, p50_ms and p99_ms.
2. floor: the same writes with the raw driver (sqlite3 or psycopg) alone, one transaction per
   command: SELECT the case row, UPDATE it with the version check, INSERT the history row and the
   outbox row (register: INSERT the case, the report, history and outbox), with the same SQLite
   pragmas (WAL, synchronous=FULL, BEGIN IMMEDIATE). The rows are those the service writes for
   one sample case, encrypted blobs included, replayed under a new id per case, so the floor pays
   for the I/O and none of the domain work. Prints floor_commands_per_second and
   ratio = service / floor.
3. peers (`benchmarks/peers/`, on by default, `--no-peers` to skip): the same six commands per
   case with the same durable writes per command (one transaction: load the case, run the step,
   UPDATE the case row with an optimistic version check, INSERT history and outbox; register:
   case, report, history, outbox), report and history data encrypted with Fernet, each peer on
   its own schema (metadata.create_all) with the same SQLite pragmas:
   - spiff: SpiffWorkflow 3.2 runs `peers/lifecycle.bpmn` (five user tasks in sequence); the
     workflow is stored in the case row by `BpmnWorkflowSerializer` and restored per command;
     SQLAlchemy Core statements.
   - orm: one shared `transitions.Machine(model=None)` fired on SQLAlchemy ORM objects (the
     static-machine pattern), one Session per command, `version_id_col` for the version check.
   Neither peer makes the service's intake look-ups, validates the trigger data beyond its
   required fields or counts working days (deadlines are plain calendar-day norms), so the
   ratios are the service's price for those too. Prints spiff_ and orm_ figures, ratio_to_spiff,
   ratio_to_orm, faster_peer and ratio_to_faster_peer (service / peer commands per second).
   SpiffWorkflow comes with the bench extra: pip install -e .[bench].

All run case by case in turn, each on its own fresh database, so a machine that gets busier or
quieter during the run affects them alike; `seconds` sums the commands' own times. Default
database: a fresh SQLite file in a temporary folder. With a postgresql URL, a fresh database is
created on that server for each side and dropped afterwards. Results: docs/benchmarks.md.

Diagnostics (the headline figures stay as above):
  --breakdown      also print the median time of each statement of the service and the floor
                   (the statements and COMMIT), in ms; the peers are not broken down
  --floor-pause-ms busy-wait this long after each floor command, as the service's own work
                   spaces its commits; shows what a pause does to the price of the next fsync
"""

import argparse
import collections
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.bootstrap import bootstrap
from adapters.crypto import FieldCipher
from adapters.db.case_rows import case_values, new_case_values
from adapters.db.engine import make_engine
from adapters.db.migrate import upgrade
from config.logging import configure_logging
from config.reference import load_time_norms
from config.settings import Settings
from workflow.calendar import WorkingDayCalendar
from workflow.case import Case
from workflow.commands import FireTrigger, RegisterReport
from workflow.deadlines import DeadlinePolicy
from workflow.report import Report
from workflow.transition_data import transition_data

REPORT = json.loads((Path(__file__).resolve().parents[1] / "examples" / "report.json").read_text())
LIFE: list[tuple[str, dict[str, Any]]] = [
    ("assess_risk", {"level": "high", "indicators": ["runs_away"], "rationale": "runs away"}),
    ("advise", {"advice": "talk to the school mentor", "advised_party": "professional"}),
    ("start_case_direction", {"case_director": "anna", "plan": "plan van aanpak"}),
    ("scale_down", {"local_team": "Wijkteam Enschede-Zuid", "handover": "warm handover"}),
    ("close", {"result": "handed_over_locally", "reason": "follow-ups fine"}),
]
COMMANDS_PER_CASE = 1 + len(LIFE)
WARM_UP_CASES = 5


# --- databases --------------------------------------------------------------------------------


@contextmanager
def fresh_database(server_url: str | None) -> Iterator[str]:
    """A new, empty database: a file in a temporary folder (SQLite, also when an sqlite URL is
    given) or a database on the given server (PostgreSQL); removed afterwards."""
    if server_url is None or make_url(server_url).get_backend_name() == "sqlite":
        with tempfile.TemporaryDirectory(prefix="meldpunt-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'lifecycle.db'}"
        return
    url = make_url(server_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"meldpunt_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def migrate(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()


def timings_summary(name: str, durations: list[float]) -> dict[str, Any]:
    """`seconds` is the sum of the commands' own times, so set-up and the other side's turns
    are left out."""
    ordered = sorted(durations)
    seconds = sum(durations)
    return {
        f"{name}commands": len(durations),
        f"{name}seconds": round(seconds, 3),
        f"{name}commands_per_second": round(len(durations) / seconds, 1),
        f"{name}p50_ms": round(statistics.median(ordered) * 1000, 3),
        f"{name}p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 3),
    }


# --- the service --------------------------------------------------------------------------------


class Service:
    """The public service layer: `bootstrap().bus.handle(command)`, one command at a time."""

    def __init__(self, url: str, key: str) -> None:
        self.app = bootstrap(Settings(database_url=url, data_keys=key))  # type: ignore[arg-type]
        self.count = 0

    def next_report(self) -> Report:
        """Each case its own subject, as in real life: the same child reported over and over
        would make every registration look up (and link) all the earlier ones."""
        self.count += 1
        subject = {
            **REPORT["subject"],
            "name": f"Testpersoon {self.count}",
            "date_of_birth": (date(2005, 1, 1) + timedelta(days=self.count)).isoformat(),
            "bsn": None,
        }
        return Report.parse({**REPORT, "subject": subject})

    def case(self, durations: list[float]) -> None:
        command = RegisterReport(actor="intake", report=self.next_report())
        started = time.perf_counter()
        ref = self.app.bus.handle(command)
        durations.append(time.perf_counter() - started)
        for trigger, data in LIFE:
            command = FireTrigger(
                actor="anna", case_id=ref.case_id, data=transition_data(trigger, data)
            )
            started = time.perf_counter()
            self.app.bus.handle(command)
            durations.append(time.perf_counter() - started)

    def close(self) -> None:
        self.app.engine.dispose()


# --- the floor ----------------------------------------------------------------------------------


def sample_rows(key: str) -> list[dict[str, Any]]:
    """Per command, the rows the service writes for one case (case_id filled in later)."""
    cipher = FieldCipher([key])
    norms = load_time_norms()
    deadlines = DeadlinePolicy(norms, WorkingDayCalendar(norms.extra_closed_days))
    report = Report.parse(REPORT)
    now = datetime.now(UTC)
    case = Case.register(report, "intake", now, uuid.uuid4().hex)
    case.alerts.reschedule(deadlines.next_deadline(case))
    case.alerts.expect_feedback(deadlines.feedback_due(case.received_at))
    steps = [
        {
            "case": {**new_case_values(case), **case_values(case, now), "created_at": now},
            "report": {
                "channel": report.channel.value,
                "received_at": report.received_at,
                "content": cipher.encrypt(report.model_dump_json()),
            },
        }
    ]
    for trigger, data in LIFE:
        case.fire(transition_data(trigger, data), "anna", now, uuid.uuid4().hex)
        case.alerts.reschedule(deadlines.next_deadline(case))
        steps.append({"case": case_values(case, now), "loaded_version": case.version - 1})
    for step, entry, event in zip(steps, case.new_history, case.events, strict=True):
        step["history"] = {
            "seq": entry.seq,
            "trigger": entry.trigger,
            "from_state": entry.from_state.value if entry.from_state else None,
            "to_state": entry.to_state.value,
            "actor": entry.actor,
            "occurred_at": entry.occurred_at,
            "data": cipher.encrypt(json.dumps(entry.data, ensure_ascii=False)),
            "correlation_id": entry.correlation_id,
        }
        step["outbox"] = {
            "event_type": type(event).__name__,
            "payload": event.model_dump_json(),
            "created_at": now,
            "status": "pending",
            "attempts": 0,
            "available_at": now,
        }
    return steps


def _insert_sql(table: str, columns: list[str], mark: Callable[[str], str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(map(mark, columns))})"


class Floor:
    """The same writes as the service, statement by statement, on the raw DB-API connection."""

    def __init__(self, conn: Any, mark: Callable[[str], str], steps: list[dict[str, Any]]) -> None:
        self.conn = conn
        self.steps = steps
        self.insert = {
            name: _insert_sql(
                "cases" if name == "case" else "reports" if name == "report" else name,
                ["case_id", *steps[0][name]] if name != "case" else list(steps[0][name]),
                mark,
            )
            for name in ("case", "report")
        }
        self.insert_history = _insert_sql("case_history", ["case_id", *steps[0]["history"]], mark)
        self.insert_outbox = _insert_sql(
            "outbox", ["event_id", "case_id", *steps[0]["outbox"]], mark
        )
        changed = list(steps[1]["case"])
        self.select = f"SELECT * FROM cases WHERE id = {mark('id')}"
        assignments = ", ".join(f"{c} = {mark(c)}" for c in changed)
        self.update = (
            f"UPDATE cases SET {assignments} WHERE id = {mark('id')} "
            f"AND version = {mark('loaded_version')}"
        )

    def command(self, index: int, case_id: str) -> None:
        step = self.steps[index]
        cur = self.conn.cursor()
        if index == 0:
            cur.execute(self.insert["case"], {**step["case"], "id": case_id})
            cur.execute(self.insert["report"], {**step["report"], "case_id": case_id})
        else:
            if cur.execute(self.select, {"id": case_id}).fetchone() is None:
                raise LookupError(case_id)
            cur.execute(
                self.update,
                {**step["case"], "id": case_id, "loaded_version": step["loaded_version"]},
            )
            if cur.rowcount != 1:
                raise RuntimeError("version check failed")
        cur.execute(self.insert_history, {**step["history"], "case_id": case_id})
        cur.execute(
            self.insert_outbox,
            {**step["outbox"], "event_id": str(uuid.uuid4()), "case_id": case_id},
        )


def sqlite_value(value: Any) -> Any:
    """What SQLAlchemy's UtcDateTime and Boolean store in SQLite."""
    if isinstance(value, datetime):
        return (
            value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        )
    if isinstance(value, bool):
        return int(value)
    return value


class RawDriver:
    """The floor: the same rows through the bare DB-API connection, one transaction a command."""

    def __init__(self, url: str, key: str) -> None:
        self.pause = 0.0
        steps = sample_rows(key)
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            steps = [{part: _sqlite_row(rows) for part, rows in step.items()} for step in steps]
            self.conn: Any = sqlite3.connect(
                parsed.database or "", isolation_level=None, timeout=30
            )
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
                self.conn.execute(f"PRAGMA {pragma}")
            self.begin: Callable[[], object] = lambda: self.conn.execute("BEGIN IMMEDIATE")
            self.commit: Callable[[], object] = lambda: self.conn.execute("COMMIT")
            self.floor = Floor(self.conn, lambda c: f":{c}", steps)
        else:
            import psycopg

            url_text = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
            self.conn = psycopg.connect(url_text)
            self.begin = lambda: None  # psycopg opens the transaction on the first statement
            self.commit = self.conn.commit
            self.floor = Floor(self.conn, lambda c: f"%({c})s", steps)

    def case(self, durations: list[float]) -> None:
        case_id = str(uuid.uuid4())
        for index in range(COMMANDS_PER_CASE):
            started = time.perf_counter()
            self.begin()
            self.floor.command(index, case_id)
            self.commit()
            durations.append(time.perf_counter() - started)
            until = time.perf_counter() + self.pause  # --floor-pause-ms: busy, not timed
            while time.perf_counter() < until:
                pass

    def close(self) -> None:
        self.conn.close()


def _sqlite_row(rows: Any) -> Any:
    return {k: sqlite_value(v) for k, v in rows.items()} if isinstance(rows, dict) else rows


# --- diagnostics -------------------------------------------------------------------------------

STATEMENT_TIMES: dict[str, list[float]] = collections.defaultdict(list)


def _label(sql: str) -> str:
    words = sql.split()
    table = next((w for w in words[1:6] if w.islower() and w.isidentifier()), "")
    return " ".join([words[0], table]).strip()


def time_statements(service: "Service", floor: "RawDriver") -> None:
    """Time every statement of both sides, by its first word and table: the service's through
    SQLAlchemy's cursor events, the floor's around its cursor."""
    started: list[float] = []

    @sa.event.listens_for(service.app.engine, "before_cursor_execute")
    def _before(*_: Any) -> None:
        started.append(time.perf_counter())

    @sa.event.listens_for(service.app.engine, "after_cursor_execute")
    def _after(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        STATEMENT_TIMES[f"service {_label(sql)}"].append(time.perf_counter() - started.pop())

    class TimedCursor:
        def __init__(self, cursor: Any) -> None:
            self.cursor = cursor

        def execute(self, sql: str, params: Any = None) -> Any:
            started = time.perf_counter()
            result = self.cursor.execute(sql, params)
            STATEMENT_TIMES[f"floor {_label(sql)}"].append(time.perf_counter() - started)
            return result

        def __getattr__(self, name: str) -> Any:
            return getattr(self.cursor, name)

    class TimedConnection:
        def cursor(self) -> TimedCursor:
            return TimedCursor(floor.conn.cursor())

    floor.floor.conn = TimedConnection()
    commit = floor.commit

    def timed_commit() -> object:
        started = time.perf_counter()
        result = commit()
        STATEMENT_TIMES["floor COMMIT"].append(time.perf_counter() - started)
        return result

    floor.commit = timed_commit


# --- main ---------------------------------------------------------------------------------------


def load_peers() -> list[tuple[str, Callable[..., Any]]]:
    """The peers' runner classes (prefix, class), imported only when they run."""
    try:
        from benchmarks.peers.orm import OrmPeer
        from benchmarks.peers.spiff import SpiffPeer
    except ModuleNotFoundError as error:
        raise SystemExit(f"lifecycle.py: {error}") from error
    return [("spiff_", SpiffPeer), ("orm_", OrmPeer)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--log-level", default="WARNING", help="service log level")
    parser.add_argument("--breakdown", action="store_true", help="time each statement")
    parser.add_argument("--floor-pause-ms", type=float, default=0.0, help="see the docstring")
    parser.add_argument(
        "--peers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also run the SpiffWorkflow and transitions+ORM peers",
    )
    args = parser.parse_args()
    configure_logging(args.log_level, json=True)
    key = Fernet.generate_key().decode()
    peers = load_peers() if args.peers else []

    # Per side, by its output prefix: "" the service, then the floor, then the peers.
    durations: dict[str, list[float]] = {"": [], "floor_": []}
    durations |= {prefix: [] for prefix, _ in peers}
    with ExitStack() as databases:
        service_url, floor_url, *peer_urls = (
            databases.enter_context(fresh_database(args.database_url)) for _ in durations
        )
        migrate(service_url)
        migrate(floor_url)
        backend = make_url(service_url).get_backend_name()
        floor_runner = RawDriver(floor_url, key)
        runners: list[Any] = [Service(service_url, key), floor_runner]
        runners += [
            peer(url, key, REPORT, LIFE) for (_, peer), url in zip(peers, peer_urls, strict=True)
        ]
        floor_runner.pause = args.floor_pause_ms / 1000
        if args.breakdown:
            time_statements(runners[0], floor_runner)
        started = time.perf_counter()
        # Case by case, in turn: a machine that gets busier or quieter affects all alike.
        for n in range(WARM_UP_CASES + args.cases):
            if n == WARM_UP_CASES:
                for side in durations.values():
                    side.clear()
                STATEMENT_TIMES.clear()
            for runner, side in zip(runners, durations.values(), strict=True):
                runner.case(side)
        wall = time.perf_counter() - started
        for runner in runners:
            runner.close()

    result: dict[str, Any] = {"backend": backend, "cases": args.cases}
    result |= timings_summary("", durations[""])
    result |= timings_summary("floor_", durations["floor_"])
    result["ratio"] = round(result["commands_per_second"] / result["floor_commands_per_second"], 3)
    if peers:
        for prefix, _ in peers:
            result |= timings_summary(prefix, durations[prefix])
        for prefix, _ in peers:
            ratio = result["commands_per_second"] / result[f"{prefix}commands_per_second"]
            result[f"ratio_to_{prefix.rstrip('_')}"] = round(ratio, 3)
        faster = max(
            (prefix for prefix, _ in peers), key=lambda p: result[f"{p}commands_per_second"]
        )
        result["faster_peer"] = faster.rstrip("_")
        result["ratio_to_faster_peer"] = result[f"ratio_to_{faster.rstrip('_')}"]
    result["wall_seconds"] = round(wall, 1)
    if args.floor_pause_ms:
        result["floor_pause_ms"] = args.floor_pause_ms
    if args.breakdown:
        result["statement_p50_ms"] = {
            name: round(statistics.median(times) * 1000, 3)
            for name, times in sorted(STATEMENT_TIMES.items())
        }
    if args.json:
        print(json.dumps(result))
    else:
        for name, value in result.items():
            print(f"{name:>28}: {value}")


if __name__ == "__main__":
    main()
