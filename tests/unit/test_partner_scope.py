"""Partners act only on what they were given, on fakes: the rules themselves, and that a refusal
commits nothing."""

from datetime import UTC, datetime

import pytest

from handlers.partner_scope import record_partner_follow_up, record_placement
from tests.conftest import REPORT
from tests.unit.fakes import FakeStore, FakeUnitOfWork, FixedClock, deadline_policy
from workflow.activity_data import FollowUpData, FollowUpOutcome
from workflow.case import Case
from workflow.commands import RecordPartnerFollowUp, RecordPlacement
from workflow.errors import InvalidInput
from workflow.partners import Disclosure, Form
from workflow.report import Report
from workflow.transition_data import transition_data

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def scaled_down_to(team: str) -> tuple[FakeStore, str]:
    report = Report.parse(REPORT)
    case = Case.register(report, "intake", AT)
    for trigger, data in [
        ("assess_risk", {"level": "high", "indicators": [], "rationale": "r"}),
        ("start_case_direction", {"case_director": "anna", "plan": "p"}),
        ("scale_down", {"local_team": team, "handover": "h"}),
    ]:
        case.fire(transition_data(trigger, data), "anna", AT)
    store = FakeStore()
    with FakeUnitOfWork(store) as uow:
        uow.cases.add(case, report)
        uow.commit()
    return store, case.id


def follow_up(store: FakeStore, case_id: str, team: str) -> None:
    command = RecordPartnerFollowUp(
        actor="partner:local_team",
        partner="local_team",
        local_team=team,
        case_id=case_id,
        follow_up=FollowUpData(outcome=FollowUpOutcome.FINE, reason="called early"),
    )
    record_partner_follow_up(command, FakeUnitOfWork(store), FixedClock(), deadline_policy())


def place(store: FakeStore, case_id: str) -> None:
    command = RecordPlacement(
        actor="partner:comensha", partner="comensha", case_id=case_id, kind="shelter_placement"
    )
    record_placement(command, FakeUnitOfWork(store), FixedClock())


def test_only_the_team_handed_the_case_records_its_follow_up() -> None:
    store, case_id = scaled_down_to("Wijkteam Zuid")
    with pytest.raises(InvalidInput, match="not handed over to 'Wijkteam Noord'"):
        follow_up(store, case_id, "Wijkteam Noord")
    assert store.cases[case_id].follow_ups_done == 0
    follow_up(store, case_id, " WIJKTEAM zuid ")
    assert store.cases[case_id].follow_ups_done == 1


def to_comensha(case_id: str, fields: list[str]) -> Disclosure:
    event = "CaseDirectionStarted"
    return Disclosure(
        case_id, "comensha", "e", event, Form.MESSAGE, "b", {}, "none", AT, None, fields
    )


def test_comensha_places_only_when_it_was_given_the_case() -> None:
    store, case_id = scaled_down_to("Wijkteam Zuid")
    store.disclosures.append(to_comensha(case_id, ["age", "sex"]))  # anonymised
    commits = store.commits
    with pytest.raises(InvalidInput, match="not referred to comensha"):
        place(store, case_id)
    assert store.commits == commits
    store.disclosures.append(to_comensha(case_id, ["case_id", "name"]))  # with consent
    place(store, case_id)
    assert store.history[-1][1].trigger == "partner_signal"
