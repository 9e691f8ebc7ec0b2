"""SQLAlchemy Core tables. Alembic migrations in `migrations/` create exactly these."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)

metadata = MetaData()

# SQLite gets INTEGER so the primary key is its rowid and autoincrements.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, UTC aware datetimes out, on every database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        utc: datetime = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


cases = Table(
    "cases",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("state", String(32), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("municipality", String(100), nullable=False, index=True),
    Column("risk_level", String(16)),
    Column("case_director", String(100), index=True),
    Column("closing_result", String(40)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    # Deadlines (migration 0002): computed on every change, indexed so sweeps cost what they find.
    Column("state_entered_at", UtcDateTime),
    Column("last_activity_at", UtcDateTime),
    Column("needs_plan", Boolean, nullable=False, server_default=false()),
    Column("scaled_down_at", UtcDateTime),
    Column("follow_ups_done", Integer, nullable=False, server_default="0"),
    Column("deadline_at", UtcDateTime, index=True),
    Column("deadline_kind", String(40)),
    Column("alert_stage", Integer, nullable=False, server_default="0"),
    Column("next_alert_at", UtcDateTime, index=True),
    Column("feedback_due_at", UtcDateTime),
    Column("feedback_alert_at", UtcDateTime, index=True),
    # Intake (migration 0004): keyed hashes to recognise the same person, never plaintext.
    Column("subject_key", String(64), index=True),
    Column("name_dob_key", String(64), index=True),
    Column("dob_key", String(64), index=True),
    Column("age_at_report", Integer),
    Column("risk_floor", String(16)),
    # Risk from the report (migration 0009): the level the report's signals point to, an
    # assessment awaiting a team lead, and whether the case is acute, which lists sort first.
    Column("suggested_risk_level", String(16)),
    Column("awaiting_confirmation", Boolean, nullable=False, server_default=false()),
    Column("urgent", Boolean, nullable=False, server_default=false()),
    Index("ix_cases_urgent_deadline", "urgent", "deadline_at"),
    # Restriction of processing, AVG art. 18 (migration 0014): only the team lead reads it; who
    # restricted it, why, and the lifting are in the history.
    Column("restricted", Boolean, nullable=False, server_default=false(), index=True),
    # Retention (migration 0013): the ZGW archive terms set at closing, and when the case was
    # anonymised (docs/retention.md).
    Column("archive_nomination", String(20)),
    Column("archive_action_date", Date, index=True),
    Column("archive_status", String(30)),
    Column("retention_rule", String(40)),
    Column("anonymised_at", UtcDateTime),
)

case_links = Table(
    "case_links",
    metadata,
    Column("case_id", String(36), ForeignKey("cases.id"), nullable=False),
    Column("linked_case_id", String(36), ForeignKey("cases.id"), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("status", String(20), nullable=False),
    Column("score", Float),
    Column("created_at", UtcDateTime, nullable=False),
    Column("decided_by", String(100)),
    Column("decided_at", UtcDateTime),
    PrimaryKeyConstraint("case_id", "linked_case_id", name="pk_case_links"),
)

reports = Table(
    "reports",
    metadata,
    Column("case_id", String(36), ForeignKey("cases.id"), primary_key=True),
    Column("channel", String(20), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("content", LargeBinary, nullable=False),  # encrypted JSON of the whole report
)

case_history = Table(
    "case_history",
    metadata,
    Column("case_id", String(36), ForeignKey("cases.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("trigger", String(40), nullable=False),
    Column("from_state", String(32)),
    Column("to_state", String(32), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column(
        "data", LargeBinary, nullable=False
    ),  # encrypted JSON: rationale and plans are free text
    Column("correlation_id", String(64)),
    # (case_id, seq) unique: a second writer of the same version fails here even if the
    # version check were bypassed, so history can have no duplicates and no gaps.
    PrimaryKeyConstraint("case_id", "seq", name="pk_case_history"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("event_type", String(60), nullable=False),
    Column("case_id", String(36), nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("status", String(10), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("available_at", UtcDateTime, nullable=False),
    Column("last_error", Text),
    Column("done_at", UtcDateTime),
    Index("ix_outbox_status_id", "status", "id"),
)

# Which handler has taken effect for which message (an event id, or a partner message's key
# for a command): a redelivery finds its row and is skipped (migration 0007 renamed it from
# "inbox", a word that now means nothing else).
handled_messages = Table(
    "handled_messages",
    metadata,
    Column("message_id", String(36), nullable=False),
    Column("handler", String(200), nullable=False),
    Column("processed_at", UtcDateTime, nullable=False, index=True),
    PrimaryKeyConstraint("message_id", "handler", name="pk_handled_messages"),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("recipient", String(100), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("case_id", String(36), nullable=False),
    Column("event_id", String(36)),
    # JSON of the values the notification's text names (migration 0011): no personal data.
    Column("details", Text, nullable=False, server_default="{}"),
    Column("created_at", UtcDateTime, nullable=False),
    Column("read_at", UtcDateTime),
    Column("emailed_at", UtcDateTime),  # migration 0003
)

# The HTTP API (migration 0005): users, their bearer tokens (only a SHA-256 of each is kept),
# and the access log (NEN 7513), append-only and chained by hash.
users = Table(
    "users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("team", String(100), index=True),
    Column("created_at", UtcDateTime, nullable=False),
    # Who added the user (migration 0018): an administrator, or "bootstrap" before there was one.
    Column("created_by", String(100)),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
    # Migration 0018: who issued it, and for a token made for someone else's account, the
    # second administrator who approved it; a pending token lets no one in.
    Column("created_by", String(100)),
    Column("approved_by", String(100)),
    Column("pending", Boolean, nullable=False, server_default=false()),
)

access_log = Table(
    "access_log",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    # Every role the person acted with, joined by "+" (migration 0012): "case_director+team_lead".
    Column("role", String(100), nullable=False),
    Column("on_behalf_of", String(100)),
    Column("via", String(100), nullable=False),
    Column("client", String(100)),
    Column("action", String(20), nullable=False),
    Column("resource", String(40), nullable=False),
    Column("case_id", String(36), index=True),
    Column("subject_key", String(64), index=True),
    Column("fields", Text),
    Column("purpose", String(200)),
    Column("outcome", String(30), nullable=False),
    Column("break_glass", Boolean, nullable=False, server_default=false(), index=True),
    Column("reason", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False, unique=True),
)

# One row (id 1): the chain's last id and hash. Writers lock it, so two cannot fork the chain,
# and it makes a deleted tail detectable.
access_log_head = Table(
    "access_log_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("last_id", BigInteger, nullable=False),
    Column("last_hash", String(64), nullable=False),
)


consents = Table(
    "consents",
    metadata,
    Column("consent_id", String(36), primary_key=True),
    Column("case_id", String(36), ForeignKey("cases.id"), nullable=False, index=True),
    Column("given_by", String(30), nullable=False),
    Column("scope", String(30), nullable=False),
    Column("partner", String(40)),
    Column("given_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(100), nullable=False),
    Column("withdrawn_at", UtcDateTime),
    Column("withdrawn_by", String(100)),
)

# A disclosure's status: waiting (due at next_attempt_at), delivered, or dead after the last try.
PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"

# Every message to a partner: the record of the disclosure (what, to whom, on which legal
# basis) and, while `status` is pending, the durable queue its delivery works from.
disclosures = Table(
    "disclosures",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("case_id", String(36), nullable=False, index=True),
    Column("partner", String(40), nullable=False),
    Column("event_id", String(36), nullable=False),
    Column("event_type", String(60), nullable=False),
    Column("form", String(20), nullable=False),
    Column("fields", Text, nullable=False),
    Column("legal_basis", Text, nullable=False),
    Column("consent_id", String(36)),
    Column("payload", LargeBinary, nullable=False),  # encrypted: it may hold a handover
    Column("channel", String(20), nullable=False),
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("last_error", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("delivered_at", UtcDateTime),
    # When the team lead was told it is stuck (migration 0010): said once per disclosure.
    Column("stuck_alerted_at", UtcDateTime),
    UniqueConstraint("event_id", "partner", "form", name="uq_disclosures_event_partner_form"),
    Index("ix_disclosures_status_next", "status", "next_attempt_at"),
)

# Hardening (migration 0012): a person may hold several roles, and acts with all of them.
user_roles = Table(
    "user_roles",
    metadata,
    Column("user_id", String(36), ForeignKey("users.id"), nullable=False),
    Column("role", String(30), nullable=False),
    PrimaryKeyConstraint("user_id", "role"),
)

# Figures (migration 0017): the non-identifying facts of a report that figures count, kept
# plain because the report itself is encrypted (docs/figures.md): the subject's sex, the kind
# of reporter, the forms of exploitation, and the moments the time norms measure.
case_facts = Table(
    "case_facts",
    metadata,
    Column("case_id", String(36), ForeignKey("cases.id"), primary_key=True),
    Column("sex", String(10), nullable=False),
    Column("reporter_kind", String(30), nullable=False),
)

case_forms = Table(
    "case_forms",
    metadata,
    Column("case_id", String(36), ForeignKey("cases.id"), nullable=False),
    Column("form", String(20), nullable=False),
    PrimaryKeyConstraint("case_id", "form", name="pk_case_forms"),
)

# One row per history entry that reached a milestone: assessed, reporter_feedback,
# plan_of_approach.
case_milestones = Table(
    "case_milestones",
    metadata,
    Column("case_id", String(36), ForeignKey("cases.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("case_id", "seq", name="pk_case_milestones"),
    Index("ix_case_milestones_kind", "kind", "case_id"),
)

# The non-case work (migration 0015): advice questions without a named person, and prevention
# activities and trainings, planned and held. Counted per municipality and period
# (adapters/db/noncase_counts.py).
advice_questions = Table(
    "advice_questions",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("asked_on", Date, nullable=False),
    Column("channel", String(20), nullable=False),
    Column("organisation", String(200), nullable=False),
    Column("professional", String(30), nullable=False),
    Column("municipality", String(60), nullable=False),
    Column("topics", Text, nullable=False),  # codes, comma-separated
    Column("advice", LargeBinary, nullable=False),  # encrypted: free text
    Column("minutes", Integer, nullable=False),
    Column("led_to_report", Boolean, nullable=False),
    # Erasing a case (retention) keeps the question, counted as having led to a report.
    Column("case_id", String(36), ForeignKey("cases.id", ondelete="SET NULL"), index=True),
    Column("recorded_by", String(100), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Index("ix_advice_questions_asked_on", "asked_on", "municipality"),
)

prevention_activities = Table(
    "prevention_activities",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("day", Date, nullable=False),
    Column("municipality", String(60), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("audience", String(30), nullable=False),
    Column("participants", Integer, nullable=False),
    Column("partners", Text, nullable=False),  # JSON list of names
    Column("hours", Float, nullable=False),
    Column("status", String(10), nullable=False),  # planned, held
    Column("recorded_by", String(100), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("held_by", String(100)),
    Column("held_at", UtcDateTime),
    Index("ix_prevention_activities_day", "day", "municipality"),
)

# The web application for people (migration 0016): local accounts' password hashes (argon2),
# sessions (only a SHA-256 of each id), a person's saved worklist filter, and the team lead's
# review of break-the-glass reads (a row per access-log row reviewed; the log stays append-only).
web_passwords = Table(
    "web_passwords",
    metadata,
    Column("user_id", String(36), ForeignKey("users.id"), primary_key=True),
    Column("password_hash", String(200), nullable=False),
    Column("changed_at", UtcDateTime, nullable=False),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_name", String(100), nullable=False),
    Column("roles", String(200), nullable=False),
    Column("team", String(100)),
    Column("via", String(100), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False, index=True),
    Column("ended_at", UtcDateTime),
)

web_filters = Table(
    "web_filters",
    metadata,
    Column("user_name", String(100), primary_key=True),
    Column("query", Text, nullable=False),
    Column("saved_at", UtcDateTime, nullable=False),
)

# The worklist's order (adapters/db/case_queries.py URGENCY) as an index, so a page of it costs
# what it shows, not what the database holds (migration 0016).
ix_cases_urgency = Index(
    "ix_cases_urgency",
    cases.c.urgent.desc(),
    cases.c.deadline_at.is_(None),
    cases.c.deadline_at,
    cases.c.received_at,
    cases.c.id,
)
# The same order within one case director's cases ("alleen mijn casussen").
ix_cases_director_urgency = Index(
    "ix_cases_director_urgency",
    cases.c.case_director,
    cases.c.urgent.desc(),
    cases.c.deadline_at.is_(None),
    cases.c.deadline_at,
    cases.c.received_at,
    cases.c.id,
)

break_glass_reviews = Table(
    "break_glass_reviews",
    metadata,
    Column("access_log_id", BigInteger, primary_key=True, autoincrement=False),
    Column("reviewed_by", String(100), nullable=False),
    Column("reviewed_at", UtcDateTime, nullable=False),
)

# Break-the-glass grants (migration 0019): one per (person, case) for a bounded time, told to the
# team lead at once and reviewed by them (open, justified, not_justified).
break_glass_grants = Table(
    "break_glass_grants",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("actor", String(100), nullable=False),
    Column("role", String(100), nullable=False),
    Column("case_id", String(36), nullable=False),
    Column("reason", Text, nullable=False),
    Column("granted_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("review_state", String(20), nullable=False, server_default="open", index=True),
    Column("reviewed_by", String(100)),
    Column("reviewed_at", UtcDateTime),
    Column("review_reason", Text),
    Index("ix_break_glass_grants_actor_case", "actor", "case_id", "expires_at"),
)

# Retention (migration 0013): legal holds stop every retention action on a case while one is
# not lifted; destruction lists propose cases for anonymisation, a team lead approves them.
legal_holds = Table(
    "legal_holds",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("case_id", String(36), ForeignKey("cases.id"), nullable=False, index=True),
    Column("placed_by", String(100), nullable=False),
    Column("placed_at", UtcDateTime, nullable=False),
    Column("reason", Text, nullable=False),
    Column("lifted_by", String(100)),
    Column("lifted_at", UtcDateTime),
    Column("lift_reason", Text),
)

destruction_lists = Table(
    "destruction_lists",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("status", String(20), nullable=False),  # proposed, approved
    Column("approved_by", String(100)),
    Column("approved_at", UtcDateTime),
)

destruction_items = Table(
    "destruction_items",
    metadata,
    Column("list_id", String(36), ForeignKey("destruction_lists.id"), nullable=False),
    Column("case_id", String(36), ForeignKey("cases.id"), nullable=False),
    Column("why", String(20), nullable=False),  # retention, erasure
    Column("rule", String(40)),
    Column("due_on", Date),
    Column("status", String(20), nullable=False, index=True),  # proposed, removed, anonymised
    Column("requested_by", String(100)),
    Column("removed_by", String(100)),
    Column("removed_at", UtcDateTime),
    Column("removed_reason", Text),
    Column("anonymised_at", UtcDateTime),
    PrimaryKeyConstraint("list_id", "case_id", name="pk_destruction_items"),
    # "Is this case proposed already?" is one probe of this index, however long the lists.
    Index("ix_destruction_items_case_status", "case_id", "status"),
)

# Where the access log's chain starts once rows past its term are pruned (migration 0013): the
# first kept row's id and the hash of the pruned row before it, so the chain still verifies.
access_log_anchor = Table(
    "access_log_anchor",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("first_id", BigInteger, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("pruned_at", UtcDateTime, nullable=False),
)
