"""Dates at the edge of the calendar are bad input with their field, never an OverflowError:
a consent's date, a partner event's time and birth date, the scheduler's `--now`."""

import json
from pathlib import Path

import pytest

from tests.conftest import report_data
from tests.e2e.cli import Cli
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

FAR = [
    "0001-01-01T00:00:00+14:00",  # before year 1 in UTC: converting it overflows
    "9999-12-31T23:59:59-14:00",  # after 9999 in UTC
    "9999-12-31T23:59:59Z",
    "0001-01-01T00:00:00Z",
]


@pytest.mark.parametrize("moment", FAR)
def test_a_consent_given_at_a_far_date_is_400_and_changes_nothing(api: Api, moment: str) -> None:
    case_id = api.register()
    lead = api.auth(Role.TEAM_LEAD)
    body = {"given_by": "subject", "scope": "registration", "given_at": moment}
    answer = api.client.post(f"{BASE}/cases/{case_id}/consents", json=body, headers=lead)
    assert answer.status_code == 400, answer.text
    assert [p["name"] for p in answer.json()["invalid_params"]] == ["given_at"]
    assert api.client.get(f"{BASE}/cases/{case_id}", headers=lead).json()["version"] == 1


def _event(n: int, **fields: object) -> dict[str, object]:
    return {
        "specversion": "1.0",
        "id": f"far-{n}",
        "source": "urn:nl:twente:scholen",
        "type": "nl.meldpunt.signal",
        **fields,
    }


@pytest.mark.parametrize("moment", FAR)
def test_a_partner_event_at_a_far_time_is_refused_naming_its_time(api: Api, moment: str) -> None:
    case_id = api.register()
    event = _event(FAR.index(moment), time=moment, data={"case_id": case_id})
    answer = api.client.post(f"{BASE}/partner-events", json=event, headers=api.auth(Role.PARTNER))
    assert answer.status_code == 400, answer.text
    assert "time" in answer.json()["detail"]


@pytest.mark.parametrize("born", ["0001-01-01", "1899-12-31"])
def test_a_partner_signal_about_someone_born_at_a_far_date_is_refused(api: Api, born: str) -> None:
    subject = {"name": "A. Testpersoon", "date_of_birth": born, "municipality": "Enschede"}
    event = _event(9, data={"subject": subject})
    answer = api.client.post(f"{BASE}/partner-events", json=event, headers=api.auth(Role.PARTNER))
    assert answer.status_code == 400, answer.text
    assert "data.subject.date_of_birth" in answer.json()["detail"]


def test_the_command_line_says_exit_2_for_far_dates(cli: Cli, tmp_path: Path) -> None:
    cli.run("users", "add", "iris", "--role", "intake")
    report = tmp_path / "report.json"
    report.write_text(json.dumps(report_data()))
    case_id = cli.json("report", "register", "--file", str(report), "--actor", "iris")["case_id"]
    for moment in FAR:
        done = cli.run(
            "consent", "record", case_id, "--given-by", "subject", "--scope", "registration",
            "--given-at", moment, "--json", expect=2,
        )  # fmt: skip
        assert json.loads(done.stderr)["problems"][0]["field"] == "given_at"
        done = cli.run("jobs", "run", "stalled_sweep", "--now", moment, expect=2)
        assert "--now" in done.stderr
    assert cli.json("case", "show", case_id)["version"] == 1
