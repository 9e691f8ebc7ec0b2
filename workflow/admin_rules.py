"""Who may make users and tokens for whom (docs/privacy.md, "Administrators"). Pure policy.

The one rule for tokens: a person issues tokens for their own account only. A token for anyone
else's account (a partner's system, a colleague who cannot sign in) is *requested* by one
administrator and lets no one in until a second administrator, neither the requester nor the
account's owner, approves it: four eyes."""

from enum import StrEnum

from workflow.access import Action, Principal, Role, may
from workflow.errors import NotAllowed


class Issue(StrEnum):
    OWN = "own"  # for the asker's own account: live at once
    REQUEST = "request"  # for someone else's: pending until a second administrator approves


def token_rule(asker: Principal, owner: str) -> Issue:
    """How `asker` may issue a token for the account named `owner`; NotAllowed when not at all."""
    if asker.name == owner:
        return Issue.OWN
    if may(asker.roles, Action.MANAGE_USERS):
        return Issue.REQUEST
    raise NotAllowed(asker.role_label, "issue_token_for_another")


def check_approval(asker: Principal, requested_by: str | None, owner: str) -> None:
    """A second administrator approves: not the one who asked, not the account's owner."""
    if Role.ADMIN not in asker.roles or asker.name in (requested_by, owner):
        raise NotAllowed(asker.role_label, "approve_own_token_request")


def check_role_change(asker: Principal, owner: str) -> None:
    """An administrator changes other people's roles, never their own."""
    if asker.name == owner:
        raise NotAllowed(asker.role_label, "change_own_roles")
