"""Metrics read from the database at each scrape (the same for every process, so they are not
counted per process): outbox pending and dead, stuck disclosures, overdue cases by kind of
deadline, access-log rows. Counts only; nothing about a person."""

from collections.abc import Iterator
from datetime import timedelta

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from adapters.bootstrap import App
from adapters.db.outbox import DEAD, PENDING
from adapters.db.tables import access_log, cases, disclosures, outbox


class DatabaseMetrics(Collector):
    def __init__(self, app: App) -> None:
        self.app = app

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = self.app.clock()
        stuck_since = now - timedelta(minutes=self.app.settings.disclosure_stuck_minutes)
        backlog = GaugeMetricFamily(
            "meldpunt_outbox_events", "Outbox rows by status", labels=["status"]
        )
        overdue = GaugeMetricFamily(
            "meldpunt_overdue_cases", "Cases past their deadline, by kind", labels=["kind"]
        )
        with self.app.engine.connect() as conn:
            for status in (PENDING, DEAD):
                count = conn.execute(
                    select(func.count()).select_from(outbox).where(outbox.c.status == status)
                ).scalar_one()
                backlog.add_metric([status], count)
            late = select(cases.c.deadline_kind, func.count()).where(cases.c.deadline_at < now)
            for kind, count in conn.execute(late.group_by(cases.c.deadline_kind)):
                overdue.add_metric([kind or "none"], count)
            stuck = conn.execute(
                select(func.count())
                .select_from(disclosures)
                .where(disclosures.c.status == PENDING, disclosures.c.created_at < stuck_since)
            ).scalar_one()
            logged = conn.execute(select(func.count()).select_from(access_log)).scalar_one()
        yield backlog
        yield overdue
        yield GaugeMetricFamily(
            "meldpunt_stuck_disclosures", "Disclosures pending too long", value=stuck
        )
        yield GaugeMetricFamily("meldpunt_access_log_rows", "Rows in the access log", value=logged)
