"""bootstrap(): build the engine, the unit of work, the bus and the views, and hand each handler
the dependencies its parameters name (as in cosmicpython's bootstrap)."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import Engine

from adapters.bus.embedded import OutboxDispatcher
from adapters.crypto import FieldCipher, load_or_create_key_file
from adapters.db.engine import make_engine
from adapters.db.outbox import OutboxStore
from adapters.db.unit_of_work import SqlUnitOfWork
from adapters.db.views import CaseViews
from config.settings import Settings
from handlers import cases, notifications
from workflow import commands, events
from workflow.messagebus import EventHandler, MessageBus, handler_name
from workflow.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]

COMMAND_HANDLERS: dict[type[commands.Command], Callable[..., Any]] = {
    commands.RegisterReport: cases.register_report,
    commands.FireTrigger: cases.fire_trigger,
}

EVENT_HANDLERS: dict[type[events.Event], list[Callable[..., None]]] = {
    events.ReportReceived: [notifications.notify_intake_of_new_report],
    events.RiskAssessed: [notifications.alert_team_lead_on_acute_risk],
    events.CaseAdvised: [],
    events.CaseDirectionStarted: [notifications.notify_case_director],
    events.CaseScaledDown: [],
    events.CaseEscalated: [notifications.notify_case_director],
    events.CaseClosed: [],
    events.CaseReopened: [notifications.notify_case_director],
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
    views: CaseViews
    cipher: FieldCipher
    clock: Clock


def data_keys(settings: Settings) -> list[str]:
    if settings.data_keys is not None:
        return [k.strip() for k in settings.data_keys.get_secret_value().split(",") if k.strip()]
    return load_or_create_key_file(settings.key_file)


def bootstrap(settings: Settings | None = None, clock: Clock = utc_now) -> App:
    settings = settings or Settings()
    engine = make_engine(settings.database_url, settings)
    cipher = FieldCipher(data_keys(settings))

    def uow_factory() -> UnitOfWork:
        return SqlUnitOfWork(engine, cipher, clock)

    dependencies: dict[str, Any] = {"clock": clock}
    bus = MessageBus(
        uow_factory,
        {
            kind: _inject_command(handler, uow_factory, dependencies)
            for kind, handler in COMMAND_HANDLERS.items()
        },
        {
            kind: [(handler_name(h), _inject_event(h, dependencies)) for h in handlers]
            for kind, handlers in EVENT_HANDLERS.items()
        },
    )
    store = OutboxStore(engine, clock)
    dispatcher = OutboxDispatcher(
        store, bus, settings.max_attempts, settings.retry_backoff_seconds,
        settings.dispatch_batch_size,
    )
    return App(settings, engine, bus, store, dispatcher, CaseViews(engine, cipher), cipher, clock)


def _wanted(handler: Callable[..., Any], dependencies: dict[str, Any]) -> dict[str, Any]:
    params = inspect.signature(handler).parameters
    return {name: dep for name, dep in dependencies.items() if name in params}


def _inject_command(
    handler: Callable[..., Any], uow_factory: Callable[[], UnitOfWork],
    dependencies: dict[str, Any],
) -> Callable[[Any], Any]:
    deps = _wanted(handler, dependencies)

    def run(command: Any) -> Any:
        # A fresh unit of work per command: commands may run on several threads at once.
        return handler(command, uow=uow_factory(), **deps)

    run.__wrapped__ = handler  # type: ignore[attr-defined]
    return run


def _inject_event(handler: Callable[..., None], dependencies: dict[str, Any]) -> EventHandler:
    return partial(handler, **_wanted(handler, dependencies))
