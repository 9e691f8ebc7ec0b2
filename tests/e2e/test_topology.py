"""The production topology of deploy/compose.yaml, started as the same processes with the same
settings (the installed `meldpunt` command, one environment) against this machine's PostgreSQL
(a fresh database) and RabbitMQ (a fresh vhost): one API, two workers, one relay, two schedulers
and partner delivery. Every part is ready, cases go through the API, a worker and the leading
scheduler are killed, the work goes on, and /metrics (added up over all processes) shows it."""

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from adapters.db.tables import notifications
from tests.conftest import fresh_postgres_database, make_settings, report_data
from tests.e2e.production import Process, environment, wait_until
from tests.e2e.serving import free_port, wait_for
from tests.rabbitmq import fresh_vhost, isolated_names
from workflow.access import Role

pytestmark = pytest.mark.e2e
SUBJECT_KEY = "subject-key-of-the-topology-test"
PROCESSES = {
    "worker-1": ["worker"],
    "worker-2": ["worker"],
    "relay": ["relay"],
    "scheduler-1": ["scheduler"],
    "scheduler-2": ["scheduler"],
    "partner-deliver": ["partner", "deliver"],
}


def beats(directory: Path) -> list[dict[str, Any]]:
    found = []
    for path in directory.glob("*.json"):
        try:
            found.append(json.loads(path.read_text()))
        except (OSError, ValueError):  # replaced while read
            continue
    return found


def metric(text: str, name: str, **labels: str) -> float:
    """The sum of the samples of `name` whose labels include `labels`."""
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name and labels.items() <= sample.labels.items()
    )


def test_the_production_topology_keeps_working_when_parts_die(tmp_path: Path) -> None:
    with fresh_vhost() as broker_url:
        url, drop = fresh_postgres_database()
        settings = make_settings(
            url,
            broker_url=broker_url,
            data_keys=Fernet.generate_key().decode(),
            subject_key=SUBJECT_KEY,
            **isolated_names(),
        )
        app = bootstrap(settings)
        upgrade(app.engine)  # compose's `migrate`
        app.users.add("iris", Role.INTAKE)
        token = app.users.issue("iris", 1).token
        heartbeats, metrics_dir = tmp_path / "heartbeats", tmp_path / "metrics"
        metrics_dir.mkdir()
        env = {
            **environment(settings),
            "MELDPUNT_SUBJECT_KEY": SUBJECT_KEY,
            "MELDPUNT_HEARTBEAT_DIR": str(heartbeats),
            "MELDPUNT_HEARTBEAT_INTERVAL_SECONDS": "0.5",
            "MELDPUNT_SCHEDULER_LEADER_POLL_SECONDS": "0.5",
            "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        }
        port = free_port()
        parts = {
            name: Process(args, env, tmp_path / f"{name}.log")
            for name, args in {
                "api": ["api", "--port", str(port)],
                **PROCESSES,
            }.items()
        }
        base = f"http://127.0.0.1:{port}"
        try:
            for part in parts.values():
                part.start()
            wait_for(f"{base}/health/ready", limit=120)
            wait_until(lambda: len(beats(heartbeats)) == len(parts), "every heartbeat", 60)

            def register(count: int) -> None:
                for _ in range(count):
                    answer = httpx.post(
                        f"{base}/api/v1/reports",
                        json=report_data(),
                        headers={"Authorization": f"Bearer {token}"},
                        timeout=30,
                    )
                    assert answer.status_code == 201, answer.text

            def told(expected: int) -> bool:
                # Each report's event handled by a worker: intake is told of it.
                with app.engine.connect() as conn:
                    query = select(func.count()).where(notifications.c.kind == "new_report")
                    return conn.execute(query.select_from(notifications)).scalar_one() == expected

            register(5)
            wait_until(lambda: told(5), "the first reports handled", 60)

            [leading] = [b for b in beats(heartbeats) if b.get("leader")]
            scheduler = next(p for p in parts.values() if p.popen and p.popen.pid == leading["pid"])
            scheduler.kill()
            parts["worker-1"].kill()
            register(5)
            wait_until(lambda: told(10), "the reports after the kills handled", 60)

            def another_leads() -> bool:
                return any(
                    b.get("leader") and b["pid"] != leading["pid"] for b in beats(heartbeats)
                )

            wait_until(another_leads, "the other scheduler to lead", 60)
            ready = wait_for(f"{base}/health/ready").json()
            assert ready["checks"] == {
                "database": "ok",
                "migrations": "ok",
                "broker": "ok",
                "data_keys": "ok",
                "scheduler_leader": "ok",
            }
            shown = httpx.get(f"{base}/metrics").text
            assert (
                metric(shown, "meldpunt_commands_total", command="RegisterReport", outcome="ok")
                == 10
            )
            route = {"method": "POST", "route": "/api/v1/reports", "status": "201"}
            assert metric(shown, "meldpunt_http_requests_total", **route) == 10
            assert metric(shown, "meldpunt_events_relayed_total") >= 10
            handled = metric(
                shown, "meldpunt_events_handled_total", event_type="ReportReceived", outcome="ok"
            )
            assert handled >= 10  # by both workers, the killed one's count kept
            assert metric(shown, "meldpunt_outbox_events", status="dead") == 0
        finally:
            for part in parts.values():
                part.stop()
            app.engine.dispose()
            drop()
    for name, part in parts.items():
        if part.kills == 0:
            assert part.popen is not None and part.popen.returncode == 0, (name, part.log_text())
