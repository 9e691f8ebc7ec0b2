"""Request and response bodies of the API, so the OpenAPI document says what each one holds."""

from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from workflow.activity_data import ActivityData, FollowUpData
from workflow.people import NewUser, UserName

T = TypeVar("T")
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Version = Annotated[int, Field(ge=1, le=2_147_483_647)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
    next: str | None = Field(description="the URL of the next page, none on the last")


class CaseRefOut(BaseModel):
    case_id: str
    state: str
    version: int
    awaiting_confirmation: bool = Field(
        default=False, description="an assessment waits for a team lead to confirm it"
    )


class CaseSummary(BaseModel):
    model_config = ConfigDict(extra="allow")
    case_id: str
    state: str
    version: int
    municipality: str
    risk_level: str | None
    case_director: str | None
    deadline_at: str | None
    deadline_kind: str | None


class CaseDetail(CaseSummary):
    history: list[dict[str, Any]]
    linked_cases: list[dict[str, Any]]
    allowed_triggers: list[str]
    # Retention (docs/retention.md), by their ZGW names.
    archiefnominatie: str | None = Field(None, description="vernietigen or blijvend_bewaren")
    archiefactiedatum: str | None = Field(None, description="the day it is due (closed cases)")
    archiefstatus: str | None = Field(None, description="nog_te_archiveren or gearchiveerd")
    legal_hold: bool = Field(False, description="a legal hold stops every retention action")


class TransitionIn(_Body):
    trigger: Annotated[str, StringConstraints(max_length=40)]
    data: dict[str, Any] = Field(default_factory=dict)
    expected_version: Version | None = Field(
        default=None, description="refuse with 409 if the case moved on (or send If-Match)"
    )


class CaseInFile(CaseSummary):
    allowed_triggers: list[str]
    risk_floor: str | None
    age_at_report: int | None


class CaseFile(BaseModel):
    case: CaseInFile
    report: dict[str, Any] = Field(description="the report as registered (docs/risk.md)")
    assessment: dict[str, Any] | None = Field(description="the latest risk assessment")
    plan: dict[str, Any] | None = Field(description="the plan of approach")
    activities: list[dict[str, Any]]
    follow_ups: list[dict[str, Any]]
    consents: list[dict[str, Any]]
    disclosures: list[dict[str, Any]]
    related_cases: list[dict[str, Any]]
    timeline: list[dict[str, Any]]


class ActivityIn(ActivityData):
    expected_version: Version | None = None

    def activity(self) -> ActivityData:
        return ActivityData(kind=self.kind, summary=self.summary)


class FollowUpIn(FollowUpData):
    expected_version: Version | None = None

    def follow_up(self) -> FollowUpData:
        return FollowUpData(outcome=self.outcome, notes=self.notes)


class ConfirmationIn(_Body):
    confirm: bool
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    expected_version: Version | None = None


class AssignmentIn(_Body):
    case_director: UserName
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    expected_version: Version | None = None


class UserIn(NewUser):
    """A user with one or more roles (docs/api.md, "Several roles")."""


class UserOut(BaseModel):
    user_id: str
    name: str
    roles: list[str]
    team: str | None
    created_at: str
    created_by: str | None = Field(None, description="the administrator who added the user")


class TokenIn(_Body):
    days: Annotated[int, Field(ge=1, le=366)] = 30


class TokenOut(BaseModel):
    token_id: str
    token: str = Field(description="shown once; only its SHA-256 is kept")
    expires_at: str
    pending: bool = Field(
        False, description="made for another's account: works once a second admin approves it"
    )


class Me(BaseModel):
    name: str
    roles: list[str]
    team: str | None
    via: str
    actions: list[str]


class Notification(BaseModel):
    id: int
    recipient: str = Field(description="you, or your role as role:NAME")
    kind: str
    case_id: str
    message: str = Field(description="what it says, in the service's language")
    details: dict[str, str] = Field(description="the values the message names, as codes")
    created_at: str


class AccessRow(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: int
    at: str
    actor: str
    role: str
    action: str
    resource: str
    case_id: str | None
    outcome: str
    break_glass: bool


# Each page a class of its own, so its schema is named in UpperCamelCase (ADR), not Page_X_.
class CasePage(Page[CaseSummary]):
    pass


class NotificationPage(Page[Notification]):
    pass


class AccessRowPage(Page[AccessRow]):
    pass


class UserPage(Page[UserOut]):
    pass


class Sent(BaseModel):
    id: int
    key: str = Field(description="the Idempotency-Key (webhook) or message id (AMQP) it carried")
    event_type: str
    form: str
    fields: list[str] = Field(description="the names of the fields it carried")
    legal_basis: str
    case_id: str
    status: str = Field(description="pending, delivered or dead")
    channel: str
    attempts: int
    last_error: str | None
    created_at: str
    delivered_at: str | None


class SentPage(Page[Sent]):
    pass


class SubjectReport(Page[AccessRow]):
    cases: list[str] = Field(description="the cases of the same person (same subject key)")


class Statistics(BaseModel):
    total: int | None = Field(description="none when below the small-cell threshold")
    by: dict[str, dict[str, int | None]] = Field(description="counts; none where suppressed")
    threshold: int
