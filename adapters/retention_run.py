"""The `retention` job and `meldpunt retention run`: propose the due cases, anonymise the
approved ones batch by batch (one transaction each, a progress line after each), prune the
records past their term. Idempotent: a second run finds nothing new to do."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from adapters.record_run import prune_noncase_records
from workflow.access import AccessEntry
from workflow.messagebus import MessageBus
from workflow.retention_commands import AnonymiseBatch, ProposeDestruction, PruneRecords
from workflow.retention_store import Batch

SCHEDULER = "scheduler"


def anonymise_approved(
    bus: MessageBus,
    now: datetime,
    actor: str = SCHEDULER,
    access: AccessEntry | None = None,
    size: int = 0,
    on_batch: Callable[[Batch, int], None] | None = None,
) -> int:
    """Anonymise approved cases until none is left; `on_batch(batch, done so far)` after each."""
    done = 0
    while True:
        batch: Batch = bus.handle(AnonymiseBatch(actor=actor, now=now, size=size, access=access))
        if not batch.anonymised:
            return done
        done += len(batch.anonymised)
        if on_batch is not None:
            on_batch(batch, done)
        if batch.remaining == 0:
            return done


def retention_job(bus: MessageBus, now: datetime) -> dict[str, Any]:
    proposed = bus.handle(ProposeDestruction(actor=SCHEDULER, now=now))
    anonymised = anonymise_approved(bus, now)
    pruned = bus.handle(PruneRecords(actor=SCHEDULER, now=now))
    records = prune_noncase_records(bus, now)
    return {**proposed, "anonymised": anonymised, **pruned, **records}
