"""The SQL side of the non-case records inside a unit of work: a record is read locked (so two
people cannot link one advice question twice), and what a command writes is collected as the
unit's `Changes`, with an access-log row per record written for a person."""

import json
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from adapters.crypto import FieldCipher
from adapters.db.commit import Changes, Row
from adapters.db.tables import advice_questions, prevention_activities
from workflow.access import AccessEntry
from workflow.advice import AdviceForm, AdviceQuestion, ProfessionalKind
from workflow.noncase_store import NonCaseRepository
from workflow.prevention import ActivityForm, Audience, PreventionActivity, PreventionKind, Status
from workflow.report import Channel


def advice_row(question: AdviceQuestion, cipher: FieldCipher) -> Row:
    form = question.form
    return {
        "id": question.id,
        "asked_on": form.asked_on,
        "channel": form.channel.value,
        "organisation": form.organisation,
        "professional": form.professional.value,
        "municipality": form.municipality,
        "topics": ",".join(form.topics),
        "advice": cipher.encrypt(form.advice),
        "minutes": form.minutes,
        "led_to_report": form.led_to_report or question.case_id is not None,
        "case_id": question.case_id,
        "recorded_by": question.recorded_by,
        "recorded_at": question.recorded_at,
    }


def advice_of(row: Any, cipher: FieldCipher) -> AdviceQuestion:
    form = AdviceForm.model_construct(
        asked_on=row.asked_on,
        channel=Channel(row.channel),
        organisation=row.organisation,
        professional=ProfessionalKind(row.professional),
        municipality=row.municipality,
        topics=row.topics.split(",") if row.topics else [],
        advice=cipher.decrypt(row.advice),
        minutes=row.minutes,
        led_to_report=row.led_to_report,
    )
    return AdviceQuestion(row.id, form, row.recorded_by, row.recorded_at, row.case_id)


def activity_row(activity: PreventionActivity) -> Row:
    form = activity.form
    return {
        "id": activity.id,
        "day": form.on,
        "municipality": form.municipality,
        "kind": form.kind.value,
        "audience": form.audience.value,
        "participants": form.participants,
        "partners": json.dumps(form.partners, ensure_ascii=False),
        "hours": form.hours,
        "status": activity.status.value,
        "recorded_by": activity.recorded_by,
        "recorded_at": activity.recorded_at,
        "held_by": activity.held_by,
        "held_at": activity.held_at,
    }


def activity_of(row: Any) -> PreventionActivity:
    form = ActivityForm.model_construct(
        on=row.day,
        municipality=row.municipality,
        kind=PreventionKind(row.kind),
        audience=Audience(row.audience),
        participants=row.participants,
        partners=json.loads(row.partners),
        hours=row.hours,
        held=row.status == Status.HELD,
    )
    return PreventionActivity(
        row.id, form, row.recorded_by, row.recorded_at, row.held_by, row.held_at
    )


class SqlNonCaseRepository(NonCaseRepository):
    def __init__(self, connection: Connection, cipher: FieldCipher) -> None:
        super().__init__()
        self.connection = connection
        self.cipher = cipher
        self.changes = Changes()

    def advice(self, advice_id: str) -> AdviceQuestion | None:
        query = select(advice_questions).where(advice_questions.c.id == advice_id)
        row = self.connection.execute(query.with_for_update()).first()
        return None if row is None else advice_of(row, self.cipher)

    def activity(self, activity_id: str) -> PreventionActivity | None:
        query = select(prevention_activities).where(prevention_activities.c.id == activity_id)
        row = self.connection.execute(query.with_for_update()).first()
        return None if row is None else activity_of(row)

    def _add_advice(self, question: AdviceQuestion) -> None:
        self.changes.insert(advice_questions, [advice_row(question, self.cipher)])

    def _link_advice(self, advice_id: str, case_id: str) -> None:
        where = advice_questions.c.id == advice_id
        linked = {"case_id": case_id, "led_to_report": True}
        self.changes.updates.append(update(advice_questions).where(where).values(linked))

    def _add_activity(self, activity: PreventionActivity) -> None:
        self.changes.insert(prevention_activities, [activity_row(activity)])

    def _save_held(self, activity: PreventionActivity) -> None:
        values = activity_row(activity)
        del values["id"], values["recorded_by"], values["recorded_at"]
        where = prevention_activities.c.id == activity.id
        self.changes.updates.append(update(prevention_activities).where(where).values(values))

    def collect(self, changes: Changes, access: AccessEntry | None, now: datetime) -> None:
        """Add what was written to the unit's `changes`: the rows, after the cases (a linked
        case first), and for a person's command one access-log row per record."""
        for table, rows in self.changes.inserts.items():
            changes.insert(table, rows)
        changes.updates.extend(self.changes.updates)
        if access is not None:
            for resource, record_id in dict.fromkeys(self.written):
                entry = replace(access, resource=resource, fields=(f"id:{record_id}",))
                changes.log_access(entry, None, now)
