"""Twenty people advance one case at the same moment on PostgreSQL: the version check lets only
moves the lifecycle allows through, one at a time; every other caller gets a clear error and the
history stays gapless."""

import threading

import pytest
from sqlalchemy import select

from adapters.bootstrap import App
from adapters.db.tables import case_history
from states import TriggerRefused
from states.lifecycle import MOVES
from tests.conftest import new_report
from workflow.commands import FireTrigger, RegisterReport
from workflow.errors import ConcurrencyConflict
from workflow.transition_data import transition_data

pytestmark = pytest.mark.postgres

DATA = {
    "assess_risk": {"level": "high", "indicators": ["runs_away"], "rationale": "signals"},
    "close": {"result": "no_exploitation_found", "reason": "no signs of exploitation"},
}
ALLOWED = {(m.source.value, m.trigger.value, m.dest.value) for m in MOVES}


def fire_at_once(app: App, case_id: str, triggers: list[str]) -> list[object]:
    start = threading.Barrier(len(triggers))
    outcomes: list[object] = [None] * len(triggers)

    def fire(n: int, trigger: str) -> None:
        start.wait()
        try:
            outcomes[n] = app.bus.handle(
                FireTrigger(
                    actor=f"user{n}", case_id=case_id, data=transition_data(trigger, DATA[trigger])
                )
            )
        except Exception as error:  # recorded, judged below
            outcomes[n] = error

    threads = [threading.Thread(target=fire, args=(n, t)) for n, t in enumerate(triggers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.parametrize(
    "triggers",
    [["assess_risk"] * 20, ["assess_risk", "close"] * 10],
    ids=["all-assess", "assess-or-close"],
)
def test_concurrent_transitions_let_only_allowed_moves_win_and_leave_no_gaps(
    postgres_app: App, triggers: list[str]
) -> None:
    ref = postgres_app.bus.handle(RegisterReport(actor="intake", report=new_report()))

    outcomes = fire_at_once(postgres_app, ref.case_id, triggers)

    losers = [o for o in outcomes if isinstance(o, Exception)]
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    assert all(isinstance(e, ConcurrencyConflict | TriggerRefused) for e in losers), losers
    with postgres_app.engine.connect() as conn:
        history = conn.execute(
            select(
                case_history.c.seq,
                case_history.c.from_state,
                case_history.c.trigger,
                case_history.c.to_state,
            )
            .where(case_history.c.case_id == ref.case_id)
            .order_by(case_history.c.seq)
        ).all()
    assert [h.seq for h in history] == list(range(1, len(history) + 1))  # no gaps, no doubles
    moves = history[1:]  # after the registration
    assert len(moves) == len(winners) >= 1
    for before, after in zip(history, moves, strict=False):
        assert after.from_state == before.to_state  # each move starts where the last ended
        assert (after.from_state, after.trigger, after.to_state) in ALLOWED
    if set(triggers) == {"assess_risk"}:
        assert len(winners) == 1  # only one assess_risk can ever be allowed from received
    detail = postgres_app.queries.detail(ref.case_id)
    assert detail["version"] == len(history)
    assert detail["state"] == history[-1].to_state
