"""A poison line in `meldpunt partner ingest` is reported with its number and the run goes on
with the next line; a summary counts every outcome, and the exit code says there were some."""

import json
from dataclasses import replace
from typing import Any

from adapters.bootstrap import App
from adapters.partners.ingest import ingest_lines
from tests.conftest import report_data
from tests.e2e.cli import Cli
from workflow.commands import Command, RecordPartnerSignal

SCHOOL = "urn:nl:twente:scholen"


def event(n: int, kind: str, data: dict[str, Any]) -> bytes:
    envelope = {"specversion": "1.0", "id": f"p-{n}", "source": SCHOOL, "type": kind, "data": data}
    return json.dumps(envelope).encode()


def report(n: int) -> bytes:
    return event(n, "nl.meldpunt.report", report_data())


DEEP = b'{"specversion": "1.0", "data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def test_bad_lines_are_listed_by_number_and_the_good_ones_are_taken(cli: Cli) -> None:
    lines = [
        report(1),
        b"\xff\xfe not UTF-8",
        DEEP,  # thousands deep: json.loads gives up with a RecursionError
        b"{not json",
        report(2),
        b"",
        b'{"specversion": "1.0", "id": "x", "source": "urn:nl:unknown", "type": "t", "data": {}}',
        report(3),
    ]
    (cli.tmp / "events.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    done = cli.run("partner", "ingest", "--file", "events.jsonl", "--json", expect=2)
    summary = json.loads(done.stdout)
    assert (summary["handled"], summary["refused"], summary["failed"]) == (3, 4, 0)
    assert [(p["line"], p["outcome"]) for p in summary["lines"]] == [
        (2, "refused"),
        (3, "refused"),
        (4, "refused"),
        (7, "refused"),
    ]
    assert "UTF-8" in summary["lines"][0]["reason"]
    assert "nested" in summary["lines"][1]["reason"]
    again = json.loads(
        cli.run("partner", "ingest", "--file", "events.jsonl", "--json", expect=2).stdout
    )
    assert (again["handled"], again["duplicate"]) == (0, 3)  # given again: taken once


def test_a_line_over_the_size_limit_is_refused_naming_the_limit(cli: Cli) -> None:
    big = event(1, "nl.meldpunt.signal", {"description": "x" * 5000})
    (cli.tmp / "events.jsonl").write_bytes(big + b"\n" + report(2) + b"\n")
    cli.settings["MELDPUNT_API_MAX_BODY_BYTES"] = "4096"
    done = cli.run("partner", "ingest", "-f", "events.jsonl", "--json", expect=2)
    summary = json.loads(done.stdout)
    assert summary["handled"] == 1
    assert summary["lines"] == [
        {"line": 1, "outcome": "refused", "reason": "(body): larger than 4096 bytes"}
    ]


class BreaksOnSignals:
    """The bus, failing with an error of ours on one kind of command (a bug, say)."""

    def __init__(self, bus: Any) -> None:
        self.bus = bus

    def handle(self, command: Command) -> Any:
        if isinstance(command, RecordPartnerSignal):
            raise RuntimeError("a bug of the service, with data: Fenna Testpersoon")
        return self.bus.handle(command)


def test_an_error_of_ours_on_one_line_fails_that_line_only(app: App) -> None:
    broken = replace(app, bus=BreaksOnSignals(app.bus))
    signal = event(12, "nl.meldpunt.signal", {"signals": [], "description": "new signals"})
    lines = [report(11), signal, report(13)]
    summary = ingest_lines(broken, lines)
    assert (summary["handled"], summary["failed"]) == (2, 1)
    [failed] = summary["lines"]
    assert (failed["line"], failed["outcome"]) == (2, "failed")
    assert "Fenna" not in failed["reason"]  # the kind of error, never what it carried
    assert "RuntimeError" in failed["reason"]
