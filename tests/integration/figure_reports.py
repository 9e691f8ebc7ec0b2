"""Reports for the figures tests: registered through the bus like any other, each about a
person of its own, with the facts a test counts."""

from datetime import date
from typing import Any

from adapters.bootstrap import App
from tests.conftest import report_data
from tests.integration.helpers import register


def report(
    app: App,
    received: str,
    municipality: str = "Enschede",
    age: int | None = 15,
    sex: str = "female",
    forms: tuple[str, ...] = ("sexual",),
    channel: str = "phone",
    reporter: str = "professional",
    outside_twente: bool = False,
) -> str:
    """Register a report received at `received` (ISO, with offset); its case id."""
    day = date.fromisoformat(received[:10])
    born = None if age is None else date(day.year - age - 1, 12, 31).isoformat()
    subject: dict[str, Any] = {
        "municipality": municipality,
        "sex": sex,
        "date_of_birth": born,
        "outside_twente": outside_twente,
    }
    if age is None:
        subject["age_estimate"] = None
    data = report_data(**subject)
    data.update(
        received_at=received,
        exploitation_forms=list(forms),
        channel=channel,
        reporter={"kind": reporter},
        signals=[],
    )
    return register(app, data).case_id
