"""Partners are told what was true at the event, however late its handler runs.

A deliberate backlog: a case's whole course is committed before any handler runs (the embedded
dispatcher does not drain in between; on the broker the relay publishes it all before a worker
takes it, in batches). Each disclosure must still carry what was true at its own event."""

import threading
import uuid
from collections.abc import Callable, Iterator

import pytest

from adapters.bootstrap import App, bootstrap
from adapters.bus.relay import Relay
from adapters.bus.worker import Worker
from adapters.db.migrate import upgrade
from tests.conftest import REPORT, make_settings, with_people
from tests.integration.helpers import disclosed, fire, register
from tests.rabbitmq import fresh_vhost, isolated_names
from workflow.report import Report

ACUTE = {"level": "acute", "indicators": ["runs_away"], "rationale": "loopt weg"}
TEAMS = [
    {"local_team": "Wijkteam Enschede-Zuid", "handover": "warme overdracht aan Zuid"},
    {"local_team": "Wijkteam Hengelo-Noord", "handover": "warme overdracht aan Noord"},
]

Drain = Callable[[App], None]


def embedded(app: App) -> None:
    app.dispatcher.drain()


def through_the_broker(app: App) -> None:
    relay = Relay(app.outbox, app.settings)
    while relay.relay_once() > 0:
        pass
    Worker(app.bus, app.settings, batches=app.batches).run(threading.Event(), drain=True)


@pytest.fixture(scope="module")
def vhost() -> Iterator[str]:
    with fresh_vhost() as url:
        yield url


@pytest.fixture(params=["embedded", "broker"])
def handled(request: pytest.FixtureRequest, database_url: str) -> Iterator[tuple[App, Drain]]:
    """The application on SQLite and PostgreSQL, its events handled in process or by a worker
    that consumes from a fresh vhost."""
    if request.param == "embedded":
        settings = make_settings(database_url)
        drain: Drain = embedded
    else:
        url = request.getfixturevalue("vhost")
        tag = uuid.uuid4().hex[:8]
        settings = make_settings(database_url, broker_url=url, **isolated_names(tag))
        drain = through_the_broker
    app = bootstrap(settings)
    upgrade(app.engine)
    with_people(app)
    yield app, drain
    app.engine.dispose()


def test_each_disclosure_carries_what_was_true_at_its_own_event(
    handled: tuple[App, Drain],
) -> None:
    app, drain = handled
    case_id = register(app, Report.parse(REPORT)).case_id
    fire(app, case_id, "assess_risk", ACUTE)
    fire(app, case_id, "start_case_direction", {"case_director": "anna", "plan": "plan"})
    fire(app, case_id, "scale_down", TEAMS[0])
    fire(app, case_id, "escalate", {"reason": "nieuwe signalen"})
    fire(app, case_id, "scale_down", TEAMS[1])
    fire(app, case_id, "close", {"result": "handed_over_locally", "reason": "loopt goed"})
    fire(app, case_id, "reopen", {"reason": "opnieuw gemeld"})
    assert disclosed(app, case_id) == []  # nothing handled yet: the whole course waits

    drain(app)

    told = disclosed(app, case_id)
    handovers = [
        {"local_team": d["local_team"], "handover": d["handover"]}
        for d in told
        if d["partner"] == "local_team"
    ]
    assert handovers == TEAMS
    [closed] = [d for d in told if d["partner"] == "veilig_thuis"]
    assert closed["kenmerken"] == {"status": "closed"}  # the case is in case direction again
    assert app.queries.detail(case_id)["state"] == "in_case_direction"
    [police] = [d for d in told if d["partner"] == "police"]
    assert police["municipality"] == "Enschede"
