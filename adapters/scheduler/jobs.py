"""The scheduled jobs: what each does and when it runs.

Each is idempotent, so a double run or a rerun after a crash says nothing twice; each takes
`now`, so an operator can run it as of a given moment."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from adapters.access_anchor import record_checkpoint
from adapters.bootstrap import App
from adapters.db.housekeeping import prune_handled_messages
from adapters.mail import send_pending_mail
from adapters.retention_run import retention_job
from workflow.calendar import AMSTERDAM
from workflow.commands import AlertStuckDisclosures, SweepDeadlines, SweepReporterFeedback
from workflow.moments import moment_problem

JobFunction = Callable[[App, datetime], dict[str, Any]]


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    trigger: Callable[[], BaseTrigger]
    run: JobFunction


def _stalled(app: App, now: datetime) -> dict[str, Any]:
    result = app.bus.handle(SweepDeadlines(actor="scheduler", now=now, follow_ups=False))
    return {"found": result.found, "flagged": result.flagged}


def _follow_ups(app: App, now: datetime) -> dict[str, Any]:
    result = app.bus.handle(SweepDeadlines(actor="scheduler", now=now, follow_ups=True))
    return {"found": result.found, "flagged": result.flagged}


def _feedback(app: App, now: datetime) -> dict[str, Any]:
    result = app.bus.handle(SweepReporterFeedback(actor="scheduler", now=now))
    return {"found": result.found, "flagged": result.flagged}


def _stuck_disclosures(app: App, now: datetime) -> dict[str, Any]:
    result = app.bus.handle(AlertStuckDisclosures(actor="scheduler", now=now))
    return {"found": result.found, "flagged": result.flagged}


def _mail(app: App, now: datetime) -> dict[str, Any]:
    return {"mailed": send_pending_mail(app.engine, app.settings, now)}


def _housekeeping(app: App, now: datetime) -> dict[str, Any]:
    retention = timedelta(days=app.deadlines.norms.handled_message_retention_days)
    return {"handled_messages_pruned": prune_handled_messages(app.engine, now - retention)}


def _retention(app: App, now: datetime) -> dict[str, Any]:
    return retention_job(app.bus, now)


def _access_checkpoint(app: App, now: datetime) -> dict[str, Any]:
    kept, recorded = record_checkpoint(app.engine, app.settings, now)
    return {"last_id": kept.last_id, "rows": kept.rows, "recorded": recorded}


JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        Job(
            "stalled_sweep",
            "flag cases past their deadline, then tell the team lead",
            lambda: IntervalTrigger(minutes=5, timezone=AMSTERDAM),
            _stalled,
        ),
        Job(
            "follow_up_reminders",
            "remind case directors of due check-ins with the local team",
            lambda: IntervalTrigger(minutes=15, timezone=AMSTERDAM),
            _follow_ups,
        ),
        Job(
            "reporter_feedback",
            "remind when feedback to the reporter is overdue",
            lambda: IntervalTrigger(minutes=15, timezone=AMSTERDAM),
            _feedback,
        ),
        Job(
            "stuck_disclosures",
            "tell the team lead of messages to partners pending past the stuck time",
            lambda: IntervalTrigger(minutes=5, timezone=AMSTERDAM),
            _stuck_disclosures,
        ),
        Job(
            "mail_notifications",
            "e-mail stored reminders to people with an address (when SMTP is set)",
            lambda: IntervalTrigger(minutes=1, timezone=AMSTERDAM),
            _mail,
        ),
        Job(
            "housekeeping",
            "prune handled-message rows past the redelivery window",
            lambda: CronTrigger(hour=3, minute=17, timezone=AMSTERDAM),
            _housekeeping,
        ),
        Job(
            "retention",
            "list cases past their archive date, anonymise approved lists, prune old records",
            lambda: CronTrigger(hour=2, minute=43, timezone=AMSTERDAM),
            _retention,
        ),
        Job(
            "access_checkpoint",
            "sign the access log's head into the checkpoint file and the log (docs/privacy.md)",
            lambda: IntervalTrigger(minutes=15, timezone=AMSTERDAM),
            _access_checkpoint,
        ),
    )
}


def parse_moment(text: str) -> datetime:
    """An ISO moment; without an offset it is Dutch local time. ValueError when it is none, or
    lies outside the years a moment from outside may have (workflow/moments.py)."""
    moment = datetime.fromisoformat(text)
    if moment_problem(moment) is not None:
        raise ValueError("out of bounds")
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)
