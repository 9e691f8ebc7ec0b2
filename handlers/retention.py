"""Handlers of retention: holds, destruction lists, erasure, anonymisation, pruning. The store
does each in one transaction with its access-log rows; the rules of what may happen are here
and in workflow/retention.py."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import structlog

from workflow.access import AccessEntry
from workflow.calendar import AMSTERDAM
from workflow.errors import InvalidInput, reason
from workflow.retention import RetentionRules
from workflow.retention_commands import (
    AnonymiseBatch,
    ApproveDestructionList,
    LiftLegalHold,
    PlaceLegalHold,
    ProposeDestruction,
    PruneRecords,
    RequestErasure,
    TakeOffDestructionList,
)
from workflow.retention_store import Batch, RetentionStore
from workflow.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)
Clock = Callable[[], datetime]


def _access(command: Any, what: str) -> AccessEntry:
    """The access-log row of the person who asked, or of the scheduler when nobody did."""
    if command.access is not None:
        entry: AccessEntry = command.access
        return entry
    return AccessEntry(command.actor, "system", "scheduler", "write", "case", "ok", fields=(what,))


def place_legal_hold(
    command: PlaceLegalHold, uow: UnitOfWork, retention_store: RetentionStore, clock: Clock
) -> str:
    return retention_store.place_hold(
        command.case_id, command.reason, clock(), _access(command, "legal_hold")
    )


def lift_legal_hold(
    command: LiftLegalHold, uow: UnitOfWork, retention_store: RetentionStore, clock: Clock
) -> int:
    lifted = retention_store.lift_holds(
        command.case_id, command.reason, clock(), _access(command, "legal_hold")
    )
    if not lifted:
        why = reason("retention.no_hold", "this case has no legal hold to lift")
        raise InvalidInput([("case_id", why)])
    return lifted


def propose_destruction(
    command: ProposeDestruction, uow: UnitOfWork, retention_store: RetentionStore
) -> dict[str, Any]:
    today = command.now.astimezone(AMSTERDAM).date()
    return retention_store.propose_due(today, command.now, command.actor)


def request_erasure(
    command: RequestErasure,
    uow: UnitOfWork,
    retention_store: RetentionStore,
    retention_rules: RetentionRules,
    clock: Clock,
) -> str:
    now = clock()
    case = retention_store.standing(command.case_id)
    why = None
    if case.anonymised:
        why = reason("retention.erasure_done", "the case is anonymised already")
    elif case.held:
        why = reason(
            "retention.erasure_held",
            "refused: a legal hold is on the case (a prosecution, complaint or police request)",
        )
    elif not case.closed:
        why = reason("retention.erasure_open", "refused: the case is still open; close it first")
    elif case.rule is not None and case.action_date is not None:
        rule = next((r for r in retention_rules.rules if r.id == case.rule), None)
        if rule is not None and not rule.erasure_before_term and now.date() < case.action_date:
            why = reason(
                "retention.erasure_term",
                "refused: retention rule '{rule}' keeps the case until {until}: {why_en}",
                rule=rule.id,
                until=case.action_date.strftime("%d-%m-%Y"),
                why_en=rule.reason,
                why_nl=rule.reason_nl,
            )
    if why is not None:
        raise InvalidInput([("case_id", why)])
    return retention_store.propose_erasure(command.case_id, now, _access(command, "erasure"))


def approve_destruction_list(
    command: ApproveDestructionList,
    uow: UnitOfWork,
    retention_store: RetentionStore,
    clock: Clock,
) -> int:
    return retention_store.approve(command.list_id, clock(), _access(command, "approve"))


def take_off_destruction_list(
    command: TakeOffDestructionList,
    uow: UnitOfWork,
    retention_store: RetentionStore,
    clock: Clock,
) -> None:
    access = _access(command, "take_off")
    retention_store.take_off(command.list_id, command.case_id, command.reason, clock(), access)


def anonymise_batch(
    command: AnonymiseBatch,
    uow: UnitOfWork,
    retention_store: RetentionStore,
    retention_rules: RetentionRules,
) -> Batch:
    size = command.size or retention_rules.batch_size
    batch = retention_store.anonymise_batch(size, command.now, _access(command, "anonymise"))
    log.info("retention batch", anonymised=len(batch.anonymised), remaining=batch.remaining)
    if batch.anonymised and (batch.remaining == 0 or len(batch.anonymised) < size):
        retention_store.sweep_free_space()  # the last batch of this run
    return batch


def prune_records(
    command: PruneRecords,
    uow: UnitOfWork,
    retention_store: RetentionStore,
    retention_rules: RetentionRules,
) -> dict[str, int]:
    access_before = command.now - timedelta(days=retention_rules.access_log_days)
    notes_before = command.now - timedelta(days=retention_rules.notifications_days)
    return retention_store.prune(access_before, notes_before, command.now)


COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {
    PlaceLegalHold: place_legal_hold,
    LiftLegalHold: lift_legal_hold,
    ProposeDestruction: propose_destruction,
    RequestErasure: request_erasure,
    ApproveDestructionList: approve_destruction_list,
    TakeOffDestructionList: take_off_destruction_list,
    AnonymiseBatch: anonymise_batch,
    PruneRecords: prune_records,
}
