"""The SQL unit of work on SQLite and PostgreSQL: what one commit writes, and what a conflict or
bad input leaves behind (nothing)."""

import threading

import pytest
from sqlalchemy import select, update

from adapters.bootstrap import App
from adapters.db.tables import case_history, cases, outbox
from adapters.db.unit_of_work import SqlUnitOfWork
from states import RiskLevel, State, TriggerRefused
from tests.conftest import new_report
from tests.integration.helpers import ASSESS_HIGH, START, fire, register, row_counts
from workflow.case import Case
from workflow.errors import CaseNotFound, ConcurrencyConflict, InvalidInput
from workflow.transition_data import transition_data


def uow(app: App) -> SqlUnitOfWork:
    return SqlUnitOfWork(app.engine, app.cipher, app.clock)


def test_a_case_round_trips_through_the_repository(app: App) -> None:
    with uow(app) as first:
        case = Case.register(new_report(), "intake", app.clock())
        first.cases.add(case, new_report())
        case.fire(transition_data("assess_risk", ASSESS_HIGH), "anna", app.clock())
        case.fire(transition_data("start_case_direction", START), "anna", app.clock())
        first.commit()
    with uow(app) as second:
        loaded = second.cases.get(case.id)
    assert (loaded.state, loaded.version) == (State.IN_CASE_DIRECTION, 3)
    assert (loaded.risk_level, loaded.case_director) == (RiskLevel.HIGH, "anna")
    assert loaded.received_at == case.received_at and loaded.municipality == "Enschede"
    assert loaded.new_history == [] and loaded.events == []
    detail = app.queries.detail(case.id)
    assert [h["seq"] for h in detail["history"]] == [1, 2, 3]
    assert detail["history"][1]["data"] == {**ASSESS_HIGH, "dropped": {}}
    counts = row_counts(app.engine)
    assert (counts["cases"], counts["reports"], counts["case_history"], counts["outbox"]) == (
        1,
        1,
        3,
        3,
    )


def test_an_uncommitted_unit_of_work_writes_nothing(app: App) -> None:
    with uow(app) as work:
        case = Case.register(new_report(), "intake", app.clock())
        work.cases.add(case, new_report())
    assert set(row_counts(app.engine).values()) == {0}


def test_an_unknown_case_is_not_found(app: App) -> None:
    with uow(app) as work, pytest.raises(CaseNotFound):
        work.cases.get("no-such-case")


def test_a_stale_version_on_commit_is_a_conflict_and_writes_nothing(app: App) -> None:
    ref = register(app)
    with uow(app) as work:
        case = work.cases.get(ref.case_id)
        case.fire(transition_data("assess_risk", ASSESS_HIGH), "anna", app.clock())
        # Someone else's write lands between our read and our commit.
        work.connection.execute(
            update(cases).where(cases.c.id == ref.case_id).values(version=cases.c.version + 1)
        )
        with pytest.raises(ConcurrencyConflict) as conflict:
            work.commit()
    assert conflict.value.case_id == ref.case_id and conflict.value.expected_version == 1
    assert row_counts(app.engine)["case_history"] == 1
    assert row_counts(app.engine)["outbox"] == 1


def test_two_people_firing_at_once_one_wins_the_other_is_told(app: App) -> None:
    """PostgreSQL: both read version 1, the second commit conflicts. SQLite serialises writers
    (BEGIN IMMEDIATE), so the second waits, then sees the first one's move."""
    ref = register(app)
    if app.engine.dialect.name == "sqlite":
        _sqlite_writers_are_serialised(app, ref.case_id)
        return
    first, second = uow(app), uow(app)
    with first, second:
        mine = first.cases.get(ref.case_id)
        theirs = second.cases.get(ref.case_id)
        mine.fire(transition_data("assess_risk", ASSESS_HIGH), "anna", app.clock())
        theirs.fire(
            transition_data("assess_risk", {**ASSESS_HIGH, "level": "low"}), "bram", app.clock()
        )
        first.commit()
        with pytest.raises(ConcurrencyConflict):
            second.commit()
    _assert_first_write_only(app, ref.case_id)


def _sqlite_writers_are_serialised(app: App, case_id: str) -> None:
    errors: list[BaseException] = []
    first = uow(app).__enter__()
    mine = first.cases.get(case_id)

    def other() -> None:
        try:
            fire(app, case_id, "assess_risk", {**ASSESS_HIGH, "level": "low"})
        except BaseException as error:  # reported to the main thread
            errors.append(error)

    # We hold the write lock (BEGIN IMMEDIATE), so the other writer can only read the case
    # after our commit: it must see our move, never the version we started from.
    thread = threading.Thread(target=other)
    thread.start()
    mine.fire(transition_data("assess_risk", ASSESS_HIGH), "anna", app.clock())
    first.commit()
    first.__exit__(None, None, None)
    thread.join(30)
    [error] = errors
    assert isinstance(error, TriggerRefused) and error.state is State.RISK_ASSESSED
    _assert_first_write_only(app, case_id)


def _assert_first_write_only(app: App, case_id: str) -> None:
    detail = app.queries.detail(case_id)
    assert (detail["version"], detail["risk_level"]) == (2, "high")
    assert [(h["seq"], h["actor"]) for h in detail["history"]] == [(1, "intake"), (2, "anna")]
    with app.engine.connect() as conn:
        assert len(conn.execute(select(outbox.c.id)).all()) == 2
        assert len(conn.execute(select(case_history.c.seq)).all()) == 2


def test_an_expected_version_that_is_not_current_is_a_conflict(app: App) -> None:
    ref = register(app)
    fire(app, ref.case_id, "assess_risk", ASSESS_HIGH)
    before = row_counts(app.engine)
    with pytest.raises(ConcurrencyConflict):
        fire(app, ref.case_id, "start_case_direction", START, expected_version=1)
    assert row_counts(app.engine) == before
    assert fire(app, ref.case_id, "start_case_direction", START, expected_version=2).version == 3


@pytest.mark.parametrize(
    ("trigger", "data", "error"),
    [
        ("assess_risk", {"level": "sky-high"}, InvalidInput),
        ("approve", {}, InvalidInput),
        ("scale_down", {"local_team": "x", "handover": "y"}, TriggerRefused),
    ],
)
def test_bad_input_leaves_no_row(
    app: App, trigger: str, data: dict[str, object], error: type[Exception]
) -> None:
    ref = register(app)
    before = row_counts(app.engine)
    with pytest.raises(error):
        fire(app, ref.case_id, trigger, data)
    assert row_counts(app.engine) == before
    assert app.queries.detail(ref.case_id)["version"] == 1


def test_an_unknown_case_leaves_no_row(app: App) -> None:
    with pytest.raises(CaseNotFound):
        fire(app, "no-such-case", "assess_risk", ASSESS_HIGH)
    assert set(row_counts(app.engine).values()) == {0}
