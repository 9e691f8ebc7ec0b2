"""Who sees who a case is about: the person's name, birth date, BSN and other identifiers, and
how to reach the reporter. Those who register, direct and lead see them; the CoMensha care
coordinator works from what registration needs (form, age, sex, origin), not the person's name.
Pure policy, as workflow/access.py."""

from workflow.access import Role

SEES_IDENTITY = frozenset({Role.INTAKE, Role.CASE_DIRECTOR, Role.TEAM_LEAD})
IDENTIFYING = ("name", "date_of_birth", "bsn", "other_identifiers")
REPORTER_CONTACT = ("name", "phone", "email")


def sees_identity(roles: frozenset[Role]) -> bool:
    return not SEES_IDENTITY.isdisjoint(roles)
