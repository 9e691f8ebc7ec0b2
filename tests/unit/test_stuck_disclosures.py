"""The stuck-disclosure alert: the team lead hears of each disclosure pending too long, once,
and of nothing delivered or still young."""

from datetime import UTC, datetime, timedelta

from handlers.stuck_disclosures import alert_stuck_disclosures
from tests.unit.fakes import FakeStore, FakeUnitOfWork, FixedClock
from workflow.commands import AlertStuckDisclosures
from workflow.partners import Disclosure, Form

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def disclosure(partner: str, created_at: datetime) -> Disclosure:
    return Disclosure(
        "c-1", partner, "e-1", "AcuteRiskDetected", Form.MESSAGE, "b", {}, "none", created_at
    )


def sweep(store: FakeStore, now: datetime) -> int:
    command = AlertStuckDisclosures(actor="scheduler", now=now)
    result = alert_stuck_disclosures(command, FakeUnitOfWork(store), FixedClock(now), HOUR)
    return result.flagged


def test_each_stuck_disclosure_is_told_once_and_nothing_else() -> None:
    store = FakeStore()
    store.disclosures += [
        disclosure("police", AT),
        disclosure("comensha", AT),
        disclosure("local_team", AT + HOUR),  # younger
    ]
    store.delivered.add(2)  # CoMensha's left
    assert sweep(store, AT + 2 * HOUR) == 1
    assert sweep(store, AT + 2 * HOUR) == 0
    [told] = store.notifications
    assert (told.recipient, told.kind, told.case_id) == (
        "role:team_lead",
        "disclosure_stuck",
        "c-1",
    )
    assert told.details == {
        "partner": "police",
        "event_type": "AcuteRiskDetected",
        "pending_since_at": AT.isoformat(),
    }
    assert sweep(store, AT + 3 * HOUR) == 1  # the local team's is stuck by now
