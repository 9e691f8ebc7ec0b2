"""The people of the service, as the domain needs to know them: who may direct a case (a port,
implemented on the users table, adapters/db/users.py, and by a fake in the unit tests), and what
a new user must be."""

from typing import Annotated, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from workflow.access import Role, roles_label
from workflow.errors import InvalidInput, reason
from workflow.plain_text import NO_SPACES, PRINTABLE

DIRECTING_ROLES = frozenset({Role.CASE_DIRECTOR, Role.TEAM_LEAD})
# Names the system itself acts or addresses by (notifications to `role:team_lead`, partners as
# `partner:CODE`, jobs as `system`, the first setup as `bootstrap`): no person may take one.
RESERVED_NAMES = frozenset({"system", "bootstrap", "scheduler", "worker", "relay", "anonymous"})
RESERVED_PREFIXES = ("role:", "partner:", "system:", "token:", "oidc:", "cli:", "web:")


def reserved(name: str) -> bool:
    """Whether `name` looks like a system principal rather than a person or a partner account."""
    folded = name.strip().casefold()
    return folded in RESERVED_NAMES or folded.startswith(RESERVED_PREFIXES) or ":" in folded


class People(Protocol):
    def roles_of(self, name: str) -> frozenset[Role]:
        """The roles of the user named `name`; none for a name that is no user."""
        ...


def require_director(people: People, name: str, field: str) -> None:
    """A case is directed by a user who directs cases: a case director or a team lead."""
    roles = people.roles_of(name)
    if not roles:
        raise InvalidInput(
            [
                (
                    field,
                    reason(
                        "people.no_user",
                        "no user '{name}': a case director must be a user",
                        name=name,
                    ),
                )
            ]
        )
    if roles.isdisjoint(DIRECTING_ROLES):
        why = reason(
            "people.not_a_director",
            "'{name}' has the role {role}: a case director or a team lead directs a case",
            name=name,
            role=roles_label(roles),
        )
        raise InvalidInput([(field, why)])


UserName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=NO_SPACES),
]
TeamName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=PRINTABLE)
]


def _partner_alone(roles: list[Role]) -> list[Role]:
    # A partner account is a partner's system, never also a person of the Meldpunt.
    if Role.PARTNER in roles and len(set(roles)) > 1:
        raise PydanticCustomError("partner_alone", "the partner role is held alone")
    return sorted(set(roles))


class RolesGiven(BaseModel):
    """The roles a user holds from now, as an administrator changes them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    roles: list[Role] = Field(min_length=1, max_length=len(Role))

    @field_validator("roles")
    @classmethod
    def _partner_alone(cls, roles: list[Role]) -> list[Role]:
        return _partner_alone(roles)


class NewUser(BaseModel):
    """A user as added, by the CLI or the API: a name, one or more roles, and a team (a case
    director's team; a partner account's partner code)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: UserName
    roles: list[Role] = Field(min_length=1, max_length=len(Role))
    team: TeamName | None = None

    @field_validator("name")
    @classmethod
    def _not_reserved(cls, name: str) -> str:
        if reserved(name):
            raise PydanticCustomError(
                "reserved_name",
                "this name is reserved for the system (role:..., partner:..., system, ...)",
            )
        return name

    @field_validator("roles")
    @classmethod
    def _partner_alone(cls, roles: list[Role]) -> list[Role]:
        return _partner_alone(roles)
