"""The production-mode commands as a user runs them: `worker --drain`, `deadletters list|replay`."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from adapters.bootstrap import App
from adapters.bus.messages import EVENT_TYPE_HEADER
from adapters.bus.relay import Relay
from adapters.db.tables import outbox
from tests.exactly_once import count
from tests.integration.bus.test_worker import advance, intake_notifications, publish_raw

MELDPUNT = str(Path(sys.executable).with_name("meldpunt"))


def meldpunt(app: App, *args: str) -> subprocess.CompletedProcess[str]:
    s = app.settings
    env = {
        **os.environ,
        "MELDPUNT_DATABASE_URL": s.database_url,
        "MELDPUNT_BROKER_URL": str(s.broker_url),
        "MELDPUNT_DATA_KEYS": s.data_keys.get_secret_value() if s.data_keys else "",
        "MELDPUNT_BROKER_EXCHANGE": s.broker_exchange,
        "MELDPUNT_BROKER_DEAD_LETTER_EXCHANGE": s.broker_dead_letter_exchange,
        "MELDPUNT_BROKER_QUEUE": s.broker_queue,
        "MELDPUNT_BROKER_DEAD_LETTER_QUEUE": s.broker_dead_letter_queue,
        "MELDPUNT_BROKER_DELIVERY_LIMIT": str(s.broker_delivery_limit),
    }
    return subprocess.run([MELDPUNT, *args], env=env, capture_output=True, text=True, timeout=120)


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_worker_drain_and_deadletters_commands_in_production_mode(bus_app: App) -> None:
    publish_raw(bus_app, b"{}", message_id="m-unknown", headers={EVENT_TYPE_HEADER: "Nope"})
    advance(bus_app, 1)
    Relay(bus_app.outbox, bus_app.settings).relay_once()

    events = count(bus_app, outbox)
    drained = as_json(meldpunt(bus_app, "worker", "--drain", "--json"))
    assert drained == {"messages": events + 1}
    assert intake_notifications(bus_app) == 1

    [dead] = as_json(meldpunt(bus_app, "deadletters", "list", "--json"))
    assert dead["message_id"] == "m-unknown"
    assert dead["reason"] == "unknown event type 'Nope'"

    missing = meldpunt(bus_app, "deadletters", "replay", "--message-id", "nope", "--json")
    assert missing.returncode == 5
    neither = meldpunt(bus_app, "deadletters", "replay")
    assert neither.returncode == 2
    assert "--message-id ID of --all" in neither.stderr

    replayed = meldpunt(bus_app, "deadletters", "replay", "--message-id", "m-unknown", "--json")
    assert as_json(replayed) == {"replayed": 1}
    assert as_json(meldpunt(bus_app, "deadletters", "list", "--json")) == []
    # Still malformed: the worker sends it straight back, with the count of its replays.
    assert as_json(meldpunt(bus_app, "worker", "--drain", "--json")) == {"messages": 1}
    [again] = as_json(meldpunt(bus_app, "deadletters", "list", "--json"))
    assert again["replayed"] == 1


def test_relay_and_deadletters_refuse_to_run_without_a_broker(bus_app: App) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDPUNT_")}
    env["MELDPUNT_DATABASE_URL"] = bus_app.settings.database_url
    for args in (["relay"], ["deadletters", "list"]):
        result = subprocess.run(
            [MELDPUNT, *args], env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 2
        assert "MELDPUNT_BROKER_URL is niet ingesteld" in result.stderr
