"""The service's Prometheus metrics (prometheus_client). Counters and histograms are kept by the
process that does the work; with PROMETHEUS_MULTIPROC_DIR set (one directory shared by every
process on a host, emptied before they start) prometheus_client keeps them in files there and
/metrics adds up all processes. Labels are codes (command and event types, handler and job
names, partner codes, route templates, status codes): never a case id, a name or a path with
an id in it."""

import os
import socket

from prometheus_client import Counter, Histogram, values


def _process() -> str:
    # Containers sharing the directory are each pid 1: the host name keeps their files apart
    # (prometheus_client splits file names on "_", so none in the identifier).
    return f"{socket.gethostname()}-{os.getpid()}".replace("_", "-")


if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # before any metric is made
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)
    values.ValueClass = values.MultiProcessValue(_process)  # type: ignore[no-untyped-call]

COMMANDS = Counter(
    "meldpunt_commands", "Commands handled, by type and outcome", ["command", "outcome"]
)
COMMAND_SECONDS = Histogram(
    "meldpunt_command_duration_seconds", "Time to handle a command", ["command"]
)
EVENTS_RELAYED = Counter("meldpunt_events_relayed", "Events the relay published to the broker")
EVENTS_HANDLED = Counter(
    "meldpunt_events_handled",
    "Event handler runs, by event type, handler and outcome",
    ["event_type", "handler", "outcome"],
)
HANDLER_SECONDS = Histogram(
    "meldpunt_event_handler_duration_seconds", "Time an event handler ran", ["handler"]
)
PARTNER_DELIVERIES = Counter(
    "meldpunt_partner_deliveries",
    "Deliveries of disclosures to partners, by partner and outcome",
    ["partner", "outcome"],
)
JOB_RUNS = Counter(
    "meldpunt_job_runs", "Scheduled job runs, by job and outcome", ["job", "outcome"]
)
JOB_SECONDS = Histogram(
    "meldpunt_job_duration_seconds",
    "Time a scheduled job ran",
    ["job"],
    buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 900, float("inf")),
)
HTTP_REQUESTS = Counter(
    "meldpunt_http_requests",
    "HTTP requests, by method, route template and status",
    ["method", "route", "status"],
)
HTTP_SECONDS = Histogram(
    "meldpunt_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
)


def outcome(error: BaseException | None) -> str:
    """ "ok", or the error's class name (a code, never its message)."""
    return "ok" if error is None else type(error).__name__
