"""Counts of reports and cases by dimension and period on both databases, with expectations
worked out by hand, and the suppression an analyst sees."""

from adapters.bootstrap import App
from adapters.figure_service import Ask, Figures
from tests.integration.figure_reports import report
from tests.integration.helpers import ASSESS_HIGH, START, fire
from workflow.figures.dimensions import Dimension
from workflow.figures.periods import PeriodKind

QUARTERS = Ask(PeriodKind.QUARTER, 2018, 2018, None)


def counts(found: dict, category: str) -> dict:  # type: ignore[type-arg]
    return next(r for r in found["rows"] if r["category"] == category)["counts"]


def test_reports_by_municipality_and_quarter_in_amsterdam_time(app: App) -> None:
    report(app, "2018-01-10T10:00:00+01:00", "Enschede")
    report(app, "2018-03-31T23:30:00+02:00", "Enschede")  # 21:30 UTC, still Q1 in Amsterdam
    report(app, "2018-03-31T22:30:00+00:00", "Hengelo")  # 00:30 on 1 April in Amsterdam: Q2
    report(app, "2018-12-31T23:30:00+01:00", "Oldenzaal")
    report(app, "2018-06-01T12:00:00+02:00", "Zwolle", outside_twente=True)
    report(app, "2017-12-31T23:30:00+00:00", "Almelo")  # 00:30 on 1 January 2018 in Amsterdam
    report(app, "2017-12-31T22:30:00+01:00", "Almelo")  # 2017: not counted
    found = Figures(app).counts("reports", Dimension.MUNICIPALITY, QUARTERS)
    assert [r["category"] for r in found["rows"]][:3] == ["Almelo", "Borne", "Dinkelland"]
    assert len(found["rows"]) == 15  # every municipality, and outside Twente
    assert counts(found, "Enschede") == {"2018-Q1": 2, "2018-Q2": 0, "2018-Q3": 0, "2018-Q4": 0}
    assert counts(found, "Hengelo")["2018-Q2"] == 1
    assert counts(found, "Almelo")["2018-Q1"] == 1
    assert counts(found, "Oldenzaal")["2018-Q4"] == 1
    assert counts(found, "outside_twente")["2018-Q2"] == 1
    assert counts(found, "Tubbergen") == {"2018-Q1": 0, "2018-Q2": 0, "2018-Q3": 0, "2018-Q4": 0}
    assert found["column_totals"] == {"2018-Q1": 3, "2018-Q2": 2, "2018-Q3": 0, "2018-Q4": 1}
    assert found["total"] == 6
    assert "Zwolle" not in str(found)  # free text never appears in a figure


def test_every_dimension_counts_by_its_codes(app: App) -> None:
    report(app, "2018-02-01T10:00:00+01:00", age=9, sex="female", forms=("sexual", "criminal"))
    report(app, "2018-02-02T10:00:00+01:00", age=17, sex="male", channel="email")
    report(app, "2018-05-02T10:00:00+02:00", age=35, sex="male", reporter="citizen")
    report(app, "2018-05-03T10:00:00+02:00", age=None, sex="unknown", forms=("labour",))
    figures = Figures(app)

    def by(dimension: Dimension) -> dict[str, dict[str, int]]:
        found = figures.counts("reports", dimension, QUARTERS)
        return {r["category"]: r["counts"] for r in found["rows"]}

    minor = by(Dimension.MINOR)
    assert (minor["minor"]["2018-Q1"], minor["adult"]["2018-Q2"], minor["unknown"]["2018-Q2"]) == (
        2,
        1,
        1,
    )
    bands = by(Dimension.AGE_BAND)
    assert bands["under_12"]["2018-Q1"] == 1 and bands["16_17"]["2018-Q1"] == 1
    assert bands["23_plus"]["2018-Q2"] == 1 and bands["unknown"]["2018-Q2"] == 1
    sex = by(Dimension.SEX)
    assert (sex["female"]["2018-Q1"], sex["male"]["2018-Q1"], sex["male"]["2018-Q2"]) == (1, 1, 1)
    assert sex["unknown"]["2018-Q2"] == 1 and sex["other"]["2018-Q2"] == 0
    forms = by(Dimension.EXPLOITATION_FORM)  # a report with two forms counts under both
    assert forms["sexual"] == {"2018-Q1": 2, "2018-Q2": 1, "2018-Q3": 0, "2018-Q4": 0}
    assert forms["criminal"]["2018-Q1"] == 1 and forms["labour"]["2018-Q2"] == 1
    channel = by(Dimension.CHANNEL)
    assert channel["phone"]["2018-Q1"] == 1 and channel["email"]["2018-Q1"] == 1
    kinds = by(Dimension.REPORTER_KIND)
    assert kinds["citizen"]["2018-Q2"] == 1 and kinds["professional"]["2018-Q2"] == 1
    risk = by(Dimension.RISK_LEVEL)
    assert risk["not_assessed"]["2018-Q1"] == 2


def test_cases_are_the_reports_that_came_into_case_direction(app: App) -> None:
    first = report(app, "2018-02-01T10:00:00+01:00")
    report(app, "2018-02-02T10:00:00+01:00")
    fire(app, first, "assess_risk", ASSESS_HIGH)
    fire(app, first, "start_case_direction", START)
    found = Figures(app).counts("cases", Dimension.RISK_LEVEL, QUARTERS)
    assert counts(found, "high")["2018-Q1"] == 1
    assert found["total"] == 1


def test_ages_youngest_and_oldest_per_period(app: App) -> None:
    for age in (9, 14, 15, 16, 35):
        report(app, "2018-02-01T10:00:00+01:00", age=age)
    report(app, "2018-05-01T10:00:00+02:00", age=12)
    figures = Figures(app)
    whole = figures.ages(QUARTERS)["rows"]
    assert whole[0] == {"period": "2018-Q1", "known": 5, "youngest": 9, "oldest": 35}
    assert whole[1] == {"period": "2018-Q2", "known": 1, "youngest": 12, "oldest": 12}
    analyst = figures.ages(Ask(PeriodKind.QUARTER, 2018, 2018, 5))["rows"]
    assert analyst[0]["youngest"] == 9
    assert analyst[1] == {"period": "2018-Q2", "known": None, "youngest": None, "oldest": None}


def test_an_analyst_sees_small_cells_suppressed_and_nothing_that_reveals_them(app: App) -> None:
    for _ in range(7):
        report(app, "2018-02-01T10:00:00+01:00", "Almelo")
    for _ in range(3):
        report(app, "2018-02-01T10:00:00+01:00", "Hengelo")
    for _ in range(6):
        report(app, "2018-05-01T10:00:00+02:00", "Hengelo")
    found = Figures(app).counts(
        "reports", Dimension.MUNICIPALITY, Ask(PeriodKind.QUARTER, 2018, 2018, 5)
    )
    hengelo = next(r for r in found["rows"] if r["category"] == "Hengelo")
    almelo = next(r for r in found["rows"] if r["category"] == "Almelo")
    assert hengelo["counts"]["2018-Q1"] is None  # 3: under the threshold
    # Hengelo's total (9) and the Q1 total (10) would give it away: a second cell goes too.
    hidden = [almelo["counts"]["2018-Q1"], hengelo["counts"]["2018-Q2"], almelo["total"]]
    hidden += [found["column_totals"]["2018-Q1"], found["column_totals"]["2018-Q2"]]
    hidden += [hengelo["total"]]
    assert hidden.count(None) >= 2
    assert found["total"] == 16 and len(found["rows"]) == 15
    assert found["suppressed"] is True and found["threshold"] == 5


def test_a_cross_table_of_two_dimensions_over_the_year(app: App) -> None:
    report(app, "2018-02-01T10:00:00+01:00", age=15, forms=("sexual", "criminal"))
    report(app, "2018-08-01T10:00:00+02:00", age=15, forms=("sexual",))
    report(app, "2018-08-02T10:00:00+02:00", age=25, forms=("labour",))
    found = Figures(app).counts(
        "reports", Dimension.EXPLOITATION_FORM, QUARTERS, across=Dimension.MINOR
    )
    assert found["columns"] == ["minor", "adult", "unknown"] and found["across"] == "minor"
    assert counts(found, "sexual") == {"minor": 2, "adult": 0, "unknown": 0}
    assert counts(found, "criminal") == {"minor": 1, "adult": 0, "unknown": 0}
    assert counts(found, "labour") == {"minor": 0, "adult": 1, "unknown": 0}
    assert found["total"] == 4  # mentions: the first report names two forms
