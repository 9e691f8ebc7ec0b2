"""A case from report to close through the bus on a real database, events handled in process."""

from adapters.bootstrap import App
from tests.conftest import new_report
from tests.integration.helpers import notifications_for
from workflow.commands import FireTrigger, RegisterReport
from workflow.transition_data import transition_data

PATH = [
    ("assess_risk", {"level": "high", "indicators": ["runs_away"], "rationale": "signals"}),
    ("advise", {"advice": "talk to the school", "advised_party": "professional"}),
    ("start_case_direction", {"case_director": "anna", "plan": "plan van aanpak"}),
    ("scale_down", {"local_team": "Wijkteam Enschede-Zuid", "handover": "warm handover"}),
    ("close", {"result": "handed_over_locally", "reason": "follow-ups fine"}),
]


def test_a_case_travels_its_whole_life_and_every_event_is_handled(app: App) -> None:
    ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))
    for trigger, data in PATH:
        ref = app.bus.handle(
            FireTrigger(actor="anna", case_id=ref.case_id, data=transition_data(trigger, data))
        )
    detail = app.queries.detail(ref.case_id)
    assert detail["state"] == "closed"
    assert detail["version"] == 6
    assert [h["trigger"] for h in detail["history"]] == ["register"] + [t for t, _ in PATH]
    assert app.outbox.status()["pending"] == 6
    app.dispatcher.drain()
    assert app.outbox.status() | {"oldest_pending_age_seconds": None} == {
        "pending": 0,
        "done": 6,
        "dead": 0,
        "oldest_pending_age_seconds": None,
    }
    assert [n["kind"] for n in notifications_for(app, "anna")] == ["case_assigned"]
