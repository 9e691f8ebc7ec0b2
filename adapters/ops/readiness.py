"""What /health/ready and `meldpunt status` check: the database answers, its schema is this
release's, the broker answers (when one is configured) and some scheduler leads. Each check
says "ok" or a code (not_configured, unreachable, not_current, no_leader); the details go to the
log, not to an unauthenticated caller."""

from typing import Any

import structlog
from sqlalchemy import select, text

from adapters.bootstrap import App
from adapters.crypto import DataKeysDoNotFit
from adapters.db.migrate import current, head
from adapters.db.tables import reports
from adapters.ops.leader_known import leader_known

log = structlog.get_logger(__name__)

OK, NOT_CONFIGURED = "ok", "not_configured"


def _database(app: App) -> str:
    with app.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return OK


def _migrations(app: App) -> str:
    found, wanted = current(app.engine), head()
    if found != wanted:
        log.warning("database schema is not this release's", current=found, head=wanted)
    return OK if found == wanted else "not_current"


def _broker(app: App) -> str:
    if app.settings.broker_url is None:
        return NOT_CONFIGURED
    from adapters.bus.topology import connect  # kombu: production mode only

    with connect(app.settings, confirm=False) as conn:
        conn.ensure_connection(max_retries=1, timeout=app.settings.health_timeout_seconds)
    return OK


def _data_keys(app: App) -> str:
    """The configured keys open the stored data (a sample: the newest report)."""
    query = select(reports.c.content).order_by(reports.c.received_at.desc()).limit(1)
    with app.engine.connect() as connection:
        sample = connection.execute(query).scalar()
    if sample is None:
        return OK
    try:
        app.cipher.decrypt(sample)
    except DataKeysDoNotFit:
        return "keys_do_not_fit"
    return OK


def _scheduler(app: App) -> str:
    return OK if leader_known(app.engine) else "no_leader"


CHECKS = {
    "database": _database,
    "migrations": _migrations,
    "broker": _broker,
    "data_keys": _data_keys,
    "scheduler_leader": _scheduler,
}
FINE = {OK, NOT_CONFIGURED}


def readiness(app: App) -> dict[str, Any]:
    """{"status": "ready" | "not_ready", "checks": {name: "ok" | code}}."""
    checks: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            checks[name] = check(app)
        except Exception as error:  # unreachable, refused, timed out: not ready, and why
            log.warning("readiness check failed", check=name, error=str(error))
            checks[name] = "unreachable"
    ready = all(result in FINE for result in checks.values())
    return {"status": "ready" if ready else "not_ready", "checks": checks}
