"""Migration 0017 on both databases: cases from before it get their assessments and starts of
case direction from their plain history; their sex, kind of reporter and forms, which only
the encrypted report holds, count as unknown."""

from sqlalchemy import select

from adapters.bootstrap import App
from adapters.db.migrate import downgrade, upgrade
from adapters.db.tables import case_milestones
from adapters.figure_service import Ask, Figures
from tests.integration.figure_reports import report
from tests.integration.helpers import ASSESS_HIGH, START, fire
from workflow.figures.dimensions import Dimension
from workflow.figures.periods import PeriodKind


def test_earlier_cases_get_their_milestones_from_history(app: App) -> None:
    case_id = report(app, "2018-02-01T10:00:00+01:00", sex="male")
    fire(app, case_id, "assess_risk", ASSESS_HIGH)
    fire(app, case_id, "start_case_direction", START)
    downgrade(app.engine, "0016")
    upgrade(app.engine)
    with app.engine.connect() as conn:
        kinds = conn.execute(
            select(case_milestones.c.kind).order_by(case_milestones.c.seq)
        ).scalars()
        assert list(kinds) == ["assessed", "plan_of_approach"]
    ask = Ask(PeriodKind.YEAR, 2018, 2018, None)
    sex = Figures(app).counts("reports", Dimension.SEX, ask)
    unknown = next(r for r in sex["rows"] if r["category"] == "unknown")
    assert unknown["total"] == 1
