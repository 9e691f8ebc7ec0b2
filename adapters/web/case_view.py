"""The case page: the case file (through the gate, each read logged), the person's identity only
for the roles that see it, and the action forms the person may use from the case's state,
built from each trigger's data model."""

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from adapters.db.case_file import PARTS
from adapters.db.web_accounts import WebSession
from adapters.gate import Gate
from adapters.web.deadline_words import deadline_words
from adapters.web.forms import Field, Option, fields_of, label_of
from adapters.web.render import page
from states import State, Trigger
from workflow.access import Action, may
from workflow.activity_data import ActivityData, FollowUpData
from workflow.identity_access import IDENTIFYING, REPORTER_CONTACT, sees_identity
from workflow.transition_data import DATA_MODELS


@dataclass
class ActionForm:
    """One form on the case page: where it posts, its title and its fields."""

    key: str
    action: str
    title: str
    fields: list[Field]
    values: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    """What the last action said: a notice, a refusal, and which form's problems to show."""

    status: int = 200
    notice: str = ""
    refusal: str = ""
    form: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


def _signals(request: Request, file: dict[str, Any]) -> list[Option]:
    app = request.app.state.meldpunt
    english = app.texts.language == "en"
    return [
        Option(i.code, i.label_en if english else i.label_nl)
        for i in app.reference.instrument.indicators
    ]


def action_forms(request: Request, session: WebSession, file: dict[str, Any]) -> list[ActionForm]:
    t = request.app.state.meldpunt.texts
    roles = session.principal.roles
    case = file["case"]
    cid = case["case_id"]
    signals = _signals(request, file)
    forms: list[ActionForm] = []
    if may(roles, Action.FIRE_TRIGGER):
        for trigger in case["allowed_triggers"]:
            model = DATA_MODELS[Trigger(trigger)]
            forms.append(
                ActionForm(
                    trigger,
                    f"/casus/{cid}/stap/{trigger}",
                    t.label("trigger", trigger),
                    fields_of(model, t, signals),
                )
            )
    if may(roles, Action.RECORD_ACTIVITY) and case["state"] != State.CLOSED:
        fields = fields_of(ActivityData, t, signals)
        forms.append(
            ActionForm("activity", f"/casus/{cid}/activiteit", t("web.case.activity"), fields)
        )
    if may(roles, Action.RECORD_FOLLOW_UP) and case["state"] == State.SCALED_DOWN_LOCALLY:
        fields = fields_of(FollowUpData, t, signals)
        forms.append(
            ActionForm("follow_up", f"/casus/{cid}/vervolgcontact", t("web.case.follow_up"), fields)
        )
    if may(roles, Action.ASSIGN_CASE) and case["state"] != State.CLOSED:
        fields = [
            Field("case_director", label_of(t, "case_director"), "text", True),
            Field("reason", label_of(t, "reason"), "textarea", False),
        ]
        forms.append(ActionForm("assign", f"/casus/{cid}/toewijzing", t("web.case.assign"), fields))
    if may(roles, Action.CONFIRM_ASSESSMENT) and case["awaiting_confirmation"]:
        fields = [
            Field("confirm", label_of(t, "confirm"), "select", True, _yes_no(t)),
            Field("reason", label_of(t, "reason"), "textarea", False),
        ]
        forms.append(
            ActionForm("confirm", f"/casus/{cid}/bevestiging", t("web.case.confirm"), fields)
        )
    return forms


def _yes_no(t: Any) -> list[Option]:
    return [Option("true", t("field.yes")), Option("false", t("field.no"))]


def render_case(
    request: Request, session: WebSession, gate: Gate, case_id: str, outcome: Outcome
) -> HTMLResponse:
    app = request.app.state.meldpunt
    file = gate.read_case(Action.READ_CASE, case_id, PARTS, partial(app.files.read, case_id))
    report = file["report"]
    if not sees_identity(session.principal.roles):
        report["subject"] = {k: v for k, v in report["subject"].items() if k not in IDENTIFYING}
        report["reporter"] = {
            k: v for k, v in report["reporter"].items() if k not in REPORTER_CONTACT
        }
    case = file["case"]
    now = app.clock()
    case["deadline_words"] = deadline_words(
        app.texts, app.deadlines.calendar, case["deadline_at"], now
    )
    forms = action_forms(request, session, file)
    for form in forms:
        if form.key == outcome.form:
            form.values, form.problems = outcome.values, outcome.problems
    labels = {
        i.code: (i.label_nl if app.texts.language == "nl" else i.label_en)
        for i in app.reference.instrument.indicators
    }
    return page(
        request,
        "case.html",
        outcome.status,
        file=file,
        case=case,
        report=report,
        forms=forms,
        outcome=outcome,
        signal_labels=labels,
        sees_identity=sees_identity(session.principal.roles),
        broken=gate.reason,
        label_of=label_of,
    )
