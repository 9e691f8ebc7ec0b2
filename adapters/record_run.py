"""The non-case records past their term, batch by batch until none is left: part of the
`retention` job and of `meldpunt retention run` (docs/retention.md#non-case-records)."""

from collections.abc import Callable
from datetime import datetime

from workflow.access import AccessEntry
from workflow.messagebus import MessageBus
from workflow.record_commands import PruneRecordBatch
from workflow.record_store import RecordBatch, RecordStep

SCHEDULER = "scheduler"


def prune_noncase_records(
    bus: MessageBus,
    now: datetime,
    actor: str = SCHEDULER,
    access: AccessEntry | None = None,
    size: int = 0,
    on_batch: Callable[[RecordBatch], None] | None = None,
) -> dict[str, int]:
    """How many records each step handled; `on_batch(batch)` after each batch."""
    done = dict.fromkeys((step.value for step in RecordStep), 0)
    while True:
        command = PruneRecordBatch(actor=actor, now=now, size=size, access=access)
        batch: RecordBatch = bus.handle(command)
        if batch.step is None:
            break
        done[batch.step.value] += batch.done
        if on_batch is not None:
            on_batch(batch)
    return done
