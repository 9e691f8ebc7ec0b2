"""Events per second from the outbox to handled, production mode beside the embedded mode.

    python benchmarks/pipeline.py --cases N --json [--workers K] [--skip-sqlite]

1. production: a fresh PostgreSQL database (on the server of --database-url) and exchange and
   queue names of their own (on --broker-url). N cases are committed first (register with a
   person of its own, assess_risk acute, start_case_direction, close), filling the outbox. K
   `meldpunt worker` processes are started and left to connect; then one relay (a thread in this
   process, already connected) is let loose, and the clock runs until every (event, handler) has
   its handled-message row and the queue is empty. Prints events, handler_runs, seconds,
   events_per_second,
   relay_events_per_second (outbox empty) and each worker's RSS when the 10,000th handler run
   committed and at the end.
2. embedded: the same N cases on a fresh SQLite file, then `worker --drain`'s in-process
   dispatcher; events_per_second over the drain.

The figures include the workers' logging at the level of MELDPUNT_LOG_LEVEL (default INFO).
"""

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from kombu import Connection
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from adapters.bootstrap import App, bootstrap
from adapters.bus.relay import Relay
from adapters.bus.topology import Topology
from adapters.db.migrate import upgrade
from adapters.db.outbox import outbox_row
from adapters.db.tables import handled_messages, outbox
from config.logging import configure_logging
from config.settings import Settings
from workflow.commands import FireTrigger, RegisterReport
from workflow.events import EVENT_TYPES, ReportReceived
from workflow.report import Report
from workflow.transition_data import transition_data

ROOT = Path(__file__).resolve().parents[1]  # the package itself comes from the venv install
REPORT = json.loads((ROOT / "examples" / "report.json").read_text())
PATH = [
    ("assess_risk", {"level": "acute", "indicators": ["runs_away"], "rationale": "runs away"}),
    ("start_case_direction", {"case_director": "anna", "plan": "plan van aanpak"}),
    ("close", {"result": "handed_over_locally", "reason": "handed over"}),
]
MELDPUNT = str(Path(sys.executable).with_name("meldpunt"))
_people = itertools.count(random.randrange(10_000_000, 90_000_000))


def bsn() -> str:
    """A BSN that passes the 11-test, so every case is about another person (no matching)."""
    while True:
        digits = f"{next(_people):08d}"
        if (
            check := sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        ) < 10:
            return digits + str(check)


def one_case(app: App) -> None:
    number = bsn()
    name = "".join("abcdefghij"[int(d)] for d in number)  # names are matched without digits
    subject = {**REPORT["subject"], "bsn": number, "name": f"Fenna {name}", "date_of_birth": None}
    data = {**REPORT, "subject": {**subject, "age_estimate": 15}}
    ref = app.bus.handle(RegisterReport(actor="intake", report=Report.parse(data)))
    for trigger, payload in PATH:
        app.bus.handle(
            FireTrigger(actor="anna", case_id=ref.case_id, data=transition_data(trigger, payload))
        )


def commit_cases(app: App, cases: int) -> tuple[int, int]:
    """Commit the cases (four threads); returns (events, handler runs expected)."""
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: one_case(app), range(cases)))
    with app.engine.connect() as conn:
        types = conn.execute(select(outbox.c.event_type)).scalars().all()
    return len(types), sum(len(app.bus.handler_names(EVENT_TYPES[t])) for t in types)


def synthetic_events(app: App, events: int) -> tuple[int, int]:
    """Bulk outbox rows of ReportReceived (one handler, it stores a notification) for the memory
    run: committing 100,000 events through commands would take most of an hour on this machine."""
    now = app.clock()
    for first in range(0, events, 10_000):
        rows = []
        for n in range(first, min(first + 10_000, events)):
            event = ReportReceived(
                case_id=f"bench-{n}", occurred_at=now, actor="intake", channel="phone"
            )
            rows.append(outbox_row(event, now))
        with app.engine.begin() as conn:
            conn.execute(insert(outbox), rows)
    return events, events * len(app.bus.handler_names(ReportReceived))


def handled(app: App) -> int:
    with app.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(handled_messages)).scalar_one())


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def production(
    cases: int, workers: int, admin_url: str, broker_url: str, synthetic: int = 0
) -> dict[str, Any]:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"meldpunt_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    tag = uuid.uuid4().hex[:8]
    settings = Settings(
        database_url=make_url(admin_url).set(database=name).render_as_string(False),
        broker_url=broker_url,
        data_keys=Fernet.generate_key().decode(),  # type: ignore[arg-type]
        broker_exchange=f"bench{tag}.events",
        broker_queue=f"bench{tag}.handlers",
        broker_dead_letter_exchange=f"bench{tag}.dead",
        broker_dead_letter_queue=f"bench{tag}.dead",
    )
    app = bootstrap(settings)
    upgrade(app.engine)
    processes: list[subprocess.Popen[bytes]] = []
    stop = threading.Event()
    try:
        events, runs = synthetic_events(app, synthetic) if synthetic else commit_cases(app, cases)
        env = {
            **os.environ,
            **{
                f"MELDPUNT_{k.upper()}": str(v)
                for k, v in {
                    "database_url": settings.database_url,
                    "broker_url": broker_url,
                    "data_keys": settings.data_keys.get_secret_value(),  # type: ignore[union-attr]
                    "broker_exchange": settings.broker_exchange,
                    "broker_queue": settings.broker_queue,
                    "broker_dead_letter_exchange": settings.broker_dead_letter_exchange,
                    "broker_dead_letter_queue": settings.broker_dead_letter_queue,
                }.items()
            },
        }
        logs = [Path(tempfile.mkstemp(suffix=".log")[1]) for _ in range(workers)]
        for log in logs:
            with log.open("wb") as out:
                processes.append(
                    subprocess.Popen([MELDPUNT, "worker"], env=env, stdout=out, stderr=out)
                )
        while not all("worker consuming" in log.read_text() for log in logs):
            time.sleep(0.2)
        relay = Relay(app.outbox, settings)
        relay._producer()  # connected and declared before the clock starts
        start = time.perf_counter()
        threading.Thread(target=relay.run, args=(stop,), daemon=True).start()
        relay_done = None
        rss: dict[int, list[int]] = {}  # handler runs committed -> each worker's RSS in KiB
        while (done := handled(app)) < runs or not queue_empty(settings):
            if relay_done is None and app.outbox.status()["pending"] == 0:
                relay_done = time.perf_counter() - start
            if done >= 10_000 * (len(rss) + 1):
                rss[10_000 * (done // 10_000)] = [rss_kb(p.pid) for p in processes]
            # Counting handled messages scans them: poll at about 1 % of the elapsed time, so
            # watching a long run does not load the database it measures.
            time.sleep(min(0.5, max(0.05, (time.perf_counter() - start) / 100)))
        seconds = time.perf_counter() - start
        return {
            "database": "postgresql",
            "broker": "rabbitmq",
            "workers": workers,
            "cases": 0 if synthetic else cases,
            "synthetic_events": synthetic,
            "events": events,
            "handler_runs": runs,
            "seconds": round(seconds, 2),
            "events_per_second": round(events / seconds, 1),
            "relay_events_per_second": round(events / (relay_done or seconds), 1),
            "worker_rss_kb_per_10k_runs": rss,
            "worker_rss_kb_at_end": [rss_kb(p.pid) for p in processes],
        }
    finally:
        stop.set()
        for process in processes:
            process.terminate()
            process.wait()
        remove_topology(settings)
        app.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def queue_empty(settings: Settings) -> bool:
    with Connection(settings.broker_url) as conn:
        queue = Topology.from_settings(settings).queue.bind(conn.default_channel)
        return int(queue.queue_declare(passive=True).message_count) == 0


def remove_topology(settings: Settings) -> None:
    topology = Topology.from_settings(settings)
    with Connection(settings.broker_url) as conn:
        for entity in (
            topology.queue,
            topology.dead_letter_queue,
            topology.exchange,
            topology.dead_letter_exchange,
        ):
            entity.bind(conn.default_channel).delete()


def embedded(cases: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            database_url=f"sqlite:///{folder}/bench.db", data_keys=Fernet.generate_key().decode()
        )  # type: ignore[arg-type]
        app = bootstrap(settings)
        upgrade(app.engine)
        events, runs = commit_cases(app, cases)
        start = time.perf_counter()
        app.dispatcher.drain()
        seconds = time.perf_counter() - start
        app.engine.dispose()
    return {
        "database": "sqlite",
        "broker": None,
        "workers": 1,
        "cases": cases,
        "events": events,
        "handler_runs": runs,
        "seconds": round(seconds, 2),
        "events_per_second": round(events / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument(
        "--synthetic-events",
        type=int,
        default=0,
        help="instead of cases: this many bulk-inserted ReportReceived events",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "MELDPUNT_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument(
        "--broker-url",
        default=os.environ.get("MELDPUNT_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"),
    )
    args = parser.parse_args()
    configure_logging("WARNING", json=True)  # this process's own lines would be noise here
    results = [
        production(
            args.cases, args.workers, args.database_url, args.broker_url, args.synthetic_events
        )
    ]
    if not args.skip_sqlite:
        results.append(embedded(args.cases))
    if args.json:
        print(json.dumps(results))
    else:
        for result in results:
            print(", ".join(f"{k}={v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
