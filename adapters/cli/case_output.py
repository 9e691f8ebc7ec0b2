"""A case and its file as a person reads them on a terminal: Dutch words (config/texts), times
in Amsterdam, days first. `--json` prints the same data untouched instead."""

from typing import Any

from adapters.cli import context
from adapters.cli.output import emit_fields, emit_table
from config.texts import Texts

CASE_FIELDS = (
    "state",
    "version",
    "municipality",
    "risk_level",
    "case_director",
    "received_at",
    "deadline",
    "feedback_due_at",
    "closing_result",
    "follow_ups_done",
    "risk_floor",
    "age_at_report",
    "allowed_triggers",
)
TIMELINE = ("seq", "occurred_at", "actor", "trigger", "from_state", "to_state")


def _case(t: Texts, case: dict[str, Any]) -> dict[str, str]:
    shown = {
        "state": t.label("state", case["state"]),
        "version": str(case["version"]),
        "municipality": case["municipality"],
        "risk_level": t.label("risk", case["risk_level"]),
        "case_director": case["case_director"] or "",
        "received_at": t.moment(case["received_at"]),
        "deadline": _deadline(t, case),
        "feedback_due_at": t.moment(case["feedback_due_at"]),
        "closing_result": t.label("closing_result", case["closing_result"]),
        "follow_ups_done": str(case["follow_ups_done"]),
        "risk_floor": t.label("risk", case.get("risk_floor")),
        "age_at_report": "" if case.get("age_at_report") is None else str(case["age_at_report"]),
        "allowed_triggers": ", ".join(t.label("trigger", x) for x in case["allowed_triggers"]),
    }
    return {t(f"field.{k}"): v for k, v in shown.items() if k in CASE_FIELDS and v}


def _deadline(t: Texts, case: dict[str, Any]) -> str:
    if case["deadline_at"] is None:
        return ""
    return f"{t.moment(case['deadline_at'])} ({t.label('deadline_kind', case['deadline_kind'])})"


def _timeline(t: Texts, entries: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {
            t("field.seq"): str(e["seq"]),
            t("field.occurred_at"): t.moment(e["occurred_at"]),
            t("field.actor"): e["actor"],
            t("field.trigger"): t.label("trigger", e["trigger"])
            if f"trigger.{e['trigger']}" in t.words
            else e["trigger"],
            t("field.from_state"): t.label("state", e["from_state"]),
            t("field.to_state"): t.label("state", e["to_state"]),
        }
        for e in entries
    ]


def _table(rows: list[dict[str, str]], title: str) -> None:
    if rows:
        emit_table(rows, list(rows[0]), title)


def show_detail(detail: dict[str, Any]) -> None:
    t = context.app().texts
    emit_fields(_case(t, detail), t("case.title", case_id=detail["case_id"]))
    _table(_timeline(t, detail["history"]), t("case.history"))
    links = [_link(t, link) for link in detail["linked_cases"]]
    _table(links, t("case.linked"))


def _link(t: Texts, link: dict[str, Any]) -> dict[str, str]:
    return {
        t("field.case_id"): link["case_id"],
        t("field.link_kind"): link["kind"],
        t("field.status"): link["status"],
        t("field.decided_by"): link["decided_by"] or "",
    }


def show_file(found: dict[str, Any]) -> None:
    t = context.app().texts
    case, report = found["case"], found["report"]
    emit_fields(_case(t, case), t("file.title", case_id=case["case_id"]))
    subject, reporter = report["subject"], report["reporter"]
    emit_fields(
        _present(
            t,
            {
                "name": subject.get("name"),
                "date_of_birth": t.day(subject.get("date_of_birth")),
                "age_estimate": subject.get("age_estimate"),
                "sex": t.label("sex", subject.get("sex")),
                "bsn": subject.get("bsn"),
                "municipality": subject.get("municipality"),
                "country_of_origin": subject.get("country_of_origin"),
            },
        ),
        t("file.subject"),
    )
    emit_fields(
        _present(
            t,
            {
                "kind": t.label("reporter_kind", reporter.get("kind")),
                "organisation": reporter.get("organisation"),
                "name": reporter.get("name"),
                "phone": reporter.get("phone"),
                "email": reporter.get("email"),
            },
        ),
        t("file.reporter"),
    )
    emit_fields(
        _present(
            t,
            {
                "received_at": t.moment(report["received_at"]),
                "channel": t.label("channel", report["channel"]),
                "exploitation_forms": ", ".join(
                    t.label("exploitation_form", f) for f in report["exploitation_forms"]
                ),
                "signals": ", ".join(report["signals"]),
                "description": report["description"],
            },
        ),
        t("file.report"),
    )
    _assessment(t, found["assessment"])
    _plan(t, found["plan"])
    _table(_entries(t, found["activities"], ("kind", "summary")), t("file.activities"))
    _table(_entries(t, found["follow_ups"], ("outcome", "notes")), t("file.follow_ups"))
    _table(
        _rows(t, found["consents"], ("scope", "partner", "given_by", "given_at", "withdrawn_at")),
        t("file.consents"),
    )
    _table(
        _rows(
            t,
            found["disclosures"],
            ("created_at", "partner", "event_type", "form", "legal_basis", "status"),
        ),
        t("file.disclosures"),
    )
    _table([_link(t, link) for link in found["related_cases"]], t("file.related_cases"))
    _table(_timeline(t, found["timeline"]), t("file.timeline"))


def _present(t: Texts, values: dict[str, Any]) -> dict[str, str]:
    return {t(f"field.{k}"): str(v) for k, v in values.items() if v not in (None, "")}


def _assessment(t: Texts, assessment: dict[str, Any] | None) -> None:
    if assessment is None:
        return
    values = {
        "level": t.label("risk", assessment.get("level")),
        "suggested_level": t.label("risk", assessment.get("suggested_level")),
        "indicators": ", ".join(assessment.get("indicators", [])),
        "score": assessment.get("score"),
        "rules": ", ".join(assessment.get("rules", [])),
        "rationale": assessment.get("rationale"),
        "actor": assessment.get("actor"),
        "occurred_at": t.moment(assessment.get("occurred_at")),
    }
    emit_fields(_present(t, values), t("file.assessment"))


def _plan(t: Texts, plan: dict[str, Any] | None) -> None:
    if plan is None:
        return
    rows = []
    if plan["at_start"] is not None:
        start = plan["at_start"]
        rows.append(
            {"occurred_at": start["occurred_at"], "actor": start["actor"], "summary": start["plan"]}
        )
    rows += [
        {"occurred_at": u["occurred_at"], "actor": u["actor"], "summary": u["summary"]}
        for u in plan["updates"]
    ]
    _table(_rows(t, rows, ("occurred_at", "actor", "summary")), t("file.plan"))


def _entries(
    t: Texts, entries: list[dict[str, Any]], keys: tuple[str, ...]
) -> list[dict[str, str]]:
    return _rows(t, entries, ("occurred_at", "actor", *keys))


LABELLED = {
    "kind": "activity_kind",
    "outcome": "follow_up_outcome",
    "scope": "consent_scope",
    "given_by": "consent_giver",
}
MOMENTS = {"occurred_at", "given_at", "withdrawn_at", "created_at", "delivered_at"}


def _rows(t: Texts, rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, str]]:
    def cell(key: str, value: Any) -> str:
        if value is None:
            return ""
        if key in MOMENTS:
            return t.moment(value)
        if key in LABELLED:
            return t.label(LABELLED[key], value)
        return str(value)

    return [{t(f"field.{k}"): cell(k, row.get(k)) for k in keys} for row in rows]
