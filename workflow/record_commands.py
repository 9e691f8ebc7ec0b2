"""The command of the non-case records' terms (docs/retention.md#non-case-records)."""

from datetime import datetime

from workflow.commands import Command


class PruneRecordBatch(Command):
    """Destroy or remove the next batch of advice questions and prevention activities past
    their term; `size` 0: the configured batch size."""

    now: datetime
    size: int = 0
