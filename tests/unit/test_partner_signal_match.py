"""A partner's signal on fakes: about a known person it lands on the case, about nobody known it
is kept for the team lead without the person's data, and neither is refused."""

from datetime import UTC, datetime
from typing import Any

from handlers.partner_signals import UNMATCHED, record_partner_signal
from tests.conftest import REPORT
from tests.unit.fakes import REFERENCE, SUBJECT_KEYS, FakeStore, FakeUnitOfWork, FixedClock
from workflow.case import Case
from workflow.commands import RecordPartnerSignal
from workflow.report import Report, Subject

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
KNOWN: dict[str, Any] = REPORT["subject"]  # type: ignore[assignment]


def known_case() -> tuple[FakeStore, str]:
    report = Report.parse(REPORT)
    case = Case.register(report, "intake", AT)
    case.identity = SUBJECT_KEYS.identify(report.subject)
    store = FakeStore()
    with FakeUnitOfWork(store) as uow:
        uow.cases.add(case, report)
        uow.commit()
    return store, case.id


def send(store: FakeStore, **subject: Any) -> object:
    command = RecordPartnerSignal(
        actor="partner:school",
        partner="school",
        subject=Subject.model_validate(subject),
        signals=["truancy"],
        idempotency_key="school:e-1",
    )
    return record_partner_signal(
        command, FakeUnitOfWork(store), FixedClock(), REFERENCE, SUBJECT_KEYS
    )


def test_a_signal_about_a_known_person_lands_on_the_case() -> None:
    store, case_id = known_case()
    ref = send(store, bsn=KNOWN["bsn"], municipality="Enschede")
    assert getattr(ref, "case_id", None) == case_id
    assert store.cases[case_id].version == 2
    assert not [n for n in store.notifications if n.kind == UNMATCHED]


def test_a_signal_about_nobody_known_is_kept_for_the_team_lead_without_the_person() -> None:
    store, case_id = known_case()
    ref = send(store, name="Niemand Bekend", date_of_birth="2010-02-03", municipality="Enschede")
    assert ref is None
    [note] = [n for n in store.notifications if n.kind == UNMATCHED]
    assert (note.recipient, note.case_id) == ("role:team_lead", "")
    assert dict(note.details) == {"partner": "school", "signals": "truancy", "event": "school:e-1"}
    assert store.cases[case_id].version == 1
