"""Peer 1: SpiffWorkflow 3.2 runs the lifecycle as a BPMN process (`lifecycle.bpmn`: five user
tasks in sequence), its state kept in the case row.

Per command, one transaction (SQLAlchemy Core, statements built once so their compiled form is
cached): SELECT the case's version, state and serialized workflow; restore the workflow with
`BpmnWorkflowSerializer`, check that the ready user task is the command's, run it and the
engine steps after it; UPDATE the case row (the workflow's JSON, the state and the columns the
step changes) with the optimistic version check; INSERT the history row (its data encrypted
with Fernet) and the outbox row. Register: a new workflow from the parsed spec, INSERT of the
case, the report (encrypted), history and outbox.
"""

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.fernet import Fernet

from benchmarks.peers.common import FEEDBACK, Peer, make_engine, next_deadline, outbox_values, utc

try:
    from SpiffWorkflow.bpmn.parser import BpmnParser
    from SpiffWorkflow.bpmn.serializer import DEFAULT_CONFIG, BpmnWorkflowSerializer
    from SpiffWorkflow.bpmn.serializer.default import BpmnWorkflowConverter
    from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
    from SpiffWorkflow.util.task import TaskState
except ModuleNotFoundError as error:
    raise ModuleNotFoundError(
        f"the SpiffWorkflow peer needs SpiffWorkflow 3.2 ({error}): "
        "pip install -e .[bench], or run with --no-peers",
        name=error.name,
    ) from error

BPMN = Path(__file__).with_name("lifecycle.bpmn")
PROCESS = "case_lifecycle"
# The case's state after each step, for the sweeps and lists that query the row.
STATE_AFTER = {
    "register": "received",
    "assess_risk": "risk_assessed",
    "advise": "advised",
    "start_case_direction": "in_case_direction",
    "scale_down": "scaled_down_locally",
    "close": "closed",
}
# Only what a gateway could route on goes into the workflow's data: the serialized workflow is
# stored unencrypted, so free text (rationale, plan, handover) lives in the encrypted history.
WORKFLOW_FIELDS = {"assess_risk": ("level",), "start_case_direction": ("case_director",)}


def step_columns(trigger: str, data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The columns a step sets beside state, version, workflow, timestamps and deadline."""
    if trigger == "assess_risk":
        return {"risk_level": data["level"]}
    if trigger == "start_case_direction":
        return {"case_director": data["case_director"]}
    if trigger == "scale_down":
        return {"scaled_down_at": now}
    if trigger == "close":
        return {"closing_result": data["result"]}
    return {}


Moment = sa.DateTime(timezone=True)
metadata = sa.MetaData()
cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("state", sa.String(32), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("workflow", sa.Text, nullable=False),  # BpmnWorkflowSerializer's JSON, spec left out
    sa.Column("received_at", Moment, nullable=False),
    sa.Column("municipality", sa.String(100), nullable=False, index=True),
    sa.Column("risk_level", sa.String(16)),
    sa.Column("case_director", sa.String(100), index=True),
    sa.Column("closing_result", sa.String(40)),
    sa.Column("created_at", Moment, nullable=False),
    sa.Column("updated_at", Moment, nullable=False),
    sa.Column("state_entered_at", Moment, nullable=False),
    sa.Column("scaled_down_at", Moment),
    sa.Column("deadline_at", Moment, index=True),
    sa.Column("deadline_kind", sa.String(40)),
    sa.Column("feedback_due_at", Moment),
)
reports = sa.Table(
    "reports",
    metadata,
    sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), primary_key=True),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("received_at", Moment, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),  # encrypted JSON of the report
)
case_history = sa.Table(
    "case_history",
    metadata,
    sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("trigger", sa.String(40), nullable=False),
    sa.Column("from_state", sa.String(32)),
    sa.Column("to_state", sa.String(32), nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("occurred_at", Moment, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),  # encrypted JSON
    sa.Column("correlation_id", sa.String(64)),
    sa.PrimaryKeyConstraint("case_id", "seq"),
)
outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
    sa.Column("event_id", sa.String(36), nullable=False, unique=True),
    sa.Column("event_type", sa.String(60), nullable=False),
    sa.Column("case_id", sa.String(36), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("created_at", Moment, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("available_at", Moment, nullable=False),
    sa.Index("ix_outbox_status_id", "status", "id"),
)

LOAD = sa.select(cases.c.version, cases.c.state, cases.c.workflow).where(
    cases.c.id == sa.bindparam("case_id")
)
# The values name the columns to SET; b_ parameters are the WHERE clause's.
SAVE = cases.update().where(
    cases.c.id == sa.bindparam("b_id"), cases.c.version == sa.bindparam("b_version")
)


class OneSpecWorkflowConverter(BpmnWorkflowConverter):
    """The workflow's conversion without its process spec, the other half of the default
    serialization: every case runs the one spec parsed from lifecycle.bpmn at start, so the case
    row keeps the instance state only, and a load does not rebuild the spec (SpiffWorkflow's
    serialization guide: keep specs apart from instance data)."""

    def __init__(self, registry: Any, spec: Any) -> None:
        self.spec = spec
        super().__init__(BpmnWorkflow, registry)  # replaces the default conversion

    def to_dict(self, workflow: Any) -> dict[str, Any]:
        # The base workflow conversion (data, tasks), then what BpmnWorkflowConverter adds
        # besides the specs; the lifecycle has no subprocesses.
        dct: dict[str, Any] = super(BpmnWorkflowConverter, self).to_dict(workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct: dict[str, Any]) -> Any:
        workflow = self.target_class(self.spec, {}, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], uuid.UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(uuid.UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


class StaleCase(Exception):
    """Another writer saved the case since it was loaded."""


class SpiffPeer(Peer):
    def __init__(
        self, url: str, key: str, report: dict[str, Any], life: list[tuple[str, dict[str, Any]]]
    ) -> None:
        super().__init__(report, life)
        self.engine = make_engine(url)
        metadata.create_all(self.engine)
        self.fernet = Fernet(key.encode())
        parser = BpmnParser()
        parser.add_bpmn_file(str(BPMN))
        self.spec = parser.get_spec(PROCESS)  # parsed once; each case starts from it
        registry = BpmnWorkflowSerializer.configure(DEFAULT_CONFIG)
        OneSpecWorkflowConverter(registry, self.spec)
        self.serializer = BpmnWorkflowSerializer(registry)

    def register(self, report: dict[str, Any], actor: str) -> str:
        now = datetime.now(UTC)
        case_id = str(uuid.uuid4())
        workflow = BpmnWorkflow(self.spec)
        workflow.do_engine_steps()  # past the start event, to the first user task
        received_at = utc(report["received_at"])
        deadline_at, deadline_kind = next_deadline("received", now)
        data = {"channel": report["channel"]}
        with self.engine.begin() as conn:
            conn.execute(
                cases.insert(),
                {
                    "id": case_id,
                    "state": "received",
                    "version": 1,
                    "workflow": self.serializer.serialize_json(workflow),
                    "received_at": received_at,
                    "municipality": report["subject"]["municipality"],
                    "created_at": now,
                    "updated_at": now,
                    "state_entered_at": now,
                    "deadline_at": deadline_at,
                    "deadline_kind": deadline_kind,
                    "feedback_due_at": received_at + FEEDBACK,
                },
            )
            conn.execute(
                reports.insert(),
                {
                    "case_id": case_id,
                    "channel": report["channel"],
                    "received_at": received_at,
                    "content": self.fernet.encrypt(json.dumps(report).encode()),
                },
            )
            self.record(conn, case_id, 1, "register", None, actor, data, now)
        return case_id

    def transition(self, case_id: str, trigger: str, data: dict[str, Any], actor: str) -> None:
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            row = conn.execute(LOAD, {"case_id": case_id}).one()
            workflow = self.serializer.deserialize_json(row.workflow)
            task = workflow.get_next_task(state=TaskState.READY, manual=True)
            if task is None or task.task_spec.name != trigger:
                ready = task.task_spec.name if task else "none"
                raise ValueError(f"{trigger} refused in {row.state}: ready is {ready}")
            task.data.update({field: data[field] for field in WORKFLOW_FIELDS.get(trigger, ())})
            task.run()
            workflow.do_engine_steps()
            state = STATE_AFTER[trigger]
            deadline_at, deadline_kind = next_deadline(state, now)
            values: dict[str, Any] = {
                "state": state,
                "version": row.version + 1,
                "workflow": self.serializer.serialize_json(workflow),
                "updated_at": now,
                "state_entered_at": now,
                "deadline_at": deadline_at,
                "deadline_kind": deadline_kind,
                **step_columns(trigger, data, now),
            }
            saved = conn.execute(SAVE, {**values, "b_id": case_id, "b_version": row.version})
            if saved.rowcount != 1:
                raise StaleCase(case_id)
            self.record(conn, case_id, row.version + 1, trigger, row.state, actor, data, now)

    def record(
        self,
        conn: sa.Connection,
        case_id: str,
        seq: int,
        trigger: str,
        from_state: str | None,
        actor: str,
        data: dict[str, Any],
        now: datetime,
    ) -> None:
        """The history row (its data encrypted) and the outbox row of a command."""
        correlation_id = uuid.uuid4().hex
        conn.execute(
            case_history.insert(),
            {
                "case_id": case_id,
                "seq": seq,
                "trigger": trigger,
                "from_state": from_state,
                "to_state": STATE_AFTER[trigger],
                "actor": actor,
                "occurred_at": now,
                "data": self.fernet.encrypt(json.dumps(data, ensure_ascii=False).encode()),
                "correlation_id": correlation_id,
            },
        )
        conn.execute(
            outbox.insert(),
            outbox_values(trigger, case_id, actor, data, from_state, correlation_id, now),
        )

    def close(self) -> None:
        self.engine.dispose()
