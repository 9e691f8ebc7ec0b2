"""Peer 2: one shared `transitions` machine over SQLAlchemy ORM classes.

The machine has no models (the static-machine pattern of the pytransitions FAQ): a command fires
the event on the loaded ORM object itself, so the machine sets its `state` attribute and the
transition's callbacks set the other columns. Per command one Session and one transaction:
`session.get` (SELECT of the case), the trigger, then the flush at commit: UPDATE of the changed
columns with the version check of `version_id_col`, INSERT of the history row (its data
encrypted with Fernet) and of the outbox row. Register: INSERT of the case, the report
(encrypted), history and outbox, in the order the foreign keys ask for.
"""

import json
import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from cryptography.fernet import Fernet
from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from transitions import EventData, Machine, MachineError

from benchmarks.peers.common import FEEDBACK, Peer, make_engine, next_deadline, outbox_values, utc

OPEN = ["received", "risk_assessed", "advised", "in_case_direction", "scaled_down_locally"]
STATES = [*OPEN, "closed"]


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True)}


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    state: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime]
    municipality: Mapped[str] = mapped_column(String(100), index=True)
    risk_level: Mapped[str | None] = mapped_column(String(16))
    case_director: Mapped[str | None] = mapped_column(String(100), index=True)
    closing_result: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    state_entered_at: Mapped[datetime]
    scaled_down_at: Mapped[datetime | None]
    deadline_at: Mapped[datetime | None] = mapped_column(index=True)
    deadline_kind: Mapped[str | None] = mapped_column(String(40))
    feedback_due_at: Mapped[datetime | None]

    # The flush bumps the version and updates WHERE version = the loaded one (StaleDataError).
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}

    # Callbacks of the machine (send_event=True), looked up on the model by name.
    def entered(self, event: EventData) -> None:
        now = event.kwargs["now"]
        self.updated_at = self.state_entered_at = now
        self.deadline_at, self.deadline_kind = next_deadline(self.state, now)

    def record_risk(self, event: EventData) -> None:
        self.risk_level = event.kwargs["data"]["level"]

    def is_high_risk(self, event: EventData) -> bool:
        return self.risk_level in ("high", "acute")

    def take_direction(self, event: EventData) -> None:
        self.case_director = event.kwargs["data"]["case_director"]

    def record_scale_down(self, event: EventData) -> None:
        self.scaled_down_at = event.kwargs["now"]

    def record_result(self, event: EventData) -> None:
        self.closing_result = event.kwargs["data"]["result"]


class ReportRow(Base):
    __tablename__ = "reports"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime]
    content: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted JSON of the report


class HistoryRow(Base):
    __tablename__ = "case_history"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    trigger: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[datetime]
    data: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted JSON
    correlation_id: Mapped[str | None] = mapped_column(String(64))


class OutboxRow(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(60))
    case_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int]
    available_at: Mapped[datetime]


MACHINE = Machine(
    model=None,
    states=STATES,
    transitions=[
        {
            "trigger": "assess_risk",
            "source": "received",
            "dest": "risk_assessed",
            "after": "record_risk",
        },
        {"trigger": "advise", "source": "risk_assessed", "dest": "advised"},
        {
            "trigger": "start_case_direction",
            "source": "advised",
            "dest": "in_case_direction",
            "after": "take_direction",
        },
        # High risk may skip the advice.
        {
            "trigger": "start_case_direction",
            "source": "risk_assessed",
            "dest": "in_case_direction",
            "conditions": "is_high_risk",
            "after": "take_direction",
        },
        {
            "trigger": "scale_down",
            "source": "in_case_direction",
            "dest": "scaled_down_locally",
            "after": "record_scale_down",
        },
        {"trigger": "escalate", "source": "scaled_down_locally", "dest": "in_case_direction"},
        {"trigger": "close", "source": OPEN, "dest": "closed", "after": "record_result"},
        {"trigger": "reopen", "source": "closed", "dest": "in_case_direction"},
    ],
    initial=None,
    auto_transitions=False,
    send_event=True,
    after_state_change="entered",
)


class OrmPeer(Peer):
    def __init__(
        self, url: str, key: str, report: dict[str, Any], life: list[tuple[str, dict[str, Any]]]
    ) -> None:
        super().__init__(report, life)
        self.engine = make_engine(url)
        Base.metadata.create_all(self.engine)
        self.fernet = Fernet(key.encode())
        # The session ends with its command: nothing to expire, nothing to flush before.
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)

    def register(self, report: dict[str, Any], actor: str) -> str:
        now = datetime.now(UTC)
        case_id = str(uuid.uuid4())
        received_at = utc(report["received_at"])
        deadline_at, deadline_kind = next_deadline("received", now)
        case = CaseRow(
            id=case_id,
            state="received",
            received_at=received_at,
            municipality=report["subject"]["municipality"],
            created_at=now,
            updated_at=now,
            state_entered_at=now,
            deadline_at=deadline_at,
            deadline_kind=deadline_kind,
            feedback_due_at=received_at + FEEDBACK,
        )
        content = self.fernet.encrypt(json.dumps(report).encode())
        with self.sessions.begin() as session:
            session.add(case)
            session.add(
                ReportRow(
                    case_id=case_id,
                    channel=report["channel"],
                    received_at=received_at,
                    content=content,
                )
            )
            self.record(
                session, case, 1, "register", None, actor, {"channel": report["channel"]}, now
            )
        return case_id

    def transition(self, case_id: str, trigger: str, data: dict[str, Any], actor: str) -> None:
        now = datetime.now(UTC)
        with self.sessions.begin() as session:
            case = session.get(CaseRow, case_id)
            if case is None:
                raise LookupError(case_id)
            from_state = case.state
            event = MACHINE.events.get(trigger)
            if event is None:
                raise ValueError(f"no such trigger: {trigger}")
            try:
                moved = event.trigger(case, data=data, now=now)
            except MachineError as error:
                raise ValueError(f"{trigger} refused in {from_state}") from error
            if not moved:
                raise ValueError(f"{trigger} refused in {from_state}: a condition failed")
            self.record(session, case, case.version + 1, trigger, from_state, actor, data, now)

    def record(
        self,
        session: Session,
        case: CaseRow,
        seq: int,
        trigger: str,
        from_state: str | None,
        actor: str,
        data: dict[str, Any],
        now: datetime,
    ) -> None:
        """The history row (its data encrypted) and the outbox row of a command."""
        correlation_id = uuid.uuid4().hex
        session.add(
            HistoryRow(
                case_id=case.id,
                seq=seq,
                trigger=trigger,
                from_state=from_state,
                to_state=case.state,
                actor=actor,
                occurred_at=now,
                data=self.fernet.encrypt(json.dumps(data, ensure_ascii=False).encode()),
                correlation_id=correlation_id,
            )
        )
        values = outbox_values(trigger, case.id, actor, data, from_state, correlation_id, now)
        session.add(OutboxRow(**values))

    def close(self) -> None:
        self.engine.dispose()
