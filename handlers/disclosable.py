"""What may be said of a case to a partner, gathered lazily, one field at a time: a field that
no subscription asks for is never read, let alone decrypted.

Everything is as of the event, never the case as it is when the handler (or the delivery) runs:
with handling lagging behind, the case may have moved on. The event's `case_version` is the
history entry of its change: that entry's state, the latest scale-down up to it, and the report,
which never changes (municipality and age are the report's)."""

from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import Any

from states import State
from workflow.events import Event
from workflow.report import Report
from workflow.unit_of_work import UnitOfWork


class Disclosable:
    def __init__(self, event: Event, uow: UnitOfWork, public_base_url: str) -> None:
        self.event = event
        self.uow = uow
        self.base_url = public_base_url.rstrip("/")

    @cached_property
    def state(self) -> State:
        version = self.event.case_version
        if version is None:  # queued before events carried their version: the best we know
            return self.uow.cases.get(self.event.case_id).state
        return self.uow.cases.state_at(self.event.case_id, version)

    @cached_property
    def report(self) -> Report:
        return self.uow.cases.report(self.event.case_id)

    @cached_property
    def scale_down(self) -> dict[str, Any]:
        found = self.uow.cases.last_entry(self.event.case_id, "scale_down", self.event.case_version)
        return found.data if found else {}

    @property
    def case_url(self) -> str:
        return f"{self.base_url}/api/v1/cases/{self.event.case_id}"

    def get(self, field: str) -> Any:
        return FIELDS[field](self)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


FIELDS: dict[str, Callable[[Disclosable], Any]] = {
    "case_id": lambda f: f.event.case_id,
    "case_url": lambda f: f.case_url,
    "occurred_at": lambda f: f.event.occurred_at.isoformat(),
    "state": lambda f: f.state.value,
    "municipality": lambda f: f.report.subject.municipality,
    "age": lambda f: f.report.age_at_report(),
    "local_team": lambda f: f.scale_down.get("local_team"),
    "handover": lambda f: f.scale_down.get("handover"),
    "name": lambda f: f.report.subject.name,
    "date_of_birth": lambda f: _iso(f.report.subject.date_of_birth),
    "sex": lambda f: f.report.subject.sex.value,
    "country_of_origin": lambda f: f.report.subject.country_of_origin,
    "exploitation_forms": lambda f: [form.value for form in f.report.exploitation_forms],
}
