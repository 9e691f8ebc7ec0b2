"""Handler of the non-case records' terms: the next batch of advice questions and prevention
activities past their term (workflow/record_terms.py), in the store's one transaction."""

from collections.abc import Callable
from typing import Any

import structlog

from workflow.access import AccessEntry
from workflow.calendar import AMSTERDAM
from workflow.record_commands import PruneRecordBatch
from workflow.record_store import RecordBatch, RecordStore
from workflow.record_terms import cutoffs
from workflow.retention import RetentionRules
from workflow.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)


def prune_record_batch(
    command: PruneRecordBatch,
    uow: UnitOfWork,
    record_store: RecordStore,
    retention_rules: RetentionRules,
) -> RecordBatch:
    size = command.size or retention_rules.batch_size
    cut = cutoffs(retention_rules.records, command.now.astimezone(AMSTERDAM).date())
    access = command.access or AccessEntry(
        command.actor, "system", "scheduler", "write", "advice_question", "ok"
    )
    batch = record_store.prune_batch(cut, size, command.now, access)
    if batch.step is not None:
        log.info("record terms batch", step=batch.step.value, done=batch.done, left=batch.remaining)
        if batch.remaining == 0:  # the step's last batch: old row versions freed
            record_store.sweep_free_space()
    return batch


COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {PruneRecordBatch: prune_record_batch}
