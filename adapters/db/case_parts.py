"""The parts of a case kept in tables of their own: links to other cases and consents."""

from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from adapters.db.driver import driver_statement
from adapters.db.tables import case_links, consents
from adapters.db.writes import Writes
from workflow.case import Case
from workflow.consent import Consent, ConsentGiver, ConsentScope

_CONSENTS = (
    select(consents).where(consents.c.case_id == bindparam("case_id")).order_by(consents.c.given_at)
)


def persist_parts(writes: Writes, case: Case) -> None:
    """Add the writes of what the case changed besides its own row and history."""
    for decision in case.link_decisions:
        writes.execute(
            update(case_links)
            .where(
                case_links.c.case_id == case.id,
                case_links.c.linked_case_id == decision.linked_case_id,
            )
            .values(
                status=decision.status,
                decided_by=decision.decided_by,
                decided_at=decision.decided_at,
            )
        )
    writes.insert(case_links, [vars(link) for link in case.new_links])
    writes.insert(consents, [_consent_row(c) for c in case.new_consents])
    for withdrawal in case.consent_withdrawals:
        writes.execute(
            update(consents)
            .where(consents.c.consent_id == withdrawal.consent_id)
            .values(withdrawn_at=withdrawal.withdrawn_at, withdrawn_by=withdrawal.withdrawn_by)
        )


def load_consents(connection: Connection, case_id: str) -> list[Consent]:
    load = driver_statement(connection, "load consents", lambda: _CONSENTS)
    return [
        Consent(
            row.consent_id,
            row.case_id,
            ConsentGiver(row.given_by),
            ConsentScope(row.scope),
            row.partner,
            row.given_at,
            row.recorded_by,
            row.withdrawn_at,
            row.withdrawn_by,
        )
        for row in load.all(connection, {"case_id": case_id})
    ]


def _consent_row(consent: Consent) -> dict[str, Any]:
    row = vars(consent).copy()
    row["given_by"], row["scope"] = consent.given_by.value, consent.scope.value
    return row
