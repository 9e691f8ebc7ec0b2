"""The people of the service, as the domain needs to know them: who may direct a case. A port,
implemented on the users table (adapters/db/users.py) and by a fake in the unit tests."""

from typing import Protocol

from workflow.access import Role
from workflow.errors import InvalidInput, reason

DIRECTING_ROLES = frozenset({Role.CASE_DIRECTOR, Role.TEAM_LEAD})


class People(Protocol):
    def role_of(self, name: str) -> Role | None:
        """The role of the user named `name`, or None for a name that is no user."""
        ...


def require_director(people: People, name: str, field: str) -> None:
    """A case is directed by a user who directs cases: a case director or a team lead."""
    role = people.role_of(name)
    if role is None:
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
    if role not in DIRECTING_ROLES:
        why = reason(
            "people.not_a_director",
            "'{name}' has the role {role}: a case director or a team lead directs a case",
            name=name,
            role=role.value,
        )
        raise InvalidInput([(field, why)])
