"""What the pruning of the non-case records needs of storage: one batch at a time, each one
transaction with its access-log row."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from workflow.access import AccessEntry
from workflow.record_terms import Cutoffs


class RecordStep(StrEnum):
    """What a batch did, in the order a run does them."""

    ADVICE_DELETED = "advice_questions_deleted"
    ACTIVITIES_DELETED = "prevention_activities_deleted"
    ADVICE_TEXT_DESTROYED = "advice_texts_destroyed"


@dataclass(frozen=True)
class RecordBatch:
    """`done` records of one step; `remaining` of that step after it (0 with no step: nothing
    was past its term)."""

    step: RecordStep | None
    done: int
    remaining: int


class RecordStore(Protocol):
    def prune_batch(
        self, cut: Cutoffs, size: int, now: datetime, access: AccessEntry
    ) -> RecordBatch: ...

    def sweep_free_space(self) -> None: ...
