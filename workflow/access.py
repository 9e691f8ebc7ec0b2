"""Who may do what: roles, the actions of the API, and each role's scope of cases.

Pure policy, no I/O: the HTTP adapter asks it before anything is read or changed, the database
adapter turns a `Scope` into a query, and docs/api.md shows the same matrix as a table.

A person may hold several roles (a team lead who also takes reports in): they act with all of
them at once, each action allowed when any of their roles allows it, and their scope the union
of their roles' scopes."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from states import State


class Role(StrEnum):
    INTAKE = "intake"
    CASE_DIRECTOR = "case_director"
    TEAM_LEAD = "team_lead"
    CARE_COORDINATOR = "care_coordinator"
    ANALYST = "analyst"
    PARTNER = "partner"
    ADMIN = "admin"
    # Answers the data subject's requests (AVG art. 15-18): never the case work itself.
    PRIVACY_OFFICER = "privacy_officer"


class Action(StrEnum):
    READ_SELF = "read_self"
    REGISTER_REPORT = "register_report"
    LIST_CASES = "list_cases"
    READ_CASE = "read_case"
    FIRE_TRIGGER = "fire_trigger"
    RECORD_ACTIVITY = "record_activity"
    RECORD_FOLLOW_UP = "record_follow_up"
    ASSIGN_CASE = "assign_case"
    CONFIRM_ASSESSMENT = "confirm_assessment"
    READ_NOTIFICATIONS = "read_notifications"
    READ_ACCESS_LOG = "read_access_log"
    REVIEW_BREAK_GLASS = "review_break_glass"
    SUBJECT_ACCESS_REPORT = "subject_access_report"
    READ_STATISTICS = "read_statistics"
    MANAGE_USERS = "manage_users"
    MANAGE_CONSENT = "manage_consent"
    PUBLISH_PARTNER_EVENT = "publish_partner_event"
    READ_SUBSCRIPTION = "read_subscription"
    READ_SENT_TO_PARTNER = "read_sent_to_partner"
    READ_UNSUPPRESSED_FIGURES = "read_unsuppressed_figures"
    RECORD_NONCASE_WORK = "record_noncase_work"
    READ_NONCASE_WORK = "read_noncase_work"
    CORRECT_REPORT = "correct_report"
    RESTRICT_CASE = "restrict_case"
    # Retention (docs/retention.md): legal holds, destruction lists, erasure.
    MANAGE_RETENTION = "manage_retention"
    # The list of tokens: who holds one, who made it, until when; never a secret.
    LIST_TOKENS = "list_tokens"


R = Role
CASE_WORKERS = frozenset({R.INTAKE, R.CASE_DIRECTOR, R.TEAM_LEAD, R.CARE_COORDINATOR})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.READ_SELF: frozenset(Role),
    Action.REGISTER_REPORT: frozenset({R.INTAKE, R.TEAM_LEAD}),
    Action.LIST_CASES: CASE_WORKERS,
    Action.READ_CASE: CASE_WORKERS,
    Action.FIRE_TRIGGER: frozenset({R.INTAKE, R.CASE_DIRECTOR, R.TEAM_LEAD}),
    Action.RECORD_ACTIVITY: CASE_WORKERS,
    Action.RECORD_FOLLOW_UP: frozenset({R.CASE_DIRECTOR, R.TEAM_LEAD}),
    Action.ASSIGN_CASE: frozenset({R.CASE_DIRECTOR, R.TEAM_LEAD}),
    # Four eyes: an assessment below a high or acute suggestion is confirmed by a team lead.
    Action.CONFIRM_ASSESSMENT: frozenset({R.TEAM_LEAD}),
    Action.READ_NOTIFICATIONS: CASE_WORKERS,
    Action.READ_ACCESS_LOG: frozenset({R.TEAM_LEAD}),
    Action.REVIEW_BREAK_GLASS: frozenset({R.TEAM_LEAD}),
    Action.SUBJECT_ACCESS_REPORT: frozenset({R.TEAM_LEAD, R.PRIVACY_OFFICER}),
    # Aggregates only, small cells suppressed: never a person.
    Action.READ_STATISTICS: frozenset({R.ANALYST, R.TEAM_LEAD}),
    Action.MANAGE_USERS: frozenset({R.ADMIN}),
    # Consent is taken down by those who work with the person.
    Action.MANAGE_CONSENT: frozenset({R.CASE_DIRECTOR, R.TEAM_LEAD, R.CARE_COORDINATOR}),
    # A partner publishes its own events and sees its own subscription and what was sent to
    # it, nothing else.
    Action.PUBLISH_PARTNER_EVENT: frozenset({R.PARTNER}),
    Action.READ_SUBSCRIPTION: frozenset({R.PARTNER}),
    Action.READ_SENT_TO_PARTNER: frozenset({R.PARTNER}),
    # Figures without small-cell suppression (docs/figures.md): the team lead, who may see
    # every case anyway; analysts see suppressed figures only.
    Action.READ_UNSUPPRESSED_FIGURES: frozenset({R.TEAM_LEAD}),
    # Advice questions and prevention activities (docs/noncase.md): intake and the case
    # directors record them, the team lead reads them too; analysts only count them, in the
    # figures (READ_STATISTICS, small cells suppressed).
    Action.RECORD_NONCASE_WORK: frozenset({R.INTAKE, R.CASE_DIRECTOR}),
    Action.READ_NONCASE_WORK: frozenset({R.INTAKE, R.CASE_DIRECTOR, R.TEAM_LEAD}),
    # The data subject's rights (docs/subject_rights.md): correcting a report field (art. 16)
    # and restricting a case (art. 18).
    Action.CORRECT_REPORT: frozenset({R.TEAM_LEAD, R.PRIVACY_OFFICER}),
    Action.RESTRICT_CASE: frozenset({R.TEAM_LEAD, R.PRIVACY_OFFICER}),
    # Destruction is proposed by the job and decided by the team lead, as are legal holds.
    Action.MANAGE_RETENTION: frozenset({R.TEAM_LEAD}),
    # The team lead oversees the administrators (docs/privacy.md, "Administrators").
    Action.LIST_TOKENS: frozenset({R.TEAM_LEAD, R.ADMIN}),
}

# Actions on one case or a list of cases: the role's scope applies, and breaking the glass
# (a stated reason) opens a case outside it.
CASE_ACTIONS = frozenset(
    {
        Action.LIST_CASES,
        Action.READ_CASE,
        Action.FIRE_TRIGGER,
        Action.RECORD_ACTIVITY,
        Action.RECORD_FOLLOW_UP,
        Action.ASSIGN_CASE,
        Action.CONFIRM_ASSESSMENT,
        Action.MANAGE_CONSENT,
    }
)

CARE_STATES = frozenset({State.IN_CASE_DIRECTION, State.SCALED_DOWN_LOCALLY})


def may(roles: frozenset[Role], action: Action) -> bool:
    """Whether any of `roles` allows `action`."""
    return not PERMISSIONS[action].isdisjoint(roles)


def roles_label(roles: Iterable[Role]) -> str:
    """The roles as one text, for the access log and messages: "case_director+team_lead"."""
    return "+".join(sorted(role.value for role in roles))


@dataclass(frozen=True)
class Principal:
    """Who is asking: a user of the Meldpunt, from a stored token or an OIDC access token, with
    every role they hold."""

    name: str
    roles: frozenset[Role]
    team: str | None = None
    via: str = ""  # how they authenticated, for the access log: "token:<id>" or "oidc:<client>"

    @property
    def role_label(self) -> str:
        return roles_label(self.roles)


# The rights work on a person's cases: region-wide for whoever may do it, restricted cases
# included, with no scope and no glass to break.
RIGHTS_ACTIONS = frozenset(
    {Action.SUBJECT_ACCESS_REPORT, Action.CORRECT_REPORT, Action.RESTRICT_CASE}
)


def may_open_restricted(roles: frozenset[Role], action: Action) -> bool:
    """Whether `roles` may do `action` on a restricted case (AVG art. 18): the team lead, and
    whoever does the rights work for the rights work; for everyone else it is not there."""
    return Role.TEAM_LEAD in roles or (action in RIGHTS_ACTIONS and may(roles, action))


@dataclass(frozen=True)
class Scope:
    """The cases a principal sees without breaking the glass (need to know).

    everything: the region (team lead); else a case is in scope when any given part matches.
    restricted: restricted cases are shown too (the team lead's); else they are left out."""

    everything: bool = False
    restricted: bool = False
    director: str | None = None
    team: str | None = None
    unassigned: bool = False
    states: frozenset[State] = frozenset()


@dataclass(frozen=True)
class CaseStanding:
    """Where one case stands for the scope rule: its state, director, and the director's team."""

    case_id: str
    state: State
    case_director: str | None
    director_team: str | None
    subject_key: str | None
    restricted: bool = False


def scope_of(principal: Principal) -> Scope:
    """The union of the scopes of the principal's roles."""
    roles = principal.roles
    if Role.TEAM_LEAD in roles:
        return Scope(everything=True, restricted=True)
    directs = Role.CASE_DIRECTOR in roles
    return Scope(
        director=principal.name if directs else None,
        team=principal.team if directs else None,
        unassigned=Role.INTAKE in roles,  # reports not yet handed to a case director
        states=CARE_STATES if Role.CARE_COORDINATOR in roles else frozenset(),
    )


def in_scope(scope: Scope, case: CaseStanding) -> bool:
    if case.restricted and not scope.restricted:
        return False
    return (
        scope.everything
        or (scope.director is not None and case.case_director == scope.director)
        or (scope.team is not None and case.director_team == scope.team)
        or (scope.unassigned and case.case_director is None)
        or case.state in scope.states
    )


@dataclass(frozen=True)
class AccessEntry:
    """One line of the access log (NEN 7513): who saw or did what to which case, from where, on
    whose behalf, why, and with what outcome."""

    actor: str
    role: str
    via: str
    action: str  # read, list, search, write, export
    resource: str  # case, case_list, access_log, statistics, ...
    outcome: str  # ok, refused, not_found, bad_input, conflict, ...
    case_id: str | None = None
    fields: Sequence[str] = field(default_factory=tuple)
    purpose: str | None = None
    on_behalf_of: str | None = None
    client: str | None = None
    break_glass: bool = False
    reason: str | None = None
