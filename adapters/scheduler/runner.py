"""The scheduler process: wait to be elected, run the jobs while leader, stop them when not.

Jobs live in a memory job store built from code in every process, so no job store is ever
shared by two schedulers (an APScheduler 3 rule); explicit ids, coalescing and a generous
misfire grace mean a late or missed run happens once, not many times."""

import threading
import time
from typing import Any

import structlog
from apscheduler.schedulers.background import BackgroundScheduler

from adapters.bootstrap import App
from adapters.ops.metrics import JOB_RUNS, JOB_SECONDS, outcome
from adapters.scheduler.jobs import JOBS, Job
from adapters.scheduler.leader import Leadership, leadership_for
from workflow.calendar import AMSTERDAM
from workflow.log_context import bound

log = structlog.get_logger(__name__)


def build_scheduler(app: App) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(
        timezone=AMSTERDAM,
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": app.settings.scheduler_misfire_grace_seconds,
        },
    )
    for job in JOBS.values():
        scheduler.add_job(
            _runner(app, job),
            trigger=job.trigger(),
            id=job.name,
            name=job.name,
            replace_existing=True,
        )
    return scheduler


def _runner(app: App, job: Job) -> Any:
    def run() -> None:
        started = time.perf_counter()
        with bound(job=job.name):
            try:
                log.info("job finished", **job.run(app, app.clock()))
            except Exception as error:  # one failed run must not stop the schedule; the next
                log.exception("job failed")  # run retries
                JOB_RUNS.labels(job.name, outcome(error)).inc()
            else:
                JOB_RUNS.labels(job.name, "ok").inc()
            JOB_SECONDS.labels(job.name).observe(time.perf_counter() - started)

    return run


def run_scheduler(
    app: App,
    stop: threading.Event,
    leadership: Leadership | None = None,
    said: dict[str, Any] | None = None,
) -> None:
    """`said`: kept up to date with {"leader": bool}, for the process's heartbeat."""
    leadership = leadership or leadership_for(app.engine)
    said = {} if said is None else said
    said["leader"] = False
    scheduler = build_scheduler(app)
    leading = False
    log.info("scheduler waiting for leadership")
    try:
        while not stop.is_set():
            if not leading and leadership.try_acquire():
                leading = said["leader"] = True
                if scheduler.running:
                    scheduler.resume()
                else:
                    scheduler.start()
                log.info("scheduler elected leader", jobs=sorted(JOBS))
            elif leading and not leadership.still_held():
                leading = said["leader"] = False
                scheduler.pause()
                log.warning("scheduler lost leadership, jobs paused")
            stop.wait(app.settings.scheduler_leader_poll_seconds)
    finally:
        said["leader"] = False
        if scheduler.running:
            scheduler.shutdown(wait=True)
        leadership.release()
        log.info("scheduler stopped")
