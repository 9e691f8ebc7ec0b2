"""The team lead's review of break-the-glass grants, the same from every entry point (CLI, API,
web): list them, and judge one `justified` or `not_justified` with a reason of real words.
Each read and each verdict passes the gate and is in the access log (docs/privacy.md)."""

from typing import Any

from adapters.db.break_glass_grants import VERDICTS
from adapters.gate import Gate, break_glass_reason
from workflow.access import Action
from workflow.errors import InvalidInput, reason

REVIEW = Action.REVIEW_BREAK_GLASS


def list_grants(
    gate: Gate, open_only: bool, limit: int = 100, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """The grants (only those still `open` with `open_only`), oldest first, and how many."""
    gate.allow(REVIEW, "break_glass_grant")
    fields = ("open" if open_only else "all",)
    with gate.logged(REVIEW, "break_glass_grant", fields=fields):
        return gate.grants().page(open_only, limit, offset)


def review_grant(gate: Gate, grant_id: str, verdict: str, said: str | None) -> dict[str, Any]:
    """Judge an open grant; InvalidInput naming the field when the verdict, the reason or the
    grant is not right, and nothing changes."""
    gate.allow(REVIEW, "break_glass_grant")
    if verdict not in VERDICTS:
        why = reason("break_glass.verdict", "choose --justified or --not-justified (one of them)")
        raise InvalidInput([("verdict", why)])
    stated = break_glass_reason(said, "reason")
    if stated is None:
        why = reason(
            "break_glass.reason_words",
            "state the reason in at least {count} different words (letters, not punctuation)",
            count=3,
        )
        raise InvalidInput([("reason", why)])
    with gate.logged(REVIEW, "break_glass_grant", fields=(verdict, grant_id)):
        done = gate.grants().review(grant_id, verdict, gate.principal.name, stated)
        if done is None:
            why = reason("break_glass.no_grant", "no open break-the-glass grant with this id")
            raise InvalidInput([("grant", why)])
    return done
