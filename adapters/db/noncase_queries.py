"""Reading the non-case records, the same for every entry point: a page of advice questions or
prevention activities (newest first) and one record, as plain JSON-ready dicts. The gate logs
each read (adapters/noncase_gate.py)."""

from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, Table, func, select, true

from adapters.crypto import FieldCipher
from adapters.db.noncase_repository import activity_of, advice_of
from adapters.db.tables import advice_questions, prevention_activities
from workflow.advice import AdviceQuestion
from workflow.prevention import PreventionActivity

Page = tuple[list[dict[str, Any]], int]


def advice_shown(question: AdviceQuestion, with_text: bool = True) -> dict[str, Any]:
    form = question.form
    shown: dict[str, Any] = {
        "advice_id": question.id,
        **form.model_dump(mode="json"),
        "case_id": question.case_id,
        "recorded_by": question.recorded_by,
        "recorded_at": question.recorded_at.isoformat(),
    }
    shown["led_to_report"] = form.led_to_report or question.case_id is not None
    if not with_text:
        del shown["advice"]
    return shown


def activity_shown(activity: PreventionActivity) -> dict[str, Any]:
    shown = {"activity_id": activity.id, **activity.form.model_dump(mode="json")}
    del shown["held"]
    return {
        **shown,
        "status": activity.status.value,
        "recorded_by": activity.recorded_by,
        "recorded_at": activity.recorded_at.isoformat(),
        "held_by": activity.held_by,
        "held_at": activity.held_at.isoformat() if activity.held_at else None,
    }


class NonCaseQueries:
    def __init__(self, engine: Engine, cipher: FieldCipher) -> None:
        self.engine = engine
        self.cipher = cipher

    def advice_page(
        self, municipality: str | None, case_id: str | None, limit: int, offset: int
    ) -> Page:
        """Advice questions, newest first; a list shows no advice text (`advice` shows it)."""
        t = advice_questions.c
        where = _all(
            t.municipality == municipality if municipality else None,
            t.case_id == case_id if case_id else None,
        )
        order = (t.asked_on.desc(), t.recorded_at.desc(), t.id)
        rows, total = self._page(advice_questions, where, order, limit, offset)
        return [advice_shown(advice_of(r, self.cipher), with_text=False) for r in rows], total

    def advice(self, advice_id: str) -> dict[str, Any] | None:
        query = select(advice_questions).where(advice_questions.c.id == advice_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else advice_shown(advice_of(row, self.cipher))

    def activity_page(
        self, municipality: str | None, status: str | None, limit: int, offset: int
    ) -> Page:
        """Prevention activities, the latest day first."""
        t = prevention_activities.c
        where = _all(
            t.municipality == municipality if municipality else None,
            t.status == status if status else None,
        )
        order = (t.day.desc(), t.recorded_at.desc(), t.id)
        rows, total = self._page(prevention_activities, where, order, limit, offset)
        return [activity_shown(activity_of(r)) for r in rows], total

    def activity(self, activity_id: str) -> dict[str, Any] | None:
        query = select(prevention_activities).where(prevention_activities.c.id == activity_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else activity_shown(activity_of(row))

    def _page(
        self,
        table: Table,
        where: ColumnElement[bool],
        order: tuple[Any, ...],
        limit: int,
        offset: int,
    ) -> tuple[list[Any], int]:
        query: Select[Any] = select(table).where(where).order_by(*order)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(table).where(where)).scalar_one()
            rows = list(conn.execute(query.limit(limit).offset(offset)))
        return rows, total


def _all(*conditions: ColumnElement[bool] | None) -> ColumnElement[bool]:
    given = [c for c in conditions if c is not None]
    result: ColumnElement[bool] = true()
    for condition in given:
        result = result & condition
    return result
