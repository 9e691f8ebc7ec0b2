"""bootstrap(): build the engine, the unit of work, the bus and the read model, and hand each
handler the dependencies its parameters name (as in cosmicpython's bootstrap)."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Engine

from adapters.bus.batch import EventBatches
from adapters.bus.embedded import OutboxDispatcher
from adapters.crypto import FieldCipher, load_or_create_key_file, load_or_create_secret_file
from adapters.db.access_log import AccessLog
from adapters.db.case_file import CaseFiles
from adapters.db.case_queries import CaseQueries
from adapters.db.disclosures import DisclosureStore
from adapters.db.engine import make_engine
from adapters.db.notifications import NotificationQueries
from adapters.db.outbox import OutboxStore
from adapters.db.record_prune import SqlRecordStore
from adapters.db.retention_store import SqlRetentionStore
from adapters.db.shared_transaction import SharedTransaction
from adapters.db.statistics import Statistics
from adapters.db.unit_of_work import SqlUnitOfWork
from adapters.db.users import UserStore
from adapters.ops.instrument import instrument
from adapters.partners.channels import PartnerChannels
from config.reference import load_partners, load_reference, load_time_norms
from config.retention import load_retention_rules
from config.settings import Settings
from config.texts import Texts
from handlers import (
    assignment,
    cases,
    consent,
    intake,
    noncase,
    notifications,
    partner_budget,
    partner_scope,
    partner_signals,
    partners,
    record_terms,
    reminders,
    retention,
    stuck_disclosures,
    subject_rights,
    sweeps,
)
from workflow import commands, events, noncase_commands, rights_commands
from workflow.calendar import WorkingDayCalendar
from workflow.deadlines import DeadlinePolicy
from workflow.messagebus import EventHandler, MessageBus, handler_name
from workflow.partner_budget import TellPartnerOverBudget
from workflow.partners import PartnerDirectory
from workflow.reference import ReferenceData
from workflow.subjects import SubjectKeys
from workflow.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]

COMMAND_HANDLERS: dict[type[commands.Command], Callable[..., Any]] = {
    commands.RegisterReport: intake.register_report,
    commands.DecideDuplicate: intake.decide_duplicate,
    commands.FireTrigger: cases.fire_trigger,
    commands.ConfirmAssessment: cases.confirm_assessment,
    commands.RecordActivity: cases.record_activity,
    commands.RecordFollowUp: cases.record_follow_up,
    commands.SweepDeadlines: sweeps.sweep_deadlines,
    commands.SweepReporterFeedback: sweeps.sweep_reporter_feedback,
    commands.AssignCase: assignment.assign_case,
    commands.RecordConsent: consent.record_consent,
    commands.WithdrawConsent: consent.withdraw_consent,
    commands.RecordPartnerSignal: partner_signals.record_partner_signal,
    commands.AlertStuckDisclosures: stuck_disclosures.alert_stuck_disclosures,
    commands.RecordPartnerFollowUp: partner_scope.record_partner_follow_up,
    commands.RecordPlacement: partner_scope.record_placement,
    noncase_commands.RecordAdviceQuestion: noncase.record_advice_question,
    noncase_commands.TurnAdviceIntoReport: noncase.turn_advice_into_report,
    noncase_commands.RecordPreventionActivity: noncase.record_prevention_activity,
    noncase_commands.MarkActivityHeld: noncase.mark_activity_held,
    rights_commands.CorrectReport: subject_rights.correct_report_field,
    rights_commands.RestrictCase: subject_rights.restrict_case,
    rights_commands.LiftRestriction: subject_rights.lift_case_restriction,
    **retention.COMMAND_HANDLERS,
    **record_terms.COMMAND_HANDLERS,
    TellPartnerOverBudget: partner_budget.tell_partner_over_budget,
}

# The events that have handlers of their own; the partners' handler joins those some partner
# subscribes to (event_handlers below). An event type not listed has none.
EVENT_HANDLERS: dict[type[events.Event], list[Callable[..., None]]] = {
    events.ReportReceived: [notifications.notify_intake_of_new_report],
    events.AcuteRiskDetected: [notifications.alert_team_lead_on_acute_risk],
    events.AssessmentAwaitingConfirmation: [notifications.ask_team_lead_to_confirm],
    events.CaseDirectionStarted: [notifications.notify_case_director],
    events.CaseEscalated: [notifications.notify_case_director],
    events.CaseReopened: [notifications.notify_case_director],
    events.FollowUpRecorded: [reminders.suggest_escalation_on_new_signals],
    events.CaseStalled: [reminders.remind_of_stalled_case],
    events.FollowUpDue: [reminders.remind_of_follow_up],
    events.StalledCaseEscalated: [reminders.escalate_stalled_case],
    events.ReporterFeedbackDue: [reminders.remind_of_reporter_feedback],
    events.RevictimisationRiskFlagged: [notifications.warn_of_revictimisation],
    events.PartnerSignalRecorded: [partner_signals.react_to_partner_signal],
    events.CaseReassigned: [assignment.tell_of_reassignment],
}


def event_handlers(
    directory: PartnerDirectory,
) -> dict[type[events.Event], list[Callable[..., None]]]:
    """The handlers of every event type, with the partners' outbound handler on the events some
    partner subscribes to (and only those: every handler costs a handled-message row)."""
    return {
        kind: EVENT_HANDLERS.get(kind, [])
        + ([partners.inform_partners] if directory.subscribed_to(kind.__name__) else [])
        for kind in events.EVENT_TYPES.values()
    }


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class App:
    settings: Settings
    engine: Engine
    bus: MessageBus
    outbox: OutboxStore
    dispatcher: OutboxDispatcher
    cipher: FieldCipher
    clock: Clock
    deadlines: DeadlinePolicy
    reference: ReferenceData
    # The read model every entry point asks (docs/architecture.md), and the access log.
    queries: CaseQueries
    files: CaseFiles
    notifications: NotificationQueries
    statistics: Statistics
    users: UserStore
    access_log: AccessLog
    deliveries: DisclosureStore
    partners: PartnerDirectory
    # How each partner is reached in this mode, and which cannot be (adapters/partners/channels.py).
    partner_channels: PartnerChannels
    # Many events' handlers in one transaction, for the broker worker.
    batches: EventBatches
    # What people read, in their language.
    texts: Texts


def data_keys(settings: Settings) -> list[str]:
    if settings.data_keys is not None:
        return [k.strip() for k in settings.data_keys.get_secret_value().split(",") if k.strip()]
    return load_or_create_key_file(settings.key_file)


def subject_secret(settings: Settings) -> bytes:
    if settings.subject_key is not None:
        return settings.subject_key.get_secret_value().encode()
    return load_or_create_secret_file(settings.subject_key_file)


def bootstrap(settings: Settings | None = None, clock: Clock = utc_now) -> App:
    settings = settings or Settings()
    engine = make_engine(settings.database_url, settings)
    cipher = FieldCipher(data_keys(settings))

    def uow_factory() -> UnitOfWork:
        return SqlUnitOfWork(engine, cipher, clock)

    def uow_in(shared: SharedTransaction) -> UnitOfWork:
        return SqlUnitOfWork(engine, cipher, clock, shared)

    norms = load_time_norms()
    deadlines = DeadlinePolicy(norms, WorkingDayCalendar(norms.extra_closed_days))
    reference = load_reference()
    partner_directory = load_partners()
    channels = PartnerChannels.in_mode(partner_directory, settings)
    users = UserStore(engine, clock, settings.api_local_tokens)
    dependencies: dict[str, Any] = {
        "clock": clock,
        "deadlines": deadlines,
        "reference": reference,
        "subject_keys": SubjectKeys(subject_secret(settings)),
        "partners": partner_directory,
        "partner_channels": channels.routes,
        "public_base_url": settings.public_base_url,
        "disclosure_stuck_after": timedelta(minutes=settings.disclosure_stuck_minutes),
        "people": users,
        "retention_rules": load_retention_rules(),
        "retention_store": SqlRetentionStore(engine, cipher),
        "record_store": SqlRecordStore(engine, cipher),
    }
    bus = MessageBus(
        uow_factory,
        {
            kind: _inject_command(handler, dependencies)
            for kind, handler in COMMAND_HANDLERS.items()
        },
        {
            kind: [(handler_name(h), _inject_event(h, dependencies)) for h in handlers]
            for kind, handlers in event_handlers(partner_directory).items()
        },
    )
    instrument(bus)  # commands and event handlers counted and timed (adapters/ops/metrics.py)
    store = OutboxStore(engine, clock)
    batches = EventBatches(bus, engine, uow_in)
    dispatcher = OutboxDispatcher(
        store,
        bus,
        settings.max_attempts,
        settings.retry_backoff_seconds,
        settings.dispatch_batch_size,
        batches,
    )
    return App(
        settings,
        engine,
        bus,
        store,
        dispatcher,
        cipher,
        clock,
        deadlines,
        reference,
        CaseQueries(engine, cipher),
        CaseFiles(engine, cipher),
        NotificationQueries(engine),
        Statistics(engine),
        users,
        AccessLog(engine, clock),
        DisclosureStore(engine, cipher, clock),
        partner_directory,
        channels,
        batches,
        Texts(settings.language),
    )


def _wanted(handler: Callable[..., Any], dependencies: dict[str, Any]) -> dict[str, Any]:
    params = inspect.signature(handler).parameters
    return {name: dep for name, dep in dependencies.items() if name in params}


def _inject_command(
    handler: Callable[..., Any], dependencies: dict[str, Any]
) -> Callable[[Any, UnitOfWork], Any]:
    return partial(handler, **_wanted(handler, dependencies))


def _inject_event(handler: Callable[..., None], dependencies: dict[str, Any]) -> EventHandler:
    return partial(handler, **_wanted(handler, dependencies))
